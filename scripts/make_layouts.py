"""(Re)generate the CMM print layouts in print_layouts/: the four map sheets (A4/A3, landscape/portrait)
and the Scheda comunale atlas.

The .qpt files are the source of truth once committed: CMM staff restyle them in QGIS's layout
designer (Salva come modello). This script only rebuilds them from scratch, e.g. to change the whole
look at once. Run from the repository root:

    QT_QPA_PLATFORM=offscreen python3 scripts/make_layouts.py

What the code of the plugin relies on (remix_plugin/core/printing/export.py, atlas.py) is the item ids:
`titolo`, `sottotitolo`, `mappa`, `legenda`, `scala`, `scala_numerica`, `nord`, `logo_cmm`, `logo_remix`,
`fonti` (with the reference system), `data_stampa` (an expression), `avviso_dimostrativo`; the atlas also `indicatore_superficie`,
`indicatore_finanziamento`, `metodo`, `interventi_titolo`, `interventi`, `interventi_nota`, and its coverage
fields (atlas.COVERAGE_FIELDS). Everything else (sizes, colours, fonts, positions) is free to change.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_HASH_SEED", "0")  # same attribute order every run: diffs show real changes

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(ROOT))

SLATE, ORANGE, GREY, PALE = "#2b3a4a", "#e4711c", "#5a6672", "#f2f4f6"
DEMO_NOTICE = "DATI DIMOSTRATIVI — geometrie e interventi generati per prova, non ufficiali."
FONT = "Open Sans"  # as the styles (scripts/make_styles.py)

# name -> (page size, orientation, layout name)
MAP_SHEETS = {
    "A4_orizzontale": ("A4", "landscape", "RE.MIX — A4 orizzontale"),
    "A4_verticale": ("A4", "portrait", "RE.MIX — A4 verticale"),
    "A3_orizzontale": ("A3", "landscape", "RE.MIX — A3 orizzontale"),
    "A3_verticale": ("A3", "portrait", "RE.MIX — A3 verticale"),
}


def main() -> int:
    from remix_plugin.cli import start_qgis

    start_qgis()
    out = ROOT / "print_layouts"
    for name, (size, orientation, title) in MAP_SHEETS.items():
        save(map_sheet(size, orientation, title), out / f"{name}.qpt")
    save(scheda_comunale(), out / "scheda_comunale.qpt")  # the sheet (and its project) lives until saved
    save_coverage_style(ROOT / "styles" / "print" / "scheda_comunale.qml")
    return 0


def save_coverage_style(path: Path) -> None:
    """The Comuni of the Scheda comunale: the page's Comune outlined, the others under a light veil with
    their names, so that the Comune's own areas and interventi stand out."""
    from qgis.core import (
        QgsFillSymbol,
        QgsMapLayer,
        QgsPalLayerSettings,
        QgsRuleBasedRenderer,
        QgsTextBufferSettings,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )

    from remix_plugin.core.printing.atlas import COVERAGE_FIELDS

    layer = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:32632&" + "&".join(f"field={n}:{t}" for n, t in COVERAGE_FIELDS), "Comuni", "memory"
    )
    root = QgsRuleBasedRenderer.Rule(None)
    own = QgsFillSymbol.createSimple({"style": "no", "outline_color": rgba(SLATE), "outline_width": "0.8"})
    others = QgsFillSymbol.createSimple(
        {"color": "255,255,255,150", "outline_color": "140,146,153,255", "outline_width": "0.2"}
    )
    root.appendChild(QgsRuleBasedRenderer.Rule(own, 0, 0, "$id = @atlas_featureid", "Comune della scheda"))
    root.appendChild(QgsRuleBasedRenderer.Rule(others, 0, 0, "ELSE", "Altri Comuni"))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    labels = QgsPalLayerSettings()
    labels.fieldName = "CASE WHEN $id = @atlas_featureid THEN '' ELSE \"comune\" END"
    labels.isExpression = True
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.6)
    fmt = text_format(6.5, colour=GREY)
    fmt.setBuffer(buffer)
    font_value = fmt.font()
    font_value.setItalic(True)
    fmt.setFont(font_value)
    labels.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)
    path.parent.mkdir(parents=True, exist_ok=True)
    message, ok = layer.saveNamedStyle(str(path), QgsMapLayer.Symbology | QgsMapLayer.Labeling)
    if not ok:
        raise SystemExit(f"cannot write {path}: {message}")
    sys.stdout.write(f"{path.relative_to(ROOT)}\n")


