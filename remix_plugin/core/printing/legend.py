"""What a printed map shows, and a legend of exactly that which stays on its page.

A layer is shown when the map's scale is inside its scale range (the portal's thresholds, DESIGN §2.5)
and it has a feature in the map's extent; the legend lists those layers only, and QGIS's own
filter-by-map then drops the classes without features in view. The legend keeps to the box the
template gives it: long labels wrap, a long legend goes into columns and, when that is not enough,
its text and symbols shrink (down to a size that still reads in print); past that, the last layers
are left out and the title says so. The sources text shrinks too, and is cut with «…» as a last resort; the
map's title shrinks or wraps into its two-line box (`fit_title`). `rounded_scale` picks the print's scale.
"""

import math
from typing import List, Tuple

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayer,
    QgsMapLayerLegendUtils,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QFontMetricsF

from remix_plugin.core.base.qgis_compat import (
    filter_legend_by_map,
    label_font,
    layer_description,
    legend_font,
    set_label_font,
    set_legend_font,
)
from remix_plugin.core.data.layers import ENTRY_PROPERTY
from remix_plugin.core.printing.layouts import DPI

SHRINK = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6)  # text and symbols, largest first
MIN_COLUMN_MM = 42.0  # narrower columns wrap every label into many lines
STYLES = (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup, QgsLegendStyle.SymbolLabel)


def render_settings(map_item: QgsLayoutItemMap, dpi: int = DPI):
    """The map settings the map item is drawn with at `dpi` (the exports' resolution). Their scale is the
    one QGIS tests scale ranges against: it differs from the nominal scale by a pixel's rounding, which
    decides for a layer whose threshold is exactly the printed scale."""
    size = QSizeF(map_item.rect().width(), map_item.rect().height()) * dpi / 25.4
    return map_item.mapSettings(map_item.extent(), size, dpi, True)


def shown_layers(layers: List[QgsMapLayer], map_item: QgsLayoutItemMap) -> List[QgsMapLayer]:
    """The layers the map item draws something of: in scale range and with a feature in its extent."""
    scale = render_settings(map_item).scale()
    extent = QgsGeometry.fromRect(map_item.extent())
    context = map_item.layout().project().transformContext()
    shown = []
    for layer in layers:
        if layer.hasScaleBasedVisibility() and not layer.isInScaleRange(scale):
            continue
        area = QgsGeometry(extent)
        if layer.crs().isValid() and map_item.crs().isValid() and layer.crs() != map_item.crs():
            area.transform(QgsCoordinateTransform(map_item.crs(), layer.crs(), context))
        if isinstance(layer, QgsVectorLayer):
            request = (
                QgsFeatureRequest()
                .setFilterRect(area.boundingBox())
                .setFlags(QgsFeatureRequest.ExactIntersect)
                .setNoAttributes()
                .setLimit(1)
            )
            if next(layer.getFeatures(request), None) is None:
                continue
        elif not layer.extent().isEmpty() and not layer.extent().intersects(area.boundingBox()):
            continue
        shown.append(layer)
    return shown


def fill_legend(legend: QgsLayoutItemLegend, entries: List[Tuple[QgsMapLayer, str]]) -> None:
    """The legend's own list: `entries` (layer, group title; '' for none) in order, grouped, each
    catalogue layer once (the same layer may be in both maps)."""
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    seen, groups = set(), {}
    for layer, group in entries:
        key = layer.customProperty(ENTRY_PROPERTY) or layer.id()
        if key in seen:
            continue
        seen.add(key)
        parent = root
        if group:
            if group not in groups:
                groups[group] = root.addGroup(group)
            parent = groups[group]
        parent.addLayer(layer)
    legend.updateLegend()


