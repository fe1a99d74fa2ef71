"""The report of a PGT check as files: CSV (what a spreadsheet opens: `;`, UTF-8 with BOM, as Excel
in Italian expects) and PDF (a print layout built here: title, a map of the areas on the Comune,
the problems and the coherence reading as tables).

The PDF is drawn with QGIS print layouts (QGraphicsScene): build it on the main thread.
"""

import math
from pathlib import Path
from typing import List

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemScaleBar,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QFont

from remix_plugin.__about__ import __title__, __version__
from remix_plugin.core.base import csv_files, formatting, paths
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.qgis_compat import FieldType, set_label_font, set_legend_font
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import add_attributes, add_features
from remix_plugin.core.pgt.check import PROBLEM_COLUMNS, CheckResult
from remix_plugin.core.pgt.coherence import COLUMNS, CoherenceReading
from remix_plugin.core.printing import layouts

PROBLEMS_STYLE = paths.STYLES / "pgt" / "problemi.qml"
COHERENCE_STYLE = paths.STYLES / "pgt" / "coerenza.qml"
BOUNDARY_STYLE = paths.STYLES / "comuni.qml"
GROUP_PROPERTY = "remix/pgt"  # on the layer-tree group of a check's results: the Comune's ISTAT code
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 10.0  # A4 landscape, mm
SUMMARY_TOP = 118.0  # mm: below the legend (up to the four themes, the problems and the boundary)
PDF_PROBLEM_COLUMNS = [("Tema", 40), ("Codice", 25), ("Gravità", 20), ("Problema", 183)]
PDF_COHERENCE_COLUMNS = [
    ("tema", 26),
    ("codice", 16),
    ("superficie_mq", 16),
    ("opportunita_pct", 19),
    ("opportunita", 50),
    ("lum_pct", 11),
    ("lum_fermate", 26),
    ("verde_pct", 12),
    ("verde", 25),
    ("interventi", 56),
]
NOTE_CHARS_PER_LINE = 170  # at 8 pt across the page
CHAR_MM, LINE_MM, HEADER_MM = 1.45, 3.2, 12.0  # 7 pt text: average character width, line height; header row
CELL_CHARS = 700  # longer cells are cut in the PDF (the CSV has them whole)


# --- CSV ------------------------------------------------------------------------------------


def write_problems_csv(check: CheckResult, path: Path) -> Path:
    rows = [[check.theme_title(p.theme), p.code, p.severity, p.kind, p.message] for p in check.problems]
    return _write_csv(path, [title for _, title in PROBLEM_COLUMNS], rows)


def write_coherence_csv(reading: CoherenceReading, path: Path) -> Path:
    rows = [[_italian(v) for v in row.values()] for row in reading.rows]
    return _write_csv(path, [title for _, _, title in COLUMNS], rows)


def _italian(value) -> str:
    """A cell as Italian readers (and Italian spreadsheets) read it: 1.234,5."""
    if value is None:
        return ""
    return formatting.decimal(value, 1) if isinstance(value, float) else str(value)


def _write_csv(path: Path, header: List[str], rows: List[list]) -> Path:
    return csv_files.write_csv(path, header, rows, delimiter=";", bom=True)  # Excel in Italian: «;», BOM


# --- PDF ------------------------------------------------------------------------------------


def write_report_pdf(check: CheckResult, reading: CoherenceReading, path: Path, package: str = "") -> Path:
    """The report as a PDF: a map page, then the problems and the coherence reading as tables."""
    project = QgsProject()  # owns copies of the layers: the check's own layers stay untouched
    layout = _report_layout(check, reading, project, package)
    try:
        return layouts.export(layout, path)
    finally:
        del layout  # before the project it refers to