def save(sheet, path: Path) -> None:
    from qgis.core import QgsPathResolver, QgsReadWriteContext

    context = QgsReadWriteContext()
    context.setPathResolver(QgsPathResolver(str(path)))  # pictures stored relative to the template
    if not sheet.layout.saveAsTemplate(str(path), context):
        raise SystemExit(f"cannot write {path}")
    sys.stdout.write(f"{path.relative_to(ROOT)}\n")


# --- building blocks ------------------------------------------------------------------------------


class Sheet:
    """A layout with one page and helpers that place items in millimetres from the page's top left."""

    def __init__(self, size: str, orientation: str, name: str, margin: float = 10.0, project=None):
        from qgis.core import QgsLayoutItemPage, QgsPrintLayout, QgsProject

        self.project = project or QgsProject()
        self.layout = QgsPrintLayout(self.project)
        self.layout.initializeDefaults()
        self.layout.setName(name)
        page = self.layout.pageCollection().page(0)
        page.setPageSize(
            size, QgsLayoutItemPage.Landscape if orientation == "landscape" else QgsLayoutItemPage.Portrait
        )
        self.width, self.height = page.pageSize().width(), page.pageSize().height()
        self.k = self.width / 297.0 if orientation == "landscape" else self.width / 210.0  # 1 for A4, √2 for A3
        self.margin = margin * self.k

    def place(self, item, x, y, w, h, item_id=""):
        from qgis.core import QgsLayoutPoint, QgsLayoutSize, QgsUnitTypes

        self.layout.addLayoutItem(item)
        item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
        item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
        if item_id:
            item.setId(item_id)
        return item

    def label(
        self, text, x, y, w, h, size, item_id="", bold=False, colour=SLATE, align="left", valign="top", italic=False
    ):
        from qgis.core import QgsLayoutItemLabel
        from qgis.PyQt.QtCore import Qt

        label = QgsLayoutItemLabel(self.layout)
        label.setText(text)
        label.setFont(font(size * self.k, bold, italic))
        label.setFontColor(colour_of(colour))
        label.setHAlign(
            {
                "left": Qt.AlignmentFlag.AlignLeft,
                "right": Qt.AlignmentFlag.AlignRight,
                "center": Qt.AlignmentFlag.AlignHCenter,
            }[align]
        )
        label.setVAlign(
            {
                "top": Qt.AlignmentFlag.AlignTop,
                "middle": Qt.AlignmentFlag.AlignVCenter,
                "bottom": Qt.AlignmentFlag.AlignBottom,
            }[valign]
        )
        label.setMarginX(0)
        label.setMarginY(0)
        return self.place(label, x, y, w, h, item_id)

    def rectangle(self, x, y, w, h, fill, outline=None, item_id=""):
        from qgis.core import QgsFillSymbol, QgsLayoutItemShape

        shape = QgsLayoutItemShape(self.layout)
        shape.setShapeType(QgsLayoutItemShape.Rectangle)
        shape.setSymbol(
            QgsFillSymbol.createSimple(
                {
                    "color": rgba(fill),
                    "outline_style": "solid" if outline else "no",
                    "outline_color": rgba(outline or fill),
                    "outline_width": "0.25",
                }
            )
        )
        return self.place(shape, x, y, w, h, item_id)

    def picture(self, file, x, y, w, h, item_id, anchor="middle"):
        from qgis.core import QgsLayoutItem, QgsLayoutItemPicture

        picture = QgsLayoutItemPicture(self.layout)
        picture.setPicturePath(str(file))
        picture.setResizeMode(QgsLayoutItemPicture.Zoom)
        picture.setPictureAnchor(
            {"left": QgsLayoutItem.MiddleLeft, "right": QgsLayoutItem.MiddleRight, "middle": QgsLayoutItem.Middle}[
                anchor
            ]
        )
        return self.place(picture, x, y, w, h, item_id)

    def map(self, x, y, w, h):
        from qgis.core import QgsCoordinateReferenceSystem, QgsLayoutItemMap, QgsRectangle

        item = QgsLayoutItemMap(self.layout)
        item.setFrameEnabled(True)
        item.setFrameStrokeColor(colour_of(SLATE))
        item.setFrameStrokeWidth(measure(0.3))
        item.setCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
        self.place(item, x, y, w, h, "mappa")
        item.zoomToExtent(QgsRectangle(477060, 5001001, 542975, 5054346))  # the Città metropolitana
        return item

    def header(self, logos_top: bool):
        """Logos, the orange rule, title and subtitle; returns where the body starts (mm from the top)."""
        k, m, w = self.k, self.margin, self.width
        if logos_top:  # portrait: a strip of logos, then the title across the whole width
            self.picture(ICONS / "logo_cmm.svg", m, m, 52 * k, 13 * k, "logo_cmm", "left")
            self.picture(ICONS / "logo_remix.svg", w - m - 44 * k, m + 0.5 * k, 44 * k, 12 * k, "logo_remix", "right")
            rule = m + 15 * k
            self.rectangle(m, rule, w - 2 * m, 0.8 * k, ORANGE)
            # the title's box holds two lines (a long title is wrapped and shrunk to it: legend.fit_title)
            self.label("Titolo della mappa", m, rule + 2 * k, w - 2 * m, 12.5 * k, 17, "titolo", bold=True)
            self.label("Sottotitolo", m, rule + 14.5 * k, w - 2 * m - 50 * k, 5 * k, 10, "sottotitolo", colour=GREY)
            self.printed_on(w - m - 50 * k, rule + 15 * k, 50 * k)
            return rule + 21 * k
        logos = 50 * k + 4 * k + 40 * k
        self.label("Titolo della mappa", m, m - 1.5 * k, w - 2 * m - logos - 6 * k, 12.5 * k, 17, "titolo", bold=True)
        self.label("Sottotitolo", m, m + 11.5 * k, w - 2 * m - logos - 6 * k, 5 * k, 10, "sottotitolo", colour=GREY)
        self.picture(ICONS / "logo_remix.svg", w - m - 40 * k, m, 40 * k, 11 * k, "logo_remix", "right")
        self.picture(ICONS / "logo_cmm.svg", w - m - logos, m - 1 * k, 50 * k, 12.5 * k, "logo_cmm", "right")
        self.printed_on(w - m - logos, m + 12.5 * k, logos)
        rule = m + 17 * k
        self.rectangle(m, rule, w - 2 * m, 0.8 * k, ORANGE)
        return rule + 3 * k

    def printed_on(self, x, y, w):
        """The date of printing: an expression, so it is the day the page is drawn, also when the layout is
        printed again from the designer."""
        self.label(
            "[% 'Stampato il ' || format_date(now(), 'dd/MM/yyyy') %]",
            x,
            y,
            w,
            4 * self.k,
            7,
            "data_stampa",
            bold=True,
            align="right",
        )

    def map_furniture(self, map_item, x, y, w, h):
        """North arrow (top right), scale bars (bottom left) and the demonstrative-data notice (top left),
        over the map so that the page's margins stay for the legend and the sources."""
        from qgis.core import (
            QgsFillSymbol,
            QgsLayoutItemPicture,
            QgsLayoutItemScaleBar,
            QgsLayoutUtils,
            QgsLineSymbol,
            QgsScaleBarSettings,
            QgsUnitTypes,
        )

        from remix_plugin.core.printing.layouts import italian_format

        k = self.k
        arrow = self.picture("arrows/NorthArrow_02.svg", x + w - 13 * k, y + 3 * k, 10 * k, 13 * k, "nord")
        arrow.setLinkedMap(map_item)
        arrow.setNorthMode(QgsLayoutItemPicture.GridNorth)
        arrow.setSvgFillColor(colour_of(SLATE))
        arrow.setSvgStrokeColor(colour_of(SLATE))
        arrow.setBackgroundEnabled(True)
        arrow.setBackgroundColor(colour_of("#ffffffb3"))
        bar = QgsLayoutItemScaleBar(self.layout)
        bar.setStyle("Single Box")
        bar.setLinkedMap(map_item)
        bar.setUnits(QgsUnitTypes.DistanceKilometers)
        bar.setUnitLabel("km")
        bar.setNumericFormat(italian_format(2))
        bar.setNumberOfSegments(4)
        bar.setNumberOfSegmentsLeft(0)
        bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
        bar.setMinimumBarWidth(25 * k)
        bar.setMaximumBarWidth(45 * k)
        bar.setUnitsPerSegment(5)
        bar.setHeight(1.6 * k)
        bar.setLabelBarSpace(1.2 * k)
        bar.setBoxContentSpace(1.5 * k)
        bar.setTextFormat(text_format(6.5 * k))
        bar.setFillSymbol(QgsFillSymbol.createSimple({"color": rgba(SLATE), "outline_style": "no"}))
        bar.setAlternateFillSymbol(QgsFillSymbol.createSimple({"color": "255,255,255,255", "outline_style": "no"}))
        bar.setLineSymbol(QgsLineSymbol.createSimple({"line_color": rgba(SLATE), "line_width": "0.2"}))
        bar.setBackgroundEnabled(True)
        bar.setBackgroundColor(colour_of("#ffffffd9"))
        self.place(bar, x + 3 * k, y + h - 16 * k, 50 * k, 9 * k, "scala")
        number = QgsLayoutItemScaleBar(self.layout)
        number.setStyle("Numeric")
        number.setLinkedMap(map_item)
        number.setNumericFormat(italian_format(0))
        number.setTextFormat(text_format(7 * k, bold=True))
        number.setBackgroundEnabled(True)
        number.setBackgroundColor(colour_of("#ffffffd9"))
        number.setBoxContentSpace(1.2 * k)
        self.place(number, x + 3 * k, y + h - 7 * k, 30 * k, 5 * k, "scala_numerica")
        text = DEMO_NOTICE if w > 150 * k else DEMO_NOTICE.split(" — ")[0] + " — non ufficiali"
        width = min(w - 22 * k, QgsLayoutUtils.textWidthMM(font(8 * k, True), text) + 6 * k)
        notice = self.label(
            text,
            x + 3 * k,
            y + 3 * k,
            width,
            6.5 * k,
            8,
            "avviso_dimostrativo",
            bold=True,
            colour="#b3261e",
            valign="middle",
        )
        notice.setBackgroundEnabled(True)
        notice.setBackgroundColor(colour_of("#fff4e5f0"))
        notice.setFrameEnabled(True)
        notice.setFrameStrokeColor(colour_of(ORANGE))
        notice.setFrameStrokeWidth(measure(0.4))
        notice.setMarginX(2 * k)

    def legend(self, map_item, x, y, w, h, columns=1):
        from qgis.core import QgsLayoutItemLegend, QgsLegendStyle

        legend = QgsLayoutItemLegend(self.layout)
        legend.setTitle("Legenda")
        legend.setLinkedMap(map_item)
        legend.setLegendFilterByMapEnabled(True)
        legend.setResizeToContents(False)
        legend.setColumnCount(columns)
        legend.setSplitLayer(True)
        legend.setEqualColumnWidth(True)
        legend.setColumnSpace(4 * self.k)
        legend.setSymbolWidth(5 * self.k)
        legend.setSymbolHeight(2.8 * self.k)
        legend.setFontColor(colour_of(SLATE))
        legend.setBoxSpace(0)
        for style, size, bold in (
            (QgsLegendStyle.Title, 10, True),
            (QgsLegendStyle.Group, 8, True),
            (QgsLegendStyle.Subgroup, 7.5, True),
            (QgsLegendStyle.SymbolLabel, 7, False),
        ):
            legend.setStyleFont(style, font(size * self.k, bold))
        legend.rstyle(QgsLegendStyle.Title).setMargin(QgsLegendStyle.Bottom, 2.0 * self.k)
        legend.rstyle(QgsLegendStyle.Group).setMargin(QgsLegendStyle.Top, 2.2 * self.k)
        legend.rstyle(QgsLegendStyle.Subgroup).setMargin(QgsLegendStyle.Top, 1.3 * self.k)
        legend.rstyle(QgsLegendStyle.Symbol).setMargin(QgsLegendStyle.Top, 1.0 * self.k)
        legend.rstyle(QgsLegendStyle.SymbolLabel).setMargin(QgsLegendStyle.Top, 1.0 * self.k)
        return self.place(legend, x, y, w, h, "legenda")

    def footer(self, y):
        """The sources of the layers shown, their dates and the reference system (filled by the plugin)."""
        k, m, w = self.k, self.margin, self.width
        self.rectangle(m, y, w - 2 * m, 0.25 * k, "#b8bec5")
        self.label("Fonti: …", m, y + 1.5 * k, w - 2 * m, self.height - m - y - 1.5 * k, 6.5, "fonti", colour=GREY)


