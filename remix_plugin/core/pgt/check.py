"""The check of a Comune technician's PGT layers against the expected themes (pgt_themes.json).

The technician's layers come in any format and CRS QGIS reads; they are only read, never written.
Every feature is brought into EPSG:32632 and the expected schema, and every problem is reported in
Italian with the feature it concerns, named by the feature's own code: CRS (reprojected, and said
so), invalid or empty geometries, features outside the Comune, overlaps inside one theme, required
fields missing or out of domain, duplicate codes. Invalid geometries are repaired in the output
(and said so) so that nothing the technician drew is lost.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Protocol, Tuple

from qgis.core import (
    NULL,
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime

from remix_plugin.core.base import formatting
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import FieldType, GeometryType
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import add_attributes, add_features
from remix_plugin.core.pgt.themes import QVARIANT_TYPES, ExpectedField, Mapping, Theme, ThemeSet, load_themes
from remix_plugin.core.scope.model import resolve_scope

ERROR, WARNING, INFO = "errore", "avviso", "informazione"
ENCODING_PROPERTY = "remix/pgt_encoding"  # on a technician's layer read as Windows-1252: what to tell
GEOS_MESSAGES = {  # GEOS's English reasons, as a technician reads them
    "self-intersection": "autointersezione",
    "ring self-intersection": "autointersezione di un anello",
    "too few points in geometry component": "troppo pochi vertici",
    "hole lies outside shell": "foro esterno al contorno",
    "holes are nested": "fori annidati",
    "interior is disconnected": "interno non connesso",
    "nested shells": "contorni annidati",
    "duplicate rings": "anelli duplicati",
    "invalid coordinate": "coordinata non valida",
    "ring is not closed": "anello non chiuso",
}
PROBLEM_COLUMNS = [
    ("tema", "Tema"),
    ("codice", "Codice"),
    ("gravita", "Gravità"),
    ("tipo", "Tipo"),
    ("messaggio", "Problema"),
]  # field, Italian header (layer, CSV)
TYPE_NAMES = {"string": "un testo", "integer": "un numero intero", "double": "un numero", "date": "una data"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")


@dataclass
class Comune:
    """The Comune the package is for, its boundary in the package CRS (EPSG:32632)."""

    code: str
    name: str
    geometry: QgsGeometry

    def layer(self) -> QgsVectorLayer:
        """The boundary as a layer with the data pack's `comuni` fields (memory, EPSG:32632)."""
        layer = QgsVectorLayer(
            f"MultiPolygon?crs={datapack.CRS}&field=pro_com_t:string(0)&field=comune:string(0)",
            f"Confine comunale di {self.name}",
            "memory",
        )
        feature = QgsFeature(layer.fields())
        feature.setAttributes([self.code, self.name])
        geometry = QgsGeometry(self.geometry)
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        add_features(layer, [feature])
        layer.updateExtents()
        return layer


class FeatureSource(Protocol):
    """Anything with getFeatures(QgsFeatureRequest): a QgsVectorLayerFeatureSource, a layer."""

    def getFeatures(self, request: QgsFeatureRequest) -> Iterable[QgsFeature]: ...


