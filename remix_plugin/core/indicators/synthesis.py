"""The two synthesis indicators per Comune (DESIGN §4): measured from the data pack, classed with
a stated method, traceable to the features behind every figure, and handed over as a point layer
(the indicator layers of the two maps), a CSV or a GeoPackage.

Measuring is the slow part and does not depend on the classes: `measure()` runs once (in a task),
`classify()` turns the measurement into classes for any method, number of classes and
normalisation, instantly.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple, Union

from qgis.core import QgsFeature, QgsFeatureRequest, QgsField, QgsFields, QgsGeometry, QgsVectorLayer

from remix_plugin.core.base import formatting, log, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import FieldType
from remix_plugin.core.base.values import text_value
from remix_plugin.core.data import datapack
from remix_plugin.core.data.comuni_index import Comuni
from remix_plugin.core.data.layers import add_attributes, add_features
from remix_plugin.core.indicators import classification, funding
from remix_plugin.core.indicators.classification import Classes

if TYPE_CHECKING:
    from remix_plugin.core.indicators.opportunity_area import AreaTally

INDICATOR_PROPERTY = "remix/indicator"


@dataclass(frozen=True)
class Definition:
    id: str
    entry_id: str
    title: str
    short: str
    unit: str
    quantities: Tuple[Tuple[str, str, str], ...]  # (field, field type name in qgis_compat.FieldType, Italian alias)
    units: Dict[str, str]  # normalisation -> unit of the classed value


INDICATORS: Dict[str, Definition] = {
    "superficie": Definition(
        "superficie",
        "indicatore_superficie",
        "Superficie delle aree di interesse per la rigenerazione",
        "Superficie delle aree di interesse",
        "ha",
        (
            ("superficie_ha", "Double", "Superficie (ha)"),
            ("quota_superficie", "Double", "Quota della superficie comunale (%)"),
            ("n_aree", "Int", "Aree (elementi)"),
        ),
        {"": "ha", "area": "% della superficie comunale", "popolazione": "m² per abitante"},
    ),
    "finanziamento": Definition(
        "finanziamento",
        "indicatore_finanziamento",
        "Finanziamento complessivo per interventi di rigenerazione",
        "Finanziamento complessivo",
        "€",
        (
            ("finanziamento", "Double", "Importo finanziato (€)"),
            ("cofinanziamento", "Double", "Importo cofinanziato (€)"),
            ("totale", "Double", "Importo totale (€)"),
            ("n_interventi", "Int", "Interventi"),
        ),
        {"": "€", "area": "€ per km²", "popolazione": "€ per abitante"},
    ),
}
EURO = ("finanziamento", "cofinanziamento", "totale")
# what an optional table the pack does not have means for the indicator (docs/DATA_PACK.md)
ABSENT_MEANING = {
    "aree_remix": "nessuna Area Remix, la superficie non le comprende",
    "ambiti_rigenerazione_8bis_40bis": "nessun ambito ex art. 8bis e 40bis, la superficie non li comprende",
    "offerta_at_2020": "nessun Ambito di Trasformazione 2020, la superficie non li comprende",
    "offerta_pa_2020": "nessun Piano Attuativo 2020, la superficie non li comprende",
    "aree_rigenerazione_pgt": "nessuna area della rigenerazione dei PGT, la superficie non le comprende",
    "interventi_pinqua": "nessun intervento PINQuA, il finanziamento non li comprende",
    "interventi_comein": "nessun intervento COME-IN, il finanziamento non li comprende",
    "interventi_periferie": "nessuna area di Bando PERIFERIE, il finanziamento non le comprende",
    "interventi_periferie_punti": "nessuna AZIONE di Bando PERIFERIE: contate solo le aree",
    "interventi_comuni": "nessuna ripartizione tra Comuni, ogni intervento va ai Comuni della sua geometria",
}
MIN_AREA_M2 = 1.0  # less than this inside a Comune counts as no area (the rule in opportunity_area.RULE)
NORMALISATIONS = {"": "nessuna", "area": "per superficie del Comune", "popolazione": "per abitante"}
COMMON_FIELDS = (
    ("pro_com_t", "String", "Codice ISTAT"),
    ("comune", "String", "Comune"),
    ("zona_omogenea", "String", "Zona omogenea"),
)


@dataclass
class Measurement:
    """What `measure()` found, per Comune in scope (same order as `comuni`), before any class."""

    which: str
    comuni: Comuni
    quantities: List[Dict[str, float]]
    tally: Union["AreaTally", funding.FundingTally]  # AreaTally for "superficie", FundingTally for "finanziamento"
    pack: Optional[Path] = None
    problems: List[str] = field(default_factory=list)
    absent: List[str] = field(default_factory=list)  # optional tables the pack does not have

    @property
    def definition(self) -> Definition:
        return INDICATORS[self.which]


@dataclass
class Figure:
    """One Comune's line: what the table, the CSV and the layer show."""

    code: str
    name: str
    zona: str
    number: int  # position in the measurement's Comuni
    quantities: Dict[str, float]
    value: Optional[float]  # the classed value (normalised when asked)
    classe_n: int
    classe: str