def _report_layout(check: CheckResult, reading: CoherenceReading, project: QgsProject, package: str) -> QgsPrintLayout:
    layers = _map_layers(check, project)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(package or "Rapporto PGT")
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Landscape)
    comune = check.comune
    _label(layout, f"Pacchetto PGT — Comune di {comune.name} ({comune.code})", 0, MARGIN, 16, bold=True)
    _label(
        layout,
        f"Valutazione di compatibilità con il PTM (art. 9 e 10 NdA PTM) — verifica del "
        f"{check.checked_at:%d/%m/%Y %H:%M} — esito: {check.outcome()}"
        + (f" — pacchetto {package}" if package else ""),
        0,
        MARGIN + 9,
        10,
    )
    map_item = QgsLayoutItemMap(layout)
    map_item.attemptSetSceneRect(QRectF(MARGIN, 30, 185, 160))
    map_item.setFrameEnabled(True)
    map_item.setLayers(layers)
    map_item.setCrs(QgsCoordinateReferenceSystem(datapack.CRS))
    extent = comune.geometry.boundingBox()
    for layer in layers:
        if layer.featureCount():
            extent.combineExtentWith(layer.extent())
    extent.scale(1.08)
    map_item.zoomToExtent(extent)
    layout.addLayoutItem(map_item)
    _legend(layout, map_item, layers)
    _scale_bar(layout, map_item)
    _label(
        layout,
        _summary(check, reading),
        0,
        SUMMARY_TOP,
        8,
        x=MARGIN + 190,
        width=PAGE_W - 2 * MARGIN - 190,
        height=190 - SUMMARY_TOP,
    )
    _label(
        layout,
        f"Generato con {__title__} {__version__} — Città metropolitana di Milano. "
        f"Sistema di riferimento EPSG:32632 (WGS 84 / UTM 32N).",
        0,
        PAGE_H - 6,
        7,
    )
    _table(
        layout,
        project,
        "Problemi rilevati",
        PDF_PROBLEM_COLUMNS,
        [[check.theme_title(p.theme), p.code, p.severity, p.message] for p in check.problems],
        "Nessun problema rilevato.",
    )
    names = [name for name, _, _ in COLUMNS]
    headers = {name: title for name, _, title in COLUMNS}
    _table(
        layout,
        project,
        "Lettura di coerenza con il catalogo RE.MIX",
        [(headers[name], width) for name, width in PDF_COHERENCE_COLUMNS],
        [[_italian(row.values()[names.index(name)]) for name, _ in PDF_COHERENCE_COLUMNS] for row in reading.rows],
        "Nessuna area da leggere.",
        note=" ".join([reading.rule()] + reading.notes),
    )
    return layout


def _map_layers(check: CheckResult, project: QgsProject) -> list:
    """Problems on top, then the themes, then the Comune boundary (layout order: top first)."""
    layers = [style_layer(check.problems_layer(), PROBLEMS_STYLE)]
    for result in reversed(list(check.results.values())):
        copy = result.layer.materialize(QgsFeatureRequest())
        copy.setName(result.theme.title)
        layers.append(style_layer(copy, result.theme.style_path))
    layers.append(style_layer(check.comune.layer(), BOUNDARY_STYLE))
    return [_owned(layer, project) for layer in layers]


def add_results_to_project(project: QgsProject, check: CheckResult, reading: CoherenceReading) -> QgsRectangle:
    """The checked areas, the problems and the coherence reading in one group on top of the project,
    replacing the group of an earlier check of the same Comune; returns the extent of the checked areas."""
    root = project.layerTreeRoot()
    for node in [n for n in root.children() if n.customProperty(GROUP_PROPERTY) == check.comune.code]:
        project.removeMapLayers([child.layerId() for child in node.findLayers()])
        root.removeChildNode(node)
    group = root.insertGroup(0, tr("Pacchetto PGT — ") + f"{check.comune.name} ({check.comune.code})")
    group.setCustomProperty(GROUP_PROPERTY, check.comune.code)
    layers = [style_layer(check.problems_layer(), PROBLEMS_STYLE), style_layer(reading.layer(), COHERENCE_STYLE)]
    layers += [style_layer(r.layer, r.theme.style_path) for r in check.results.values()]
    layers.append(style_layer(check.comune.layer(), BOUNDARY_STYLE))
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    group.findLayer(layers[1].id()).setItemVisibilityChecked(False)  # the reading: a table, shown on demand
    extent = QgsRectangle()
    for layer in layers[2:-1]:
        extent.combineExtentWith(layer.extent())
    return extent


def style_layer(layer: QgsVectorLayer, qml: Path) -> QgsVectorLayer:
    """Apply a QML style when there is one (a missing style leaves QGIS's default, never an error)."""
    if Path(qml).is_file():
        layer.loadNamedStyle(str(qml))
    return layer


def _owned(layer: QgsVectorLayer, project: QgsProject) -> QgsVectorLayer:
    """Hand the layer to the report's project, which deletes it with itself."""
    project.addMapLayer(layer, False)
    return layer


def _label(layout, text, page, y, size, bold=False, x=MARGIN, width=PAGE_W - 2 * MARGIN, height=8):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    set_label_font(label, _font(size, bold))
    label.setHAlign(Qt.AlignmentFlag.AlignLeft)
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters))
    label.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), page=page)
    return label


def _legend(layout, map_item, layers):
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Legenda")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:
        root.addLayer(layer)
    set_legend_font(legend, QgsLegendStyle.Title, _font(10, True))
    set_legend_font(legend, QgsLegendStyle.SymbolLabel, _font(8))
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(MARGIN + 190, 30, QgsUnitTypes.LayoutMillimeters))
    legend.adjustBoxSize()


def _scale_bar(layout, map_item):
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.setUnits(QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("m")
    bar.setNumericFormat(layouts.italian_format())
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(30)
    bar.setMaximumBarWidth(60)
    bar.setUnitsPerSegment(500)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(MARGIN + 2, 191, QgsUnitTypes.LayoutMillimeters))