@dataclass
class SourceLayer:
    """What the check reads from a technician's layer. Built on the main thread (from_layer); its
    `reader` (a feature source) is then safe to read from a worker thread."""

    name: str
    description: str  # the file (or data source) the layer comes from, for the report and the manifest
    fields: QgsFields
    crs: QgsCoordinateReferenceSystem
    wkb_type: int
    reader: FeatureSource  # anything with getFeatures(QgsFeatureRequest)
    keep: object = None  # the layer the reader was made from, kept alive while reading
    encoding_note: str = ""  # read in another encoding than declared: what the report says

    @classmethod
    def from_layer(cls, layer: QgsVectorLayer) -> "SourceLayer":
        return cls(
            layer.name(),
            layer.publicSource(),
            layer.fields(),
            layer.crs(),
            layer.wkbType(),
            QgsVectorLayerFeatureSource(layer),
            layer,
            layer.customProperty(ENCODING_PROPERTY, "") or "",
        )

    def field_names(self) -> List[str]:
        return [f.name() for f in self.fields]

    @property
    def label(self) -> str:
        """The file name (and layer inside it) the technician knows the layer by; never a full path."""
        parts = self.description.split("|")
        name = Path(parts[0]).name or self.name
        inner = next((p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")), "")
        return f"{name}:{inner}" if inner else name


@dataclass
class Problem:
    theme: str  # theme id ("" for the whole check)
    code: str  # the feature's own code, or how to find it when it has none ("" for the whole layer)
    severity: str  # errore | avviso | informazione
    kind: str  # short id: crs, geometria_vuota, geometria_non_valida, fuori_comune, sovrapposizione, ...
    message: str  # Italian, complete
    location: Optional[QgsGeometry] = None  # a point in EPSG:32632 where the problem is


@dataclass
class ThemeResult:
    theme: Theme
    source: SourceLayer
    mapping: Dict[str, str]  # expected field -> technician's field, as used
    layer: QgsVectorLayer  # checked features: expected schema, MultiPolygon, EPSG:32632 (memory)
    labels: Dict[int, str] = field(default_factory=dict)  # output feature id -> how the report names it


@dataclass
class CheckResult:
    comune: Comune
    themes: ThemeSet
    results: Dict[str, ThemeResult]
    problems: List[Problem]
    checked_at: datetime

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def compliant(self) -> bool:
        return self.count(ERROR) == 0

    def outcome(self) -> str:
        """One Italian line: how many errors and warnings."""
        errors, warnings = self.count(ERROR), self.count(WARNING)
        if not errors and not warnings:
            return "nessun problema rilevato"
        parts = []
        if errors:
            parts.append(f"{errors} {'errore' if errors == 1 else 'errori'}")
        if warnings:
            parts.append(f"{warnings} {'avviso' if warnings == 1 else 'avvisi'}")
        return ", ".join(parts)

    def problems_layer(self) -> QgsVectorLayer:
        """The problems as points (memory layer, EPSG:32632): what the map shows next to the areas."""
        layer = QgsVectorLayer(f"Point?crs={datapack.CRS}", "Problemi rilevati", "memory")
        fields = QgsFields()
        for name, _ in PROBLEM_COLUMNS:
            fields.append(QgsField(name, FieldType.String))
        add_attributes(layer, fields)
        layer.updateFields()
        features = []
        for problem in self.problems:
            feature = QgsFeature(layer.fields())
            feature.setAttributes(
                [self.theme_title(problem.theme), problem.code, problem.severity, problem.kind, problem.message]
            )
            if problem.location is not None:
                feature.setGeometry(problem.location)
            features.append(feature)
        add_features(layer, features)
        layer.updateExtents()
        return layer

    def theme_title(self, theme_id: str) -> str:
        return self.themes.theme(theme_id).title if theme_id else ""


# --- inputs ---------------------------------------------------------------------------------


def open_source(spec: str) -> QgsVectorLayer:
    """A technician's layer from `PATH` or `PATH:LAYER` (a layer inside a GeoPackage, a folder...)."""
    path, layer_name = str(spec), ""
    head, sep, tail = path.rpartition(":")
    if sep and head and not Path(path).exists() and Path(head).exists() and "/" not in tail and "\\" not in tail:
        path, layer_name = head, tail
    if not Path(path).exists():
        raise RemixError(f"File «{path}» non trovato.")
    uri = datapack.table_uri(path, layer_name) if layer_name else path
    layer = QgsVectorLayer(uri, layer_name or Path(path).stem, "ogr")
    if not layer.isValid():
        where = f"lo strato «{layer_name}» di «{path}»" if layer_name else f"«{path}»"
        raise RemixError(f"Impossibile leggere {where} come strato vettoriale.")
    _read_latin1_when_not_utf8(layer)
    return layer


def _read_latin1_when_not_utf8(layer: QgsVectorLayer) -> None:
    """A shapefile written by Windows software with no .cpg (or a .cpg saying UTF-8) reads every accent as
    U+FFFD: read it as Windows-1252 instead, and note it for the report (ENCODING_PROPERTY)."""
    texts = [i for i, f in enumerate(layer.fields()) if f.type() == FieldType.String]
    if not texts or layer.dataProvider().encoding().lower() in ("windows-1252", "cp1252", "latin1", "iso-8859-1"):
        return
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(texts)

    def garbled() -> bool:
        return any("\ufffd" in str(feature[i] or "") for feature in layer.getFeatures(request) for i in texts)

    if garbled():
        declared = _declared_encoding(layer)
        layer.setProviderEncoding("windows-1252")
        if not garbled():
            layer.setCustomProperty(
                ENCODING_PROPERTY,
                f"il testo non è in UTF-8 ({declared}): " "letto come Windows-1252; controllare le lettere accentate",
            )


def _declared_encoding(layer: QgsVectorLayer) -> str:
    """What the file says of its encoding, as the technician can check it: a shapefile's .cpg, or its absence."""
    source = Path(layer.source().split("|")[0])
    if source.suffix.lower() != ".shp":
        return f"codifica dichiarata: {layer.dataProvider().encoding() or 'nessuna'}"
    cpg = next((c for c in (source.with_suffix(".cpg"), source.with_suffix(".CPG")) if c.exists()), None)
    if cpg is None:
        return "manca il file .cpg"
    return f"il file «{cpg.name}» dice {cpg.read_text(encoding='ascii', errors='replace').strip() or 'nulla'}"


def comune_boundary(
    layer: QgsVectorLayer, code: str, code_field: str = "pro_com_t", name_field: str = "comune"
) -> Comune:
    """The Comune with ISTAT code `code` in a boundaries layer, dissolved, in EPSG:32632."""
    for name in (code_field, name_field):
        if layer.fields().indexOf(name) < 0:
            raise RemixError(f"Strato «{layer.name()}»: manca il campo «{name}» dei confini comunali.")
    request = _to_package_crs(layer.crs(), layer.name())
    request.setFilterExpression(f"\"{code_field}\" = '{code}'")
    features = list(layer.getFeatures(request))
    if not features:
        raise RemixError(f"Strato «{layer.name()}»: nessun confine per il Comune con codice ISTAT «{code}».")
    geometry = QgsGeometry.unaryUnion([f.geometry() for f in features])
    return Comune(code, str(features[0][name_field]), geometry)


def comune_from_pack(pack: Path, comune: str) -> Comune:
    """The Comune named (by name or ISTAT code) in the data pack's `comuni` table."""
    codes = resolve_scope(pack, comuni=[comune])
    assert codes is not None  # None only when no Comune is named
    return comune_boundary(datapack.open_table(pack, "comuni"), next(iter(codes)))


def _to_package_crs(crs: QgsCoordinateReferenceSystem, name: str) -> QgsFeatureRequest:
    if not crs.isValid():
        raise RemixError(f"Strato «{name}»: sistema di riferimento non definito.")
    request = QgsFeatureRequest()
    target = QgsCoordinateReferenceSystem(datapack.CRS)
    if crs != target:
        request.setDestinationCrs(target, QgsCoordinateTransformContext())
    return request


# --- the check ------------------------------------------------------------------------------


def check_pgt(
    comune: Comune, sources: Dict[str, SourceLayer], mapping: Mapping, themes: ThemeSet = None, feedback=None
) -> CheckResult:
    """Check each technician's layer (theme id -> layer) with its field mapping; nothing is written."""
    themes = themes or load_themes()
    if not sources:
        raise RemixError("Nessuno strato indicato: associare almeno un tema a uno strato.")
    boundary = _Boundary(comune)
    results: Dict[str, ThemeResult] = {}
    problems: List[Problem] = []
    for number, (theme_id, source) in enumerate(sources.items()):
        if feedback is not None:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * number / len(sources))
        theme = themes.theme(theme_id)
        result = _check_theme(theme, source, mapping.get(theme_id, {}), boundary, themes, problems)
        if result is not None:
            results[theme_id] = result
    return CheckResult(comune, themes, results, problems, datetime.now())


class _Boundary:
    """The Comune boundary, prepared once for the many containment tests."""

    def __init__(self, comune: Comune):
        self.comune = comune
        self.geometry = comune.geometry
        self.box = comune.geometry.boundingBox()
        self.engine = QgsGeometry.createGeometryEngine(comune.geometry.constGet())
        self.engine.prepareGeometry()

    def outside(self, geometry: QgsGeometry) -> Tuple[float, Optional[QgsGeometry]]:
        """Area (m²) of `geometry` outside the Comune, and that part."""
        if self.box.contains(geometry.boundingBox()) and self.engine.contains(geometry.constGet()):
            return 0.0, None
        part = geometry.difference(self.geometry)
        return part.area(), part


def _check_theme(
    theme: Theme,
    source: SourceLayer,
    wanted: Dict[str, str],
    boundary: _Boundary,
    themes: ThemeSet,
    problems: List[Problem],
) -> Optional[ThemeResult]:
    def report(code, severity, kind, message, location=None):
        problems.append(Problem(theme.id, code, severity, kind, message, location))

    layer_name = f"Strato «{source.name}» (tema «{theme.title}»)"
    if QgsWkbTypes.geometryType(source.wkb_type) != GeometryType.Polygon:
        kind = QgsWkbTypes.geometryDisplayString(QgsWkbTypes.geometryType(source.wkb_type))
        report(
            "",
            ERROR,
            "tipo_geometria",
            f"{layer_name}: le geometrie sono di tipo «{kind}», il tema richiede poligoni; strato non verificato.",
        )
        return None
    if not source.crs.isValid():
        report(
            "",
            ERROR,
            "crs",
            f"{layer_name}: sistema di riferimento non definito (manca il file .prj?); " "strato non verificato.",
        )
        return None
    if source.crs.authid() != datapack.CRS:
        report(
            "",
            INFO,
            "crs",
            f"{layer_name}: riproiettato da {_crs_label(source.crs)} a "
            f"{_crs_label(QgsCoordinateReferenceSystem(datapack.CRS))}.",
        )
    if source.encoding_note:
        report("", WARNING, "codifica", f"{layer_name}: {source.encoding_note}.")
    mapping = _usable_mapping(theme, source, wanted, layer_name, report)
    out = _output_layer(theme)
    code_source = mapping.get(theme.code_field)
    labels: Dict[int, str] = {}
    codes: Dict[str, List[Tuple[str, Optional[QgsGeometry]]]] = {}  # casefolded code -> (code, geometry)
    geometries: Dict[int, QgsGeometry] = {}
    features = []
    for row, feature in enumerate(source.reader.getFeatures(_to_package_crs(source.crs, source.name)), start=1):
        code = as_text(feature[code_source]) if code_source else None
        label = code or f"elemento senza codice n. {row}"
        values = [
            _value(theme.field(f.name()), feature[mapping[f.name()]], label, report) if f.name() in mapping else None
            for f in out.fields()
        ]
        geometry = _geometry(feature, label, report)
        new = QgsFeature(out.fields())
        new.setAttributes(values)
        if geometry is not None:
            new.setGeometry(geometry)
        features.append(new)
        labels[len(features)] = label
        if code:
            codes.setdefault(code.casefold(), []).append((code, geometry))
        if geometry is not None:
            geometries[len(features)] = geometry
    if not features:
        report("", ERROR, "strato_vuoto", f"{layer_name}: nessun elemento; il tema non può essere verificato.")
    add_features(out, features)
    out.updateExtents()
    for same in codes.values():
        if len(same) > 1:
            report(
                same[0][0],
                ERROR,
                "codice_duplicato",
                f"Codice «{same[0][0]}» usato da {len(same)} elementi: ogni elemento deve avere un codice univoco.",
                _spot(next((g for _, g in same if g is not None), None)),
            )
    for key, geometry in geometries.items():
        _check_inside(geometry, labels[key], boundary, themes.outside_comune_m2, report)
    _check_overlaps(geometries, labels, themes.overlap_m2, report)
    return ThemeResult(theme, source, mapping, out, labels)


def _usable_mapping(
    theme: Theme, source: SourceLayer, wanted: Dict[str, str], layer_name: str, report
) -> Dict[str, str]:
    """The mapping restricted to fields the layer has; missing or unmapped required fields are reported."""
    present = set(source.field_names())
    mapping = {}
    for expected in theme.fields:
        chosen = wanted.get(expected.name)
        if chosen and chosen not in present:
            which = "il campo obbligatorio" if expected.required else "il campo"
            report(
                "",
                ERROR,
                "campo_mancante",
                f"{layer_name}: il campo «{chosen}» indicato per {which} "
                f"«{expected.name}» ({expected.title}) non esiste nello strato.",
            )
        elif chosen:
            mapping[expected.name] = chosen
            continue
        if expected.required and not chosen:
            report(
                "",
                ERROR,
                "campo_mancante",
                f"{layer_name}: il campo obbligatorio «{expected.name}» "
                f"({expected.title}) non è associato a nessun campo dello strato.",
            )
    return mapping


def _output_layer(theme: Theme) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"MultiPolygon?crs={datapack.CRS}", theme.title, "memory")
    fields = QgsFields()
    for expected in theme.fields:
        fields.append(QgsField(expected.name, QVARIANT_TYPES[expected.type]))
    add_attributes(layer, fields)
    layer.updateFields()
    return layer