@dataclass
class TraceRow:
    """A feature behind a Comune's figure."""

    table: str
    fid: int
    key: str  # `id` of an area, CUP of an intervento
    description: str  # `nome` / `titolo`
    amount: float  # m² inside the Comune (before the union) or € attributed
    unit: str
    note: str


@dataclass
class IndicatorResult:
    measurement: Measurement
    classes: Classes
    normalise: str
    figures: List[Figure]
    computed: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))

    @property
    def definition(self) -> Definition:
        return self.measurement.definition

    @property
    def unit(self) -> str:
        return self.definition.units[self.normalise]

    def figure(self, code: str) -> Figure:
        for figure in self.figures:
            if figure.code == code:
                return figure
        raise RemixError(f"Comune «{code}» non presente nel risultato dell'indicatore.")

    def class_ranges(self) -> List[Tuple[int, str, float, float]]:
        """(number, label, lower, upper) of each class, lowest first."""
        b = self.classes.breaks
        return [(n, label, b[n - 1], b[n]) for n, label in enumerate(self.classes.labels, start=1)]

    def metadata(self) -> dict:
        m = self.measurement
        data: Dict[str, object] = {
            "indicatore": self.definition.id,
            "titolo": self.definition.title,
            "calcolato_il": self.computed,
            "pacchetto_dati": str(m.pack) if m.pack else None,
            "ambito": "Città metropolitana di Milano" if not m.comuni.scoped else sorted(m.comuni.codes),
            "comuni": len(self.figures),
            "regola": rule(m.which),
            "tabelle_assenti": m.absent,
            "normalizzazione": self.normalise or "nessuna",
            "valore_classificato": self.unit,
            "classificazione": self.classes.as_dict(),
            "problemi": m.problems,
        }
        if m.which == "finanziamento":
            tally = m.tally
            assert isinstance(tally, funding.FundingTally)  # what measure() made for "finanziamento"
            data["totali_euro"] = {name: cents / 100 for name, cents in zip(funding.AMOUNTS, tally.total_cents)}
            data["fuori_ambito_euro"] = {name: c / 100 for name, c in zip(funding.AMOUNTS, tally.outside_cents)}
            data["non_attribuiti_euro"] = {name: c / 100 for name, c in zip(funding.AMOUNTS, tally.unattributed_cents)}
        else:
            data["totale_ha"] = sum(f.quantities["superficie_ha"] for f in self.figures)
        return data

    def trace(self, code: str) -> List[TraceRow]:
        return trace_rows(self, [self.figure(code).number])[code]


def rule(which: str) -> str:
    from remix_plugin.core.indicators import (
        opportunity_area,  # numpy and GDAL: loaded when measuring, not at QGIS start
    )

    return {"superficie": opportunity_area.RULE, "finanziamento": funding.RULE}[which]


# --- measuring --------------------------------------------------------------------------------


