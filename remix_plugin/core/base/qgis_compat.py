"""What differs between the QGIS versions RE.MIX runs on (3.22 to 3.44, and QGIS 4 on Qt6): one place.

Everything else in the plugin writes the current API; a name here goes when its oldest QGIS does.
- Geometry and WKB types: QGIS 3.30 made them the scoped `Qgis.GeometryType` / `Qgis.WkbType`
  (Python enums that no longer take a plain int; the `QgsWkbTypes.PolygonGeometry` style names are
  deprecated and gone in QGIS 4). On 3.22 the same members come from `QgsWkbTypes`.
- Field types: QGIS 3.38 deprecated `QgsField(name, QVariant.X)` for `QMetaType.Type.X`; PyQt6 has
  no `QVariant.Type` at all. Both enums share their values, so `field.type() == FieldType.Int`
  holds on every version.
- Layer title, abstract and attribution moved to the layer's server properties in 3.38; an empty
  extent is `setNull()` from 3.34 (`setMinimal()` before); a form group box is a container type
  from 3.40 (`setIsGroupBox` before), opening collapsed from 3.26.
- A legend filtered by its map: a filter-settings object from 3.32, whose hit test may run in a
  task (measuring the legend before it ends measures an empty one).
- Text in print layouts: text formats instead of fonts for labels (3.24) and legend styles (3.30).
- The locator result's user data: read with `getUserData()` up to 3.32 (reading the `userData`
  member itself fails there), then the `userData` property.
"""

from types import SimpleNamespace