def map_sheet(size: str, orientation: str, name: str):
    sheet = Sheet(size, orientation, name)
    k, m = sheet.k, sheet.margin
    w, h = sheet.width, sheet.height
    footer_h = (17 if orientation == "landscape" else 21) * k
    if orientation == "landscape":
        top = sheet.header(logos_top=False)
        side = 72 * k
        map_w, map_h = w - 2 * m - side - 5 * k, h - top - m - footer_h - 2 * k
        map_item = sheet.map(m, top, map_w, map_h)
        sheet.legend(map_item, m + map_w + 5 * k, top, side, map_h)
        sheet.footer(top + map_h + 2 * k)
        sheet.map_furniture(map_item, m, top, map_w, map_h)
    else:
        top = sheet.header(logos_top=True)
        legend_h = 58 * k
        map_w, map_h = w - 2 * m, h - top - m - footer_h - legend_h - 6 * k
        map_item = sheet.map(m, top, map_w, map_h)
        sheet.legend(map_item, m, top + map_h + 4 * k, map_w, legend_h, columns=3)
        sheet.footer(h - m - footer_h)
        sheet.map_furniture(map_item, m, top, map_w, map_h)
    return sheet


def scheda_comunale():
    """A4 portrait, one page per Comune of the coverage: map and legend, the two indicators, the interventi."""
    from qgis.core import (
        QgsLayoutFrame,
        QgsLayoutItemAttributeTable,
        QgsLayoutTable,
        QgsLayoutTableColumn,
        QgsLayoutTableStyle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import Qt

    from remix_plugin.core.printing.atlas import COVERAGE_FIELDS, TABLE_FIELDS, TABLE_LAYER

    coverage = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:32632&" + "&".join(f"field={n}:{t}" for n, t in COVERAGE_FIELDS), "Comuni", "memory"
    )
    table_layer = QgsVectorLayer("None?" + "&".join(f"field={n}:{t}" for n, t in TABLE_FIELDS), TABLE_LAYER, "memory")
    sheet = Sheet("A4", "portrait", "RE.MIX — Scheda comunale")
    sheet.project.addMapLayers([coverage, table_layer])
    m, w = sheet.margin, sheet.width
    sheet.picture(ICONS / "logo_cmm.svg", m, m, 48, 12, "logo_cmm", "left")
    sheet.picture(ICONS / "logo_remix.svg", w - m - 40, m + 0.5, 40, 11, "logo_remix", "right")
    sheet.rectangle(m, 24, w - 2 * m, 0.8, ORANGE)
    sheet.label("[% 'Comune di ' || \"comune\" %]", m, 27, w - 2 * m, 10, 17, "titolo", bold=True)
    sheet.label(
        "[% 'Scheda comunale RE.MIX — Zona omogenea ' || \"zona_omogenea\" || ' — codice ISTAT ' || " '"pro_com_t" %]',
        m,
        37,
        w - 2 * m - 50,
        6,
        9.5,
        "sottotitolo",
        colour=GREY,
    )
    map_item = sheet.map(m, 45, 128, 100)
    map_item.setAtlasDriven(True)
    map_item.setAtlasScalingMode(map_item.Auto)
    map_item.setAtlasMargin(0.08)
    legend = sheet.legend(map_item, m + 133, 45, w - 2 * m - 133, 100)
    legend.setLegendFilterOutAtlas(True)
    sheet.map_furniture(map_item, m, 45, 128, 100)
    for number, (which, title) in enumerate(
        (
            ("superficie", "Superficie delle aree di interesse per la rigenerazione"),
            ("finanziamento", "Finanziamento complessivo per interventi di " "rigenerazione"),
        )
    ):
        x = m + number * 96
        sheet.rectangle(x, 149, 94, 23, PALE)
        sheet.rectangle(x, 149, 1.2, 23, ORANGE)
        sheet.label(title, x + 4, 150.5, 88, 4, 7, bold=True, colour=GREY)
        sheet.label(f'[% "{which}_valore" %]', x + 4, 155, 50, 7, 13, f"indicatore_{which}", bold=True)
        sheet.label(
            f"[% 'classe: ' || \"{which}_classe\" %]",
            x + 54,
            156,
            36,
            6,
            9,
            f"classe_{which}",
            bold=True,
            colour=ORANGE,
            align="right",
            valign="middle",
        )
        sheet.label(f'[% "{which}_dettaglio" %]', x + 4, 163, 88, 8, 7, f"dettaglio_{which}", colour=GREY)
    sheet.label("Metodo delle classi", m, 173, w - 2 * m, 7, 6, "metodo", colour=GREY)
    sheet.label(
        "[% 'Interventi finanziati nel Comune (' || \"n_interventi\" || ')' %]",
        m,
        181,
        w - 2 * m,
        6,
        10,
        "interventi_titolo",
        bold=True,
    )
    table = QgsLayoutItemAttributeTable.create(sheet.layout)
    sheet.layout.addMultiFrame(table)
    table.setVectorLayer(table_layer)
    table.setMaximumNumberOfFeatures(20)
    table.setFilterFeatures(True)  # `mostrato`: the rows that fit the frame (set by the plugin for each Comune)
    table.setFeatureFilter('"pro_com_t" = attribute(@atlas_feature, \'pro_com_t\') AND "mostrato" = 1')
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setHeaderTextFormat(text_format(7, bold=True, colour="#ffffff"))
    table.setContentTextFormat(text_format(6.5))
    table.setCellMargin(1.0)
    table.setGridStrokeWidth(0.15)
    table.setGridColor(colour_of("#c9ced4"))
    table.setHorizontalGrid(True)
    table.setVerticalGrid(False)
    table.setEmptyTableBehavior(QgsLayoutTable.ShowMessage)
    table.setEmptyTableMessage("Nessun intervento finanziato registrato per questo Comune.")
    header = QgsLayoutTableStyle()
    header.enabled, header.cellBackgroundColor = True, colour_of(SLATE)
    table.setCellStyle(QgsLayoutTable.HeaderRow, header)
    odd = QgsLayoutTableStyle()
    odd.enabled, odd.cellBackgroundColor = True, colour_of(PALE)
    table.setCellStyle(QgsLayoutTable.OddRows, odd)
    columns = []
    for heading, expression, width, align in (
        ("CUP", '"cup"', 26, Qt.AlignmentFlag.AlignLeft),
        ("Titolo", '"titolo"', 74, Qt.AlignmentFlag.AlignLeft),
        ("Bando", '"bando"', 52, Qt.AlignmentFlag.AlignLeft),  # widths + 2 cell margins each = the frame's 190 mm
        (
            "Importo finanziato",
            "CASE WHEN round(\"importo_finanziato\", 2) = 0 THEN '€ 0' "
            "ELSE '€ ' || format_number(\"importo_finanziato\", 2, 'it') END",  # formatting.money
            30,
            Qt.AlignmentFlag.AlignRight,
        ),
    ):
        column = QgsLayoutTableColumn(heading)
        column.setAttribute(expression)
        column.setWidth(width)
        column.setHAlignment(align)
        columns.append(column)
    table.setColumns(columns)
    order = QgsLayoutTableColumn()
    order.setAttribute("importo_finanziato")
    order.setSortOrder(Qt.SortOrder.DescendingOrder)
    table.setSortColumns([order])
    frame = QgsLayoutFrame(sheet.layout, table)
    sheet.place(frame, m, 188, w - 2 * m, 73, "interventi")
    table.addFrame(frame)
    table.setResizeMode(table.UseExistingFrames)
    sheet.label('[% "nota_interventi" %]', m, 262, w - 2 * m, 4, 6.5, "interventi_nota", colour=GREY, italic=True)
    sheet.printed_on(w - m - 50, 38, 50)
    sheet.footer(267)
    atlas = sheet.layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setSortFeatures(True)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression('"stampa" = 1')
    atlas.setSortExpression('"comune"')
    atlas.setPageNameExpression('"comune"')
    atlas.setFilenameExpression("'scheda_' || \"pro_com_t\"")
    return sheet


# --- small conversions ----------------------------------------------------------------------------


def font(size, bold=False, italic=False):
    from qgis.PyQt.QtGui import QFont

    value = QFont(FONT)
    value.setPointSizeF(size)
    value.setBold(bold)
    value.setItalic(italic)
    return value


def text_format(size, bold=False, colour=SLATE):
    from qgis.core import QgsTextFormat

    value = QgsTextFormat()
    value.setFont(font(size, bold))
    value.setSize(size)
    value.setColor(colour_of(colour))
    return value


def colour_of(text):
    from qgis.PyQt.QtGui import QColor

    if len(text) == 9:  # #rrggbbaa
        return QColor(int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16), int(text[7:9], 16))
    return QColor(text)


def rgba(text) -> str:
    colour = colour_of(text)
    return f"{colour.red()},{colour.green()},{colour.blue()},{colour.alpha()}"


def measure(mm):
    from qgis.core import QgsLayoutMeasurement

    return QgsLayoutMeasurement(mm)


if __name__ == "__main__":
    sys.exit(main())
