"""«Scheda comunale»: an atlas of one A4 page per Comune of the Zona/Comuni filter, from the data pack:
the Comune's map with its opportunity areas and interventi, its two synthesis indicators with their
class, and the table of its interventi (CUP, titolo, bando, importo finanziato).

The page is the template print_layouts/scheda_comunale.qpt; what changes from page to page comes from
QGIS's atlas machinery: the coverage layer built here (one feature per Comune, with the indicators'
figures as Italian text) and a table layer of the interventi of every Comune, filtered per page by
`pro_com_t`. Classes are computed over the whole Città metropolitana, so a Comune's class does not
depend on which Comuni are printed. Everything is built in a project of its own: safe in a task.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsProject,
    QgsVectorLayer,
)

from remix_plugin.core.base import formatting, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.base.values import text_value
from remix_plugin.core.catalogue.model import Catalogue, load_catalogue
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY, add_features, change_attribute_values
from remix_plugin.core.indicators import classification, funding
from remix_plugin.core.indicators.synthesis import NORMALISATIONS, compute_all
from remix_plugin.core.printing import layouts
from remix_plugin.core.printing import legend as print_legend
from remix_plugin.core.printing.export import ATLAS, set_scale_bar, sources_text, template
from remix_plugin.core.scope.filtering import comuni_geometries

TEMPLATE = "scheda_comunale"
MAP_ID = "realizzazioni"  # the map whose styles and scale ranges the sheets use (it holds both kinds of layer)
TABLE_LAYER = "Interventi del Comune"
TITLE_LIMIT = 200  # characters of an intervento title in the table (as a segnalazione title)
COVERAGE_FIELDS = (
    ("pro_com_t", "string(0)"),
    ("comune", "string(0)"),
    ("zona_omogenea", "string(0)"),
    ("superficie_valore", "string(0)"),
    ("superficie_dettaglio", "string(0)"),
    ("superficie_classe", "string(0)"),
    ("finanziamento_valore", "string(0)"),
    ("finanziamento_dettaglio", "string(0)"),
    ("finanziamento_classe", "string(0)"),
    ("n_interventi", "integer"),
    ("nota_interventi", "string(0)"),
    ("stampa", "integer"),  # 1: a page for this Comune (the others frame the map)
)  # string(0): no length limit (a memory layer refuses a whole batch for one longer text)
TABLE_FIELDS = (
    ("pro_com_t", "string(0)"),
    ("cup", "string(0)"),
    ("titolo", "string(0)"),
    ("bando", "string(0)"),
    ("importo_finanziato", "double"),
    ("mostrato", "integer"),  # 1: in the table of the Comune's page
)
COVERAGE_STYLE = paths.STYLES / "print" / "scheda_comunale.qml"


@dataclass
class AtlasData:
    """The project the sheets are drawn from, and what they show."""

    project: QgsProject
    coverage: QgsVectorLayer
    table: QgsVectorLayer
    layers: List[QgsVectorLayer]  # the map's layers, top first (coverage first)
    groups: Dict[str, str]  # layer id -> legend group
    counts: Dict[str, int]  # ISTAT code -> interventi
    method_note: str
    pack: Path
    problems: List[str] = field(default_factory=list)


def atlas_data(
    pack: Path, scope: Optional[frozenset], catalogue: Catalogue = None, settings: Settings = None
) -> AtlasData:
    """Indicators, interventi and map layers of the Comuni in `scope` (None: all), in a new project."""
    from remix_plugin.core.catalogue.maps import build_layers, make_context

    settings = settings or Settings.load()
    catalogue = catalogue or load_catalogue()
    ctx = make_context(catalogue, pack, settings)
    assert ctx.pack is not None  # make_context always resolves a pack
    results = compute_all(
        ctx.pack, None, settings.indicator_method, settings.indicator_classes, settings.indicator_normalise
    )
    comuni = datapack.open_table(ctx.pack, "comuni", "Comuni")
    codes = {str(f["pro_com_t"]) for f in comuni.getFeatures()}
    wanted = codes if scope is None else codes & set(scope)
    if not wanted:
        raise RemixError("Nessun Comune da stampare: il filtro non contiene Comuni del pacchetto dati.")
    classified = len(codes)
    if settings.indicator_reference == "filtro" and scope is not None:  # the same reference set as the dock
        results = [
            _classed_over(full, part)
            for full, part in zip(
                results,
                compute_all(
                    ctx.pack,
                    frozenset(wanted),
                    settings.indicator_method,
                    settings.indicator_classes,
                    settings.indicator_normalise,
                ),
            )
        ]
        classified = len(wanted)
    problems: List[str] = []
    rows = _interventi(ctx.pack, wanted, problems)
    counts = {code: sum(1 for r in rows if r[0] == code) for code in wanted}
    coverage = _coverage(comuni, wanted, results, counts)
    table = QgsVectorLayer("None?" + "&".join(f"field={n}:{t}" for n, t in TABLE_FIELDS), TABLE_LAYER, "memory")
    add_features(table, [_feature(table, row) for row in rows])
    entries = [
        e
        for e in catalogue.entries_for_map(MAP_ID)
        if e.pack_table() in datapack.INTERVENTI_TABLES + datapack.OPPORTUNITY_TABLES
    ]
    entries.sort(key=lambda e: e.pack_table() not in datapack.INTERVENTI_TABLES)  # interventi over the areas
    built = build_layers(MAP_ID, ctx, entries=entries)
    project = QgsProject()
    project.addMapLayers([coverage, table] + [layer for _, layer in built], False)
    groups = {coverage.id(): catalogue.groups.get("inquadramento", "")}
    groups.update({layer.id(): catalogue.groups.get(entry.group, entry.group) for entry, layer in built})
    return AtlasData(
        project,
        coverage,
        table,
        [coverage] + [layer for _, layer in built],
        groups,
        counts,
        _method_note(results[0], classified, settings.indicator_reference == "filtro" and scope is not None),
        ctx.pack,
        problems + ctx.problems,
    )


def _coverage(comuni: QgsVectorLayer, wanted: set, results, counts) -> QgsVectorLayer:
    """One feature per Comune, with the figures of both indicators as Italian text; those to print marked."""
    layer = QgsVectorLayer(
        f"MultiPolygon?crs={datapack.CRS}&" + "&".join(f"field={n}:{t}" for n, t in COVERAGE_FIELDS), "Comuni", "memory"
    )
    superficie, finanziamento = (r.figure for r in results)
    features = []
    for source in comuni.getFeatures():
        code = str(source["pro_com_t"])
        area, money = superficie(code), finanziamento(code)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(source.geometry())
        feature.setAttributes(
            [
                code,
                str(source["comune"]),
                str(source["zona_omogenea"]),
                f"{formatting.number(area.quantities['superficie_ha'], 2)} ha",
                f"{formatting.percent(area.quantities['quota_superficie'])} della superficie comunale; "
                f"{area.quantities['n_aree']} aree",
                area.classe,
                formatting.money(money.quantities["finanziamento"]),
                f"{money.quantities['n_interventi']} interventi PINQuA, COME-IN e Bando PERIFERIE (quote del Comune)",
                money.classe,
                counts.get(code, 0),
                "",
                int(code in wanted),
            ]
        )
        features.append(feature)
    add_features(layer, features)
    layer.setCustomProperty(ENTRY_PROPERTY, "comuni")  # its source is the catalogue's Comuni
    message, ok = layer.loadNamedStyle(str(COVERAGE_STYLE))
    if not ok:
        raise RemixError(f"Stile della scheda comunale «{COVERAGE_STYLE.name}» non leggibile: {message}.")
    return layer


def _interventi(pack: Path, wanted: set, problems: List[str]) -> List[list]:
    """(pro_com_t, cup, titolo, bando, importo finanziato, 1) of every intervento in each wanted Comune:
    Comuni from `interventi_comuni`, else from the intervento's geometry; a CUP once per Comune."""
    shares = funding.pack_shares(pack, problems)
    boundaries = comuni_geometries(pack)
    tables = [t for t in datapack.INTERVENTI_TABLES if t in datapack.pack_tables(pack)]
    rows, seen = [], set()
    for table in tables:
        layer = datapack.open_table(pack, table)
        for feature in layer.getFeatures(QgsFeatureRequest()):
            cup = text_value(feature["cup"]).upper()
            if not cup or cup in seen:
                continue
            seen.add(cup)
            codes = [code for code, _ in shares.get(cup, [])]
            if not codes and feature.hasGeometry():
                codes = [code for code, boundary in boundaries.items() if boundary.intersects(feature.geometry())]
            if not codes:
                problems.append(
                    f"Intervento {cup} («{table}»): né Comuni in «{funding.SHARES_TABLE}» né geometria; "
                    "non compare nelle schede."
                )
                continue
            title = formatting.shortened(text_value(feature["titolo"]), TITLE_LIMIT)  # a row, not a page
            if len(codes) > 1:
                title += f" (intervento di {len(codes)} Comuni)"
            amount = feature["importo_finanziato"]
            for code in codes:
                if code in wanted:
                    rows.append(
                        [
                            code,
                            cup,
                            title,
                            text_value(feature["bando"]),
                            float(amount) if amount not in (None, "") else None,
                            1,
                        ]
                    )
    return rows