from qgis.core import (
    Qgis,
    QgsAttributeEditorContainer,
    QgsGeometry,
    QgsLayerTreeModel,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLegendStyle,
    QgsLocatorResult,
    QgsMapLayer,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

try:  # QGIS >= 3.32
    from qgis.core import QgsLayerTreeFilterSettings
except ImportError:
    QgsLayerTreeFilterSettings = None
from qgis.PyQt.QtGui import QFont

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT

if hasattr(Qgis, "GeometryType"):  # QGIS >= 3.30
    GeometryType = Qgis.GeometryType
    WkbType = Qgis.WkbType
else:
    GeometryType = SimpleNamespace(
        Point=QgsWkbTypes.PointGeometry,
        Line=QgsWkbTypes.LineGeometry,
        Polygon=QgsWkbTypes.PolygonGeometry,
        Unknown=QgsWkbTypes.UnknownGeometry,
        Null=QgsWkbTypes.NullGeometry,
    )
    WkbType = QgsWkbTypes


def wkb_type(value: int):
    """A WKB type from its number (OGR's and QGIS's agree), as the running QGIS wants it."""
    return Qgis.WkbType(value) if hasattr(Qgis, "WkbType") else value


if QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    FieldType = SimpleNamespace(
        String=QMetaType.Type.QString,
        Int=QMetaType.Type.Int,
        UInt=QMetaType.Type.UInt,
        LongLong=QMetaType.Type.LongLong,
        ULongLong=QMetaType.Type.ULongLong,
        Double=QMetaType.Type.Double,
        Bool=QMetaType.Type.Bool,
        Date=QMetaType.Type.QDate,
        DateTime=QMetaType.Type.QDateTime,
    )
else:
    from qgis.PyQt.QtCore import QVariant

    FieldType = SimpleNamespace(
        String=QVariant.String,
        Int=QVariant.Int,
        UInt=QVariant.UInt,
        LongLong=QVariant.LongLong,
        ULongLong=QVariant.ULongLong,
        Double=QVariant.Double,
        Bool=QVariant.Bool,
        Date=QVariant.Date,
        DateTime=QVariant.DateTime,
    )


def locator_user_data(result: QgsLocatorResult):
    """What the filter gave the result when it made it."""
    getter = getattr(result, "getUserData", None)
    return getter() if getter is not None else result.userData


def layer_description(layer: QgsMapLayer):
    """Where a layer's title, abstract and attribution live (same setters and getters): its server
    properties from QGIS 3.38, the layer itself before."""
    properties = layer.serverProperties() if hasattr(layer, "serverProperties") else None
    return properties if properties is not None and hasattr(properties, "setTitle") else layer


def null_rectangle() -> QgsRectangle:
    """An extent that any combineExtentWith() replaces (setNull() from QGIS 3.34, setMinimal() before)."""
    rectangle = QgsRectangle()
    if hasattr(rectangle, "setNull"):
        rectangle.setNull()
    else:
        rectangle.setMinimal()
    return rectangle


def set_group_box(container: QgsAttributeEditorContainer, group_box: bool = True) -> None:
    """Show a form container as a group box, or as a tab with `group_box=False` (a container type from QGIS 3.40;
    on 3.22 a new container is a group box until told otherwise)."""
    if hasattr(Qgis, "AttributeEditorContainerType"):
        container.setType(
            Qgis.AttributeEditorContainerType.GroupBox if group_box else Qgis.AttributeEditorContainerType.Tab
        )
    else:
        container.setIsGroupBox(group_box)


def set_collapsed(container: QgsAttributeEditorContainer, collapsed: bool = True) -> bool:
    """A form group box that opens collapsed (QGIS 3.26); False where QGIS cannot say it (3.22-3.24): the
    form that shows it collapses the group box itself."""
    if not hasattr(container, "setCollapsed"):
        return False
    container.setCollapsed(collapsed)
    return True


# Text in print layouts: QGIS 3.24 (labels) and 3.30 (legend styles) moved from QFont to text formats,
# whose size is their own (the font's point size is then ignored). These read and write a QFont
# whose point size is the size drawn, on every version.


def _format_font(text_format) -> QFont:
    font = QFont(text_format.font())
    size = text_format.size()
    if text_format.sizeUnit() == QgsUnitTypes.RenderMillimeters:
        size = size * 72.0 / 25.4
    font.setPointSizeF(size)
    return font


def _font_format(text_format, font: QFont):
    text_format.setFont(font)
    text_format.setSize(font.pointSizeF())
    text_format.setSizeUnit(QgsUnitTypes.RenderPoints)
    return text_format


def legend_font(legend: QgsLayoutItemLegend, style) -> QFont:
    if not hasattr(QgsLegendStyle, "textFormat"):  # QGIS < 3.30
        return legend.styleFont(style)
    return _format_font(legend.style(style).textFormat())


def set_legend_font(legend: QgsLayoutItemLegend, style, font: QFont) -> None:
    if not hasattr(QgsLegendStyle, "textFormat"):
        legend.setStyleFont(style, font)
        return
    legend_style = legend.style(style)
    legend_style.setTextFormat(_font_format(legend_style.textFormat(), font))
    legend.setStyle(style, legend_style)


def label_font(label: QgsLayoutItemLabel) -> QFont:
    return _format_font(label.textFormat()) if hasattr(label, "textFormat") else label.font()  # 3.24


def set_label_font(label: QgsLayoutItemLabel, font: QFont) -> None:
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(_font_format(label.textFormat(), font))
    else:
        label.setFont(font)


def filter_legend_by_map(model: QgsLayerTreeModel, map_settings, polygon: QgsGeometry) -> None:
    """Filter a legend's model to what the map draws (inside `polygon` when one is given), now: from
    QGIS 3.32 the filter is a settings object and its hit test may run in a task, which is waited for."""
    if not hasattr(model, "setFilterSettings"):
        model.setLegendFilter(map_settings, True, polygon, True)
        return
    filter_settings = QgsLayerTreeFilterSettings(map_settings)
    if not polygon.isEmpty():
        filter_settings.setFilterPolygon(polygon)
    filter_settings.setLayerFilterExpressionsFromLayerTree(model.rootGroup())
    model.setFilterSettings(filter_settings)
    model.waitForHitTestBlocking()


def save_style_to_database(layer: QgsVectorLayer, name: str, description: str, default: bool) -> str:
    """Save the layer's style in its data source (a GeoPackage's `layer_styles`); the error, '' if none.
    QGIS 3.44 deprecates saveStyleToDatabase for saveStyleToDatabaseV2, which 3.40 lacks."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        return layer.saveStyleToDatabaseV2(name, description, default, "")[1]
    return layer.saveStyleToDatabase(name, description, default, "")


def parse_xml(document, text: str) -> str:
    """Fill a QDomDocument from text: '' when it parsed, else the parser's message with its line. PyQt5 and
    PyQt6 up to Qt 6.4 return a tuple (ok, message, line, column), Qt 6.5+ a ParseResult: never a plain bool,
    so `if not document.setContent(text)` never sees a broken file."""
    result = document.setContent(text)
    if isinstance(result, tuple):
        ok, message, line = result[0], result[1], result[2]
    else:
        ok, message, line = bool(result), getattr(result, "errorMessage", ""), getattr(result, "errorLine", 0)
    return "" if ok else f"{message} (riga {line})"