def _crs_label(crs: QgsCoordinateReferenceSystem) -> str:
    return f"{crs.authid()} ({crs.description()})" if crs.authid() else crs.description() or "sistema personalizzato"


# --- values ---------------------------------------------------------------------------------


def _is_null(raw) -> bool:
    return (
        raw is None
        or raw == NULL
        or (isinstance(raw, str) and not raw.strip())
        or (isinstance(raw, (QDate, QDateTime)) and not raw.isValid())
    )


def as_text(raw) -> Optional[str]:
    if _is_null(raw):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _value(expected: ExpectedField, raw, label: str, report):
    """The value in the expected type and domain; problems are reported (errors for required fields,
    warnings for optional ones) and the value kept if it can be."""
    where = f"«{expected.name}» ({expected.title})"
    severity = ERROR if expected.required else WARNING
    if _is_null(raw):
        if expected.required:
            report(label, ERROR, "valore_obbligatorio", f"Elemento «{label}»: il campo obbligatorio {where} è vuoto.")
        return None
    converted = _convert(expected.type, raw)
    if converted is None:
        report(
            label,
            severity,
            "tipo",
            f"Elemento «{label}»: il valore «{as_text(raw)}» del campo {where} non è " f"{TYPE_NAMES[expected.type]}.",
        )
        return as_text(raw) if expected.type == "string" else None
    if expected.minimum is not None and expected.type in ("integer", "double") and converted < expected.minimum:
        report(
            label,
            severity,
            "fuori_intervallo",
            f"Elemento «{label}»: il valore {as_text(raw)} del campo {where} è " f"minore di {expected.minimum:g}.",
        )
    if expected.domain:
        canonical = expected.canonical(str(converted))
        if canonical is None:
            allowed = ", ".join(f"«{d.value}»" for d in expected.domain)
            report(
                label,
                severity,
                "fuori_dominio",
                f"Elemento «{label}»: il valore «{converted}» del campo {where} non è ammesso. "
                f"Valori ammessi: {allowed}.",
            )
            return converted
        return canonical
    return converted