def fit_legend(legend: QgsLayoutItemLegend, box: QSizeF = None) -> float:
    """Fit the legend into `box` (mm; default: the legend's size in the template) by wrapping, columns,
    then shrinking. Returns the scale of text and symbols kept (1: as designed)."""
    box = box or QSizeF(legend.rect().width(), legend.rect().height())
    base = legend.property("remix_base")
    if base is None:  # the template's sizes and title, kept across atlas pages
        base = (
            [legend_font(legend, s).pointSizeF() for s in STYLES],
            legend.symbolWidth(),
            legend.symbolHeight(),
            legend.title(),
        )
        legend.setProperty("remix_base", base)
    legend.setTitle(base[3])
    filter_by_map(legend)
    most = max(1, min(4, int((box.width() + legend.columnSpace()) // (MIN_COLUMN_MM + legend.columnSpace()))))
    for factor in SHRINK:
        for columns in range(1, most + 1):
            for split in (False,) if factor > 0.85 else (False, True):  # a layer's classes together if they can
                legend.setSplitLayer(split)
                if _fits(_try(legend, base, factor, columns, box), box):
                    _settle(legend, box)
                    return factor
    _leave_out(legend, base, most, box)
    _settle(legend, box)
    return SHRINK[-1]


def _fits(size: QSizeF, box: QSizeF) -> bool:
    return size.width() <= box.width() and size.height() <= box.height()


def _leave_out(legend: QgsLayoutItemLegend, base, columns: int, box: QSizeF) -> None:
    """Too long even at the smallest size: the last layers are left out of the legend (never off the
    page), and its title says how many."""
    nodes = legend.model().rootGroup().findLayers()
    left_out = 0
    while nodes:
        node = nodes.pop()
        parent = node.parent()
        parent.removeChildNode(node)
        if not parent.children() and parent.parent() is not None:
            parent.parent().removeChildNode(parent)
        left_out += 1
        legend.setTitle(f"{base[3]} (mancano {left_out} strati: non c'è spazio)")
        if _fits(_try(legend, base, SHRINK[-1], columns, box), box):
            return


def filter_by_map(legend: QgsLayoutItemLegend) -> None:
    """Apply the filter-by-map now (QGIS does it when painting), so that the size measured is the printed one."""
    map_item = legend.linkedMap()
    if map_item is None or not legend.legendFilterByMapEnabled():
        return
    settings = render_settings(map_item)
    atlas = legend.layout().reportContext()
    polygon = atlas.currentGeometry(map_item.crs()) if legend.legendFilterOutAtlas() else QgsGeometry()
    filter_legend_by_map(legend.model(), settings, polygon)


def _try(legend, base, factor, columns, box) -> QSizeF:
    sizes, symbol_w, symbol_h, _ = base
    for style, size in zip(STYLES, sizes):
        font = legend_font(legend, style)
        font.setPointSizeF(size * factor)
        set_legend_font(legend, style, font)
    legend.setSymbolWidth(symbol_w * factor)
    legend.setSymbolHeight(symbol_h * factor)
    legend.setColumnCount(columns)
    column_mm = (box.width() - (columns - 1) * legend.columnSpace()) / columns
    label_mm = column_mm - symbol_w * factor - 3.0
    _wrap_labels(
        legend,
        _chars(legend_font(legend, QgsLegendStyle.SymbolLabel), label_mm),
        _chars(legend_font(legend, QgsLegendStyle.Subgroup), column_mm),
    )
    legend.updateLegend()
    context = QgsLayoutUtils.createRenderContextForLayout(legend.layout(), None)
    return QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize(context)


def _chars(font, width_mm: float) -> int:
    """How many characters of average text fit in `width_mm` with this font."""
    sample = "Aree della rigenerazione ambiti trasformazione 2020"
    per_char = QgsLayoutUtils.textWidthMM(font, sample) / len(sample)
    return max(12, int(0.92 * width_mm / per_char))  # a margin for words wider than the average


def _wrap_labels(legend: QgsLayoutItemLegend, symbol_chars: int, title_chars: int) -> None:
    """Layer titles and class labels broken into lines (the legend draws each line of a label)."""
    model = legend.model()
    for node in model.rootGroup().findLayers():
        layer = node.layer()
        node.setCustomProperty(
            "legend/title-label", wrap(layer_description(layer).title() or layer.name(), title_chars)
        )
        model.refreshLayerLegend(node)
        nodes = model.layerOriginalLegendNodes(node)
        single = len(nodes) == 1  # a lone symbol is drawn beside the layer's title: same width as a class label
        if single:
            node.setCustomProperty(
                "legend/title-label", wrap(layer_description(layer).title() or layer.name(), symbol_chars)
            )
        for index, legend_node in enumerate(nodes):
            original = QgsMapLayerLegendUtils.legendNodeUserLabel(node, index) or legend_node.data(0) or ""
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, wrap(original.replace("\n", " "), symbol_chars))
        model.refreshLayerLegend(node)


def wrap(text: str, chars: int) -> str:
    """Greedy word wrap at `chars` characters (words longer than a line stay whole)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line]) if line else ""


def _settle(legend: QgsLayoutItemLegend, box: QSizeF) -> None:
    """Keep the template's box (a legend shorter than it leaves blank space below, not a moved frame)."""
    legend.setResizeToContents(False)
    legend.attemptResize(QgsLayoutSize(box.width(), box.height(), QgsUnitTypes.LayoutMillimeters))


# --- text that must fit its box --------------------------------------------------------------------


def fit_label(label: QgsLayoutItemLabel, text: str, smallest: float = 4.5) -> float:
    """Set the label's text, shrinking its font until the wrapped text fits the label's box; text still too
    long at the smallest size is cut at a word, with «…». Returns the size."""
    font = label_font(label)
    size = font.pointSizeF()
    width, height = label.rect().width() - 2 * label.marginX(), label.rect().height() - 2 * label.marginY()
    while size > smallest and text_height(font, text, width) > height:
        size = max(smallest, size - 0.25)
        font.setPointSizeF(size)
    words = text.split(" ")
    while len(words) > 1 and text_height(font, " ".join(words), width) > height:
        words = words[:-1]
        words[-1] = "…"
    set_label_font(label, font)
    label.setText(" ".join(words))
    return size


def fit_title(label: QgsLayoutItemLabel, text: str, smallest: float = 0.6) -> float:
    """The title in its box (sized for two lines), never clipped nor over the subtitle: on one line, its font
    shrunk (down to `smallest` of the template's size) until it fits; else on two lines broken where they are
    most even, as large as the box allows; longer still, cut at a word with «…». Lines are broken with «\\n»,
    not by the label's word wrap, so that what is measured is what is printed. Returns the size."""
    font = label_font(label)
    base = label.property("remix_title_size") or font.pointSizeF()
    label.setProperty("remix_title_size", base)  # the template's size, when the title is set again
    words = str(text).split()
    while True:
        options = [[" ".join(words)]] + sorted(
            ([" ".join(words[:i]), " ".join(words[i:])] for i in range(1, len(words))),
            key=lambda lines: max(len(line) for line in lines),
        )
        size = base
        while True:
            font.setPointSizeF(size)
            set_label_font(label, font)
            for lines in options:
                label.setText("\n".join(lines))
                if holds_text(label):
                    return size
            if size <= base * smallest:
                break
            size = max(base * smallest, size - 0.25)
        if len(words) <= 2:
            return size
        words = words[:-2] + ["…"] if words[-1] == "…" else words[:-1] + ["…"]


def holds_text(label: QgsLayoutItemLabel) -> bool:
    """Whether the label's box holds its text, every line of it, inside its margins: by the label's own measure
    (`sizeForText`: QGIS 3.40 draws with its text renderer, a little wider) and by the font's lines (3.22's
    `sizeForText` counts one line only)."""
    font = label_font(label)
    text = label.currentText()
    width = max(QgsLayoutUtils.textWidthMM(font, line) for line in text.split("\n"))
    height = text_height(font, text, 10 * width + 1)  # lines at the font's line spacing, descents included
    needed = label.sizeForText()
    return (
        width <= label.rect().width() - 2 * label.marginX() + 0.01
        and height <= label.rect().height() - 2 * label.marginY() + 0.01
        and needed.width() <= label.rect().width() + 0.01
        and needed.height() <= label.rect().height() + 0.01
    )


def text_height(font, text: str, width_mm: float) -> float:
    """Height (mm) of `text` word-wrapped at `width_mm`, measured as the label draws it (a font sized in
    tenths of a millimetre, QgsLayoutUtils's workaround scale)."""
    metrics = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(font))
    return metrics.boundingRect(QRectF(0, 0, width_mm * 10, 1e7), Qt.TextFlag.TextWordWrap, text).height() / 10


ROUND_STEPS = (
    (1, 2, 2.5, 5),  # the roundest scales first: 1:25.000, 1:50.000, 1:100.000
    (1.5, 3, 4, 6, 7.5, 8),
    (1.25, 1.75, 3.5, 4.5, 7, 9),
)
FILL = 0.95  # a rounder scale is taken when the extent still fills this much of the frame


def rounded_scale(scale: float) -> float:
    """A round scale at or above `scale` (the scale that fits the requested extent in the frame): the roundest
    of ROUND_STEPS times a power of ten at which the extent still fills FILL of the frame on its limiting
    axis, else the scale rounded up to two significant figures (1:36.000, 1:360.000), which fills at least
    10/11 (91 %) of it. The whole requested extent stays in the frame."""
    scale = max(scale, 1.0)
    power = 10 ** math.floor(math.log10(scale))
    for tier in ROUND_STEPS:
        for step in sorted(tier) + [10]:
            value = step * power
            if scale * 0.999 <= value <= scale / FILL:
                return float(round(value))
    for step in range(10, 101):
        if step * power / 10 >= scale * 0.999:
            return float(round(step * power / 10))
    return float(round(10 * power))