def _feature(layer: QgsVectorLayer, row: list) -> QgsFeature:
    feature = QgsFeature(layer.fields())
    feature.setAttributes(row)
    return feature


def _classed_over(full, part):
    """`full` (every Comune) with the figures and classes of `part` (the filter's Comuni, classed alone)."""
    from dataclasses import replace

    mine = {figure.code: figure for figure in part.figures}
    return replace(full, classes=part.classes, figures=[mine.get(f.code, f) for f in full.figures])


def _method_note(result, comuni: int, scoped: bool = False) -> str:
    classes = result.classes
    normalise = f", valori {NORMALISATIONS[result.normalise]}" if result.normalise else ""
    warning = f" {classes.warning}" if classes.warning else ""
    return (
        f"Classi degli indicatori: {classification.METHODS[classes.method][0]}, {classes.count} classi; "
        f"{classification.reference_note('filtro' if scoped else 'cmm', comuni, scoped)}{normalise}; "
        f"«nessuno» = valore 0.{warning} Superficie: unione delle "
        "aree di interesse per la rigenerazione (sovrapposizioni contate una volta). Finanziamento: interventi "
        "PINQuA, COME-IN e Bando PERIFERIE ripartiti tra i Comuni secondo la quota."
    )


def atlas_layout(data: AtlasData, catalogue: Catalogue = None, project_for_templates: QgsProject = None):
    """The Scheda comunale template over `data`: coverage, map layers, table, notes; the legend is fitted
    again on every page."""
    chosen = template(TEMPLATE, project_for_templates, ATLAS)
    layout = layouts.load_template(chosen.path, data.project, bind={TABLE_LAYER: data.table})
    layout.setName("Scheda comunale RE.MIX")
    atlas = layout.atlas()
    atlas.setCoverageLayer(data.coverage)
    atlas.setEnabled(True)
    map_item = layouts.item(layout, "mappa", QgsLayoutItemMap)
    map_item.setLayers(data.layers)
    map_item.setKeepLayerSet(True)
    legend = layouts.item(layout, "legenda", QgsLayoutItemLegend)
    entries = [(layer, data.groups.get(layer.id(), "")) for layer in data.layers[1:] + data.layers[:1]]  # Comuni last
    bar = layouts.item(layout, "scala", QgsLayoutItemScaleBar)

    def page(_feature):  # the map has just moved to the page's Comune
        print_legend.fill_legend(legend, entries)
        print_legend.fit_legend(legend)
        set_scale_bar(bar, map_item)

    atlas.featureChanged.connect(page)
    frame = layouts.item(layout, "interventi", QgsLayoutFrame)
    if frame.multiFrame().vectorLayer() is not data.table:
        raise RemixError(f"Modello di stampa «{chosen.name}»: la tabella «interventi» non è quella di «{TABLE_LAYER}».")
    _fit_table(data, frame)
    print_legend.fit_label(layouts.item(layout, "metodo", QgsLayoutItemLabel), data.method_note)
    print_legend.fit_label(
        layouts.item(layout, "fonti", QgsLayoutItemLabel),
        sources_text(data.layers, catalogue or load_catalogue(), data.pack, data.coverage.crs()),
    )
    layouts.item(layout, "avviso_dimostrativo", QgsLayoutItemLabel).setVisibility(datapack.is_demonstrative(data.pack))
    return layout