def measure(
    which: str,
    pack: Path = None,
    scope: Optional[frozenset] = None,
    feedback=None,
    layers: Dict[str, QgsVectorLayer] = None,
) -> Measurement:
    """Measure an indicator for the Comuni in scope, from `layers` (table -> layer) and, for the tables it
    lacks, from the pack."""
    with Tables(pack, layers) as tables:
        return tables.measure(which, scope, feedback)


class Tables:
    """What a measurement reads: the layers handed over, else the pack's tables (one GDAL dataset for all,
    `table_reader`), and the Comuni, read once for both indicators. A context manager: closes the pack."""

    def __init__(self, pack: Optional[Path], layers: Dict[str, QgsVectorLayer] = None):
        self.pack, self.layers = (Path(pack) if pack else None), layers or {}
        from remix_plugin.core.data.table_reader import PackReader  # numpy and GDAL: not at QGIS start

        self.reader = PackReader(self.pack) if self.pack else None
        self._comuni: Dict[Optional[frozenset], Comuni] = {}

    def __enter__(self) -> "Tables":
        return self

    def __exit__(self, *exc) -> None:
        if self.reader is not None:
            self.reader.close()

    def __call__(self, name: str):
        if name in self.layers:
            from remix_plugin.core.data.table_reader import LayerTable

            return LayerTable(name, self.layers[name])
        if self.reader is None:
            raise RemixError(f"Manca la tabella «{name}» per calcolare l'indicatore.")
        return self.reader.table(name)

    def has(self, name: str) -> bool:
        """The table is there (a layer handed over, or a table of the pack)."""
        return name in self.layers or (self.pack is not None and name in datapack.pack_tables(self.pack))

    def present(self, names, absent: List[str]) -> list:
        """The names of the tables that are there; the others are added to `absent`."""
        absent += [name for name in names if not self.has(name)]
        return [name for name in names if self.has(name)]

    def measure(self, which: str, scope: Optional[frozenset] = None, feedback=None) -> Measurement:
        if which not in INDICATORS:
            raise RemixError(f"Indicatore «{which}» sconosciuto. Indicatori: {', '.join(INDICATORS)}.")
        if scope not in self._comuni:
            self._comuni[scope] = Comuni.from_table(self("comuni"), scope)
        comuni = self._comuni[scope]
        tally: Union[AreaTally, funding.FundingTally]
        absent: List[str] = []
        if which == "superficie":
            from remix_plugin.core.indicators import opportunity_area

            tables = self.present([table for table, _ in opportunity_area.SOURCES], absent)
            tally = opportunity_area.tally_areas(comuni, opportunity_area.opportunity_sources(self, tables), feedback)
            quantities = [_area_quantities(comuni, n, tally) for n in range(len(comuni))]
        else:
            tables = self.present(list(funding.SOURCES), absent)
            shares = self(funding.SHARES_TABLE) if self.present([funding.SHARES_TABLE], absent) else None
            tally = funding.tally_funding(comuni, [(t, self(t)) for t in tables], shares, feedback)
            quantities = [
                {
                    "finanziamento": c[0] / 100,
                    "cofinanziamento": c[1] / 100,
                    "totale": c[2] / 100,
                    "n_interventi": tally.counts[n],
                }
                for n, c in enumerate(tally.cents)
            ]
        problems = [f"Tabella «{t}» assente: {ABSENT_MEANING[t]}." for t in absent] + comuni.problems + tally.problems
        for problem in problems:
            log.warning(f"{INDICATORS[which].short}: {problem}")
        return Measurement(which, comuni, quantities, tally, self.pack, problems, absent)


def _area_quantities(comuni: Comuni, number: int, tally) -> Dict[str, float]:
    union = tally.union_m2[number]
    if union < MIN_AREA_M2:  # a sliver left by a boundary that does not quite match: no area in this Comune
        return {"superficie_ha": 0.0, "quota_superficie": 0.0, "n_aree": 0}
    return {
        "superficie_ha": union / 10000.0,
        "quota_superficie": 100.0 * union / comuni.area(number),
        "n_aree": len(set(tally.piece_keys[number].tolist())),
    }


# --- classes ----------------------------------------------------------------------------------