def _convert(kind: str, raw):
    if kind == "string":
        return as_text(raw)
    if kind == "date":
        if isinstance(raw, QDateTime):
            return raw.date()
        if isinstance(raw, QDate):
            return raw
        for pattern in DATE_FORMATS:
            try:
                parsed = datetime.strptime(str(raw).strip(), pattern)
            except ValueError:
                continue
            return QDate(parsed.year, parsed.month, parsed.day)
        return None
    number = _number(raw)
    if number is None:
        return None
    if kind == "integer":
        return int(number) if float(number).is_integer() else None
    return float(number)


def _number(raw) -> Optional[float]:
    """Numbers as Italian technicians write them too: «1.234,5» and «1234,5»."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return None
    return float(text)


# --- geometries -----------------------------------------------------------------------------


def _geometry(feature: QgsFeature, label: str, report) -> Optional[QgsGeometry]:
    """The feature's polygon(s) as MultiPolygon; invalid ones repaired (and reported), empty ones reported."""
    geometry = feature.geometry()
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        report(label, ERROR, "geometria_vuota", f"Elemento «{label}»: geometria vuota o mancante.")
        return None
    errors = geometry.validateGeometry(Qgis.GeometryValidationEngine.Geos)
    if errors:
        error = errors[0]
        reason = GEOS_MESSAGES.get(error.what().strip().lower().rstrip("."), error.what())
        at = f" presso E {error.where().x():.0f}, N {error.where().y():.0f} (EPSG:32632)" if error.hasWhere() else ""
        repaired = geometry.makeValid().convertToType(GeometryType.Polygon, True)
        location = QgsGeometry.fromPointXY(error.where()) if error.hasWhere() else _spot(geometry)
        if repaired is None or repaired.isEmpty():
            report(
                label,
                ERROR,
                "geometria_non_valida",
                f"Elemento «{label}»: geometria non valida ({reason}{at}) " "e non riparabile.",
                location,
            )
            return None
        report(
            label,
            ERROR,
            "geometria_non_valida",
            f"Elemento «{label}»: geometria non valida ({reason}{at}); nel "
            "pacchetto è riparata automaticamente, da verificare.",
            location,
        )
        geometry = repaired
    geometry.convertToMultiType()
    return geometry