def _fit_table(data: AtlasData, frame: QgsLayoutFrame) -> None:
    """Mark, for each Comune, the interventi (largest funding first) whose rows fit the table's frame, at
    most the template's number of rows; a page that cannot list them all says so. A page never holds
    half a table: the rows are measured as the table wraps them."""
    table = frame.multiFrame()
    cap = table.maximumNumberOfFeatures()
    margin = table.cellMargin()
    columns = [(c.attribute(), c.width()) for c in table.columns()]
    header = max(
        print_legend.text_height(table.headerTextFormat().toQFont(), c.heading(), c.width()) for c in table.columns()
    )
    room = frame.rect().height() - header - 2 * margin - 1.0
    font = table.contentTextFormat().toQFont()
    fields = data.table.fields()
    shown_index = fields.indexOf("mostrato")
    by_code: Dict[str, list] = {}
    for feature in data.table.getFeatures():
        by_code.setdefault(feature["pro_com_t"], []).append(feature)
    changes, shown = {}, {}
    for code, features in by_code.items():
        features.sort(key=lambda f: -(f["importo_finanziato"] or 0))
        used, count = 0.0, 0
        for feature in features:
            height = (
                max(print_legend.text_height(font, _cell(feature, name, fields), width) for name, width in columns)
                * 1.03
                + 2 * margin
                + table.gridStrokeWidth()
            )
            if count >= cap or used + height > room:
                break
            used += height
            count += 1
        shown[code] = count
        changes.update({f.id(): {shown_index: int(n < count)} for n, f in enumerate(features)})
    change_attribute_values(data.table, changes)
    note_index = data.coverage.fields().indexOf("nota_interventi")
    notes = {}
    for feature in data.coverage.getFeatures():
        total, listed = data.counts.get(feature["pro_com_t"], 0), shown.get(feature["pro_com_t"], 0)
        if listed < total:
            notes[feature.id()] = {
                note_index: f"Sono elencati i {listed} interventi con l'importo finanziato maggiore, "
                f"su {total} in tutto."
            }
    change_attribute_values(data.coverage, notes)


def _cell(feature, expression: str, fields) -> str:
    """A cell's text as the table prints it (the amount column is an expression over the field)."""
    name = next((f.name() for f in fields if f'"{f.name()}"' in expression or f.name() == expression), "")
    value = feature[name] if name else ""
    return formatting.money(value) if isinstance(value, float) else str(value or "")


def print_atlas(
    pack: Path,
    scope: Optional[frozenset],
    out,
    catalogue: Catalogue = None,
    settings: Settings = None,
    feedback=None,
    project_for_templates: QgsProject = None,
) -> Tuple[Path, List[str]]:
    """The Schede comunali of the Comuni in `scope` as one PDF, one page per Comune (in name order); and the
    problems met (interventi that could not be placed, layers that could not be loaded)."""
    out = layouts.target(out, (".pdf",))
    catalogue = catalogue or load_catalogue()
    data = atlas_data(pack, scope, catalogue, settings)
    layout = atlas_layout(data, catalogue, project_for_templates)
    try:
        return layouts.export_atlas_pdf(layout, out, feedback), data.problems
    finally:
        del layout  # before the project it belongs to