def classify(measurement: Measurement, method: str = "jenks", classes: int = 5, normalise: str = "") -> IndicatorResult:
    """Classes of a measurement; the method, the breaks and the normalisation go with the result."""
    normalise = normalise or ""
    if normalise not in NORMALISATIONS:
        raise RemixError(f"Normalizzazione «{normalise}» sconosciuta: usare «area» o «popolazione».")
    comuni = measurement.comuni
    if normalise == "popolazione" and not comuni.has_population:
        raise RemixError(
            "La tabella «comuni» del pacchetto dati non ha il campo «popolazione»: normalizzazione per "
            "abitante non disponibile."
        )
    values = [_value(measurement, n, normalise) for n in range(len(comuni))]
    found = classification.classify([v for v in values if v is not None], method, classes)
    figures = []
    for number, value in enumerate(values):
        classe_n = found.class_of(value) if value is not None else 0
        figures.append(
            Figure(
                comuni.codes[number],
                comuni.names[number],
                comuni.zones[number],
                number,
                measurement.quantities[number],
                value,
                classe_n,
                found.label_of(classe_n),
            )
        )
    return IndicatorResult(measurement, found, normalise, figures)


def _value(measurement: Measurement, number: int, normalise: str) -> Optional[float]:
    q = measurement.quantities[number]
    if measurement.which == "superficie":
        if normalise == "area":
            return q["quota_superficie"]
        amount = q["superficie_ha"] * 10000.0 if normalise == "popolazione" else q["superficie_ha"]
    else:
        amount = q["finanziamento"]
        if normalise == "area":
            return amount / (measurement.comuni.area(number) / 1e6)
    if normalise == "popolazione":
        population = measurement.comuni.population[number]
        return amount / population if population else None
    return amount


def compute(
    which: str,
    pack: Path = None,
    scope: Optional[frozenset] = None,
    method: str = "jenks",
    classes: int = 5,
    normalise: str = "",
    feedback=None,
    layers=None,
) -> IndicatorResult:
    return classify(measure(which, pack, scope, feedback, layers), method, classes, normalise)


def compute_all(
    pack: Path,
    scope: Optional[frozenset] = None,
    method: str = "jenks",
    classes: int = 5,
    normalise: str = "",
    feedback=None,
) -> List[IndicatorResult]:
    """Both indicators of a data pack, for the same Comuni (what the CLI writes)."""
    with Tables(pack) as tables:
        return [
            classify(tables.measure(which, scope, _Share(feedback, n, len(INDICATORS))), method, classes, normalise)
            for n, which in enumerate(INDICATORS)
        ]


class _Share:
    """A slice of a feedback's progress bar, for one of several steps."""

    def __init__(self, feedback, step: int, steps: int):
        self.feedback, self.step, self.steps = feedback, step, steps

    def isCanceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def setProgress(self, value: float) -> None:
        if self.feedback is not None:
            self.feedback.setProgress((self.step * 100.0 + value) / self.steps)


# --- tracing ----------------------------------------------------------------------------------


def trace_rows(result: IndicatorResult, numbers: List[int] = None) -> Dict[str, List[TraceRow]]:
    """Per Comune code, the features behind its figure (all Comuni in the result when `numbers` is None)."""
    m = result.measurement
    numbers = list(range(len(m.comuni))) if numbers is None else numbers
    if m.which == "finanziamento":
        assert isinstance(m.tally, funding.FundingTally)  # what measure() made for "finanziamento"
        return {
            m.comuni.codes[n]: [
                TraceRow(
                    a.table,
                    a.fid,
                    a.cup,
                    a.title,
                    a.cents[0] / 100,
                    "€",
                    f"quota {formatting.share(a.quota)}; {a.rule}",
                )
                for a in m.tally.attributions[n]
            ]
            for n in numbers
        }
    assert not isinstance(m.tally, funding.FundingTally)  # "superficie": an AreaTally
    pieces = {n: m.tally.pieces(n) for n in numbers}
    wanted: Dict[str, set] = {}
    for rows in pieces.values():
        for table, fid, _, _ in rows:
            wanted.setdefault(table, set()).add(fid)
    names = {table: _key_and_name(m.tally.layer(table), fids) for table, fids in wanted.items()}
    return {
        m.comuni.codes[n]: [
            TraceRow(table, fid, *names[table].get(fid, ("", "")), area, "m²", note)
            for table, fid, area, note in pieces[n]
        ]
        for n in numbers
    }