def _spot(geometry: Optional[QgsGeometry]) -> Optional[QgsGeometry]:
    return geometry.pointOnSurface() if geometry is not None and not geometry.isEmpty() else None


def _check_inside(geometry: QgsGeometry, label: str, boundary: _Boundary, tolerance: float, report) -> None:
    area, part = boundary.outside(geometry)
    if area <= tolerance:
        return
    name = boundary.comune.name
    if area >= geometry.area() * 0.999:
        report(
            label,
            ERROR,
            "fuori_comune",
            f"Elemento «{label}»: interamente fuori dal Comune di {name}.",
            _spot(geometry),
        )
    else:
        share = 100.0 * area / geometry.area()
        report(
            label,
            ERROR,
            "fuori_comune",
            f"Elemento «{label}»: in parte fuori dal Comune di {name} "
            f"({formatting.square_metres(area)}, {formatting.percent(share)} della superficie).",
            _spot(part),
        )


def _check_overlaps(geometries: Dict[int, QgsGeometry], labels: Dict[int, str], tolerance: float, report) -> None:
    index = QgsSpatialIndex()
    for key, geometry in geometries.items():
        index.addFeature(key, geometry.boundingBox())
    for key, geometry in geometries.items():
        engine = None
        for other in sorted(index.intersects(geometry.boundingBox())):
            if other <= key:
                continue
            if engine is None:
                engine = QgsGeometry.createGeometryEngine(geometry.constGet())
                engine.prepareGeometry()
            if not engine.intersects(geometries[other].constGet()):
                continue
            common = geometry.intersection(geometries[other])
            if common.area() > tolerance:
                report(
                    labels[key],
                    ERROR,
                    "sovrapposizione",
                    f"Elemento «{labels[key]}»: si sovrappone all'elemento «{labels[other]}» dello stesso tema "
                    f"per {formatting.square_metres(common.area())}.",
                    _spot(common),
                )