def _font(size, bold=False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _summary(check: CheckResult, reading: CoherenceReading) -> str:
    lines = [f"Comune di {check.comune.name} — codice ISTAT {check.comune.code}", ""]
    for result in check.results.values():
        source = result.source
        lines.append(
            f"{result.theme.title}: {result.layer.featureCount()} elementi da «{source.label}» "
            f"({source.crs.authid() or 'SR non definito'})"
        )
    lines += ["", f"Esito della verifica: {check.outcome()}."]
    if reading.rows:
        in_lum = sum(1 for r in reading.rows if r.lum_m2 > 0)
        on_opportunity = sum(1 for r in reading.rows if r.opportunity_m2 > 0)
        lines.append(
            f"Aree su aree di opportunità RE.MIX: {on_opportunity} di {len(reading.rows)}; " f"in un LUM: {in_lum}."
        )
    return "\n".join(lines)


def _table(layout, project, heading, columns, rows, empty_text, note="") -> None:
    """A table from a new page on, `columns` being (heading, width mm).

    A layout table lays out all its rows again for every page it draws, so one long wrapped table
    costs rows × pages (minutes for 500 areas): the rows are cut into page-sized tables instead."""
    top = _new_page(layout, heading) + 10
    if note:
        height = 3.6 * (1 + len(note) // NOTE_CHARS_PER_LINE)
        _label(layout, note, layout.pageCollection().pageCount() - 1, top, 8, height=height)
        top += height + 2
    if not rows:
        _label(layout, empty_text, layout.pageCollection().pageCount() - 1, top, 10)
        return
    cells = [[_cell(value) for value in row] for row in rows]
    for number, chunk in enumerate(_page_chunks(cells, columns, PAGE_H - top - MARGIN)):
        if number:
            top = _new_page(layout, f"{heading} (segue)") + 10
        _page_table(layout, project, heading, columns, chunk, top)


def _new_page(layout, heading) -> float:
    """Add an A4 landscape page with a heading; returns the heading's top (mm from the page's top)."""
    collection = layout.pageCollection()
    page = QgsLayoutItemPage(layout)
    page.setPageSize("A4", QgsLayoutItemPage.Landscape)
    collection.addPage(page)
    _label(layout, heading, collection.pageCount() - 1, MARGIN, 14, bold=True)
    return MARGIN


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS].rsplit(" ", 1)[0] + " … (elenco completo nel CSV)"


def _page_chunks(cells, columns, height: float):
    """Rows grouped so that each group fits `height` mm, from each cell's estimated wrapped lines."""
    chunk: List[List[str]] = []
    used = HEADER_MM
    for row in cells:
        lines = max(
            max(1, math.ceil(len(text) * CHAR_MM / max(1.0, width - 2))) for text, (_, width) in zip(row, columns)
        )
        row_height = lines * LINE_MM + 2
        if chunk and used + row_height > height:
            yield chunk
            chunk, used = [], HEADER_MM
        chunk.append(row)
        used += row_height
    yield chunk


def _page_table(layout, project, heading, columns, rows, top: float) -> None:
    collection = layout.pageCollection()
    table = QgsLayoutItemAttributeTable.create(layout)
    layout.addMultiFrame(table)
    table.setMaximumNumberOfFeatures(len(rows))  # each setting lays the whole table out again: all before the rows
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setHeaderTextFormat(_format(7.5, True))
    table.setContentTextFormat(_format(7))
    table.setVectorLayer(_owned(_rows_layer(heading, columns, rows), project))
    sized = table.columns()  # QGIS 3.22 corrupts memory if setColumns changes the count: same count, new widths
    for column, (title, width) in zip(sized, columns):
        column.setHeading(title)
        column.setWidth(width)
    table.setColumns(sized)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(PAGE_W - 2 * MARGIN, PAGE_H - top - MARGIN, QgsUnitTypes.LayoutMillimeters))
    frame.attemptMove(QgsLayoutPoint(MARGIN, top, QgsUnitTypes.LayoutMillimeters), page=collection.pageCount() - 1)
    table.addFrame(frame)
    table.setResizeMode(QgsLayoutMultiFrame.RepeatUntilFinished)  # should an estimate fall short: one more page


def _rows_layer(name, columns, rows) -> QgsVectorLayer:
    """Rows of text as a table layer with exactly the printed columns."""
    layer = QgsVectorLayer("None", name, "memory")
    add_attributes(layer, [QgsField(f"c{i}", FieldType.String) for i in range(len(columns))])
    layer.updateFields()
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(["" if value is None else str(value) for value in row])
        features.append(feature)
    add_features(layer, features)
    return layer


def _format(size, bold=False) -> QgsTextFormat:
    text_format = QgsTextFormat()
    text_format.setFont(_font(size, bold))
    text_format.setSize(size)
    return text_format