def _key_and_name(layer: QgsVectorLayer, fids: set) -> Dict[int, Tuple[str, str]]:
    fields = [f for f in ("id", "nome") if layer.fields().indexOf(f) >= 0]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(fields, layer.fields())
    if len(fids) < 0.3 * max(1, layer.featureCount()):
        request.setFilterFids(list(fids))
    out: Dict[int, Tuple[str, str]] = {}
    for feature in layer.getFeatures(request):
        if feature.id() in fids:
            key, name = (text_value(feature[f]) if f in fields else "" for f in ("id", "nome"))
            out[feature.id()] = (key, name)
    return out


# --- layers and files -------------------------------------------------------------------------


def result_fields(result: IndicatorResult) -> QgsFields:
    fields = QgsFields()
    for name, kind, alias in (
        COMMON_FIELDS
        + result.definition.quantities
        + (
            ("valore", "Double", f"Valore classificato ({result.unit})"),
            ("classe_n", "Int", "Classe (numero)"),
            ("classe", "String", "Classe"),
        )
    ):
        qfield = QgsField(name, getattr(FieldType, kind))
        qfield.setAlias(alias)
        fields.append(qfield)
    return fields


def to_layer(result: IndicatorResult, name: str = None) -> QgsVectorLayer:
    """One point per Comune (a point on its surface), EPSG:32632, with the figures and the class."""
    layer = QgsVectorLayer(f"Point?crs={datapack.CRS}", name or result.definition.title, "memory")
    fields = result_fields(result)
    add_attributes(layer, fields.toList())
    layer.updateFields()
    features = []
    for figure in result.figures:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry(result.measurement.comuni.geometries[figure.number].pointOnSurface()))
        feature.setAttributes(_row(result, figure))
        features.append(feature)
    add_features(layer, features)
    layer.updateExtents()
    layer.setCustomProperty(INDICATOR_PROPERTY, json.dumps(legend_data(result)))
    return layer


def _row(result: IndicatorResult, figure: Figure) -> list:
    """A Comune's values as written: euro to the cent, areas and shares to 4 decimals, classed values to 6."""
    quantities = [round(figure.quantities[n], 2 if n in EURO else 4) for n, _, _ in result.definition.quantities]
    value = None if figure.value is None else round(figure.value, 6)
    return [figure.code, figure.name, figure.zona] + quantities + [value, figure.classe_n, figure.classe]


def legend_data(result: IndicatorResult) -> dict:
    """What the style needs to follow the computed classes (kept as a layer property)."""
    return {
        "indicatore": result.definition.id,
        "unita": result.unit,
        "metodo": result.classes.method,
        "normalizzazione": result.normalise,
        "classi": [list(c) for c in result.class_ranges()],
        "zero": any(f.classe_n == 0 for f in result.figures),
    }


def table_columns(results: List[IndicatorResult]) -> List[str]:
    columns = [n for n, _, _ in COMMON_FIELDS]
    for result in results:
        which = result.definition.id
        columns += [n for n, _, _ in result.definition.quantities] + [
            f"valore_{which}",
            f"classe_n_{which}",
            f"classe_{which}",
        ]
    return columns


def table_rows(results: List[IndicatorResult]) -> List[list]:
    """One row per Comune in scope, the indicators side by side (they share the Comuni and their order)."""
    rows = []
    for position, first in enumerate(results[0].figures):
        row = [first.code, first.name, first.zona]
        for result in results:
            row += _row(result, result.figures[position])[3:]
        rows.append(row)
    return rows


# --- the catalogue's indicator layers ------------------------------------------------------------


def indicator_layer(entry, which: str, ctx) -> QgsVectorLayer:
    """The indicator layer of a map (catalogue source "indicator") for the active scope, with the method,
    classes and normalisation of the settings; kept in the derived store (it survives saving and reopening
    the project) and reused from there while the pack, scope and options are unchanged."""
    from remix_plugin.core.data.derived_cache import cached_layer

    settings = ctx.settings
    options = (which, settings.indicator_method, settings.indicator_classes, settings.indicator_normalise)

    def build():
        result = compute(which, ctx.pack, ctx.comuni_scope, *options[1:])
        return to_layer(result, entry.title), legend_data(result)

    layer, legend = cached_layer(ctx, entry, {"indicator": which}, build, options)
    follow_classes(layer, legend)
    return layer


def follow_classes(layer: QgsVectorLayer, legend: dict) -> None:
    """Keep the layer's graduated style in step with the computed classes, now and whenever a QML
    style is loaded on it (the catalogue's QML has the seven-step scale; a result may have fewer)."""
    update_classes(layer, legend)
    layer.styleLoaded.connect(lambda _categories: restyle(layer))


def update_classes(layer: QgsVectorLayer, legend: dict) -> None:
    """New classes for a layer already following them (its data were recomputed)."""
    layer.setCustomProperty(INDICATOR_PROPERTY, json.dumps(legend))
    restyle(layer)


def styled_layer(result: IndicatorResult, name: str = None) -> QgsVectorLayer:
    """The result as a point layer with the indicator's CMM style, following its classes (dock, Processing)."""
    layer = to_layer(result, name)
    apply_style(layer, legend_data(result))
    return layer


def apply_style(layer: QgsVectorLayer, legend: dict) -> None:
    follow_classes(layer, legend)
    layer.loadNamedStyle(str(paths.STYLES / f"{INDICATORS[legend['indicatore']].entry_id}.qml"))


def restyle(layer: QgsVectorLayer) -> bool:
    """Ranges, symbols and labels of the layer's graduated renderer from its computed classes.

    The symbols come from the indicator's QML (seven steps, data that CMM edits), spread like the
    labels, so restyling a layer twice gives the same result."""
    from qgis.core import QgsGraduatedSymbolRenderer, QgsRendererRange
    from qgis.PyQt.QtGui import QColor

    renderer = layer.renderer()
    legend = json.loads(layer.customProperty(INDICATOR_PROPERTY, "") or "{}")
    if not isinstance(renderer, QgsGraduatedSymbolRenderer) or "classi" not in legend:
        return False
    templates = _scale_symbols(legend["indicatore"]) or [r.symbol().clone() for r in renderer.ranges()]
    if not templates:
        return False
    unit = legend["unita"]
    ranges = []
    if legend.get("zero"):
        empty = templates[0].clone()
        empty.setColor(QColor(0, 0, 0, 0))
        empty.setSize(empty.size() * 0.6)
        ranges.append(
            QgsRendererRange(-0.5, 0.5, empty, f"{classification.NONE_LABEL} ({formatting.measure(0, unit)})")
        )
    for number, label, lower, upper in legend["classi"]:
        step = classification.SCALE.index(label) * (len(templates) - 1) // (len(classification.SCALE) - 1)
        ranges.append(
            QgsRendererRange(
                number - 0.5,
                number + 0.5,
                templates[step].clone(),
                f"{label} ({formatting.measure(lower, unit)} – {formatting.measure(upper, unit)})",
            )
        )
    renderer.deleteAllClasses()
    for item in ranges:
        renderer.addClassRange(item)
    renderer.setClassAttribute("classe_n")
    layer.triggerRepaint()
    return True


def _scale_symbols(which: str) -> list:
    """The symbols of the seven-step scale in the indicator's QML, lowest first ([] if it is not graduated)."""
    probe = QgsVectorLayer("Point?field=classe_n:integer", "scala", "memory")
    probe.loadNamedStyle(str(paths.STYLES / f"{INDICATORS[which].entry_id}.qml"))
    renderer = probe.renderer()
    ranges = sorted(renderer.ranges(), key=lambda r: r.lowerValue()) if hasattr(renderer, "ranges") else []
    return [r.symbol().clone() for r in ranges]
