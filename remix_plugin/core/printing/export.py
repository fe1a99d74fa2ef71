"""Printing a map with the CMM layouts of print_layouts/: which sheets there are, one filled for a view
of a project (title, subtitle, the map at an extent or a scale, the legend of what it shows, the
sources of those layers with their dates of update, the demonstrative-data notice), exported to
PDF or PNG. The «Stampa» dialog, `python -m remix_plugin print` and the Processing algorithm all call
`map_layout` and `layouts.export`.

Items are filled by id (see scripts/make_layouts.py); everything else in a sheet is CMM's to restyle.
An offline package prints with the copy of print_layouts/ it carries (`paths.for_project`).
"""

import html
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsMapLayer,
    QgsMapLayerStyle,
    QgsNullSymbolRenderer,
    QgsNumericFormatContext,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsStringUtils,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import layer_description
from remix_plugin.core.catalogue.maps import BASEMAP_GROUP_PROPERTY, DEMO_NOTICE
from remix_plugin.core.catalogue.model import Catalogue, load_catalogue
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import BASEMAP_PROPERTY, ENTRY_PROPERTY, MAP_PROPERTY
from remix_plugin.core.printing import layouts
from remix_plugin.core.printing import legend as print_legend

MAP, ATLAS, SHEET = "mappa", "atlante", "scheda"  # kinds of template
KIND_NAMES = {
    MAP: "una stampa di mappa (mappa e legenda)",
    ATLAS: "una Scheda comunale (atlante)",
    SHEET: "un foglio senza mappa e legenda",
}


@dataclass(frozen=True)
class Template:
    name: str  # the file name without .qpt: what `--layout` takes
    title: str  # the layout's name stored in the file
    kind: str
    path: Path


def templates(project: QgsProject = None, kind: str = None) -> List[Template]:
    """The templates in print_layouts/ (an offline package's own copy for its project), of a kind or all.
    The kind is read from the file: an atlas, a map sheet (a map and a legend), or another sheet."""
    folder = paths.for_project(project, paths.PRINT_LAYOUTS)
    found = []
    for path in sorted(Path(folder).glob("*.qpt")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")  # a broken file is refused when chosen
        except OSError:
            continue
        head = text[: text.find(">", text.find("<Layout")) + 1]
        title = head.split(' name="', 1)[1].split('"', 1)[0] if ' name="' in head else path.stem
        if "<Atlas " in text and 'enabled="1"' in text[text.find("<Atlas ") : text.find(">", text.find("<Atlas "))]:
            template_kind = ATLAS
        elif 'id="mappa"' in text and 'id="legenda"' in text:
            template_kind = MAP
        else:
            template_kind = SHEET
        found.append(Template(path.stem, html.unescape(title), template_kind, path))
    return [t for t in found if kind is None or t.kind == kind]


def template(name: str, project: QgsProject = None, kind: str = MAP) -> Template:
    """A template by name; an unknown name, or one of another kind, is an error listing the valid ones (a
    broken file of that name is named with its fault)."""
    available = templates(project, kind)
    for candidate in available:
        if candidate.name == name or candidate.name.lower() == str(name).lower():
            return candidate
    names = ", ".join(t.name for t in available) or "nessuno"
    for other in templates(project):  # a file of that name read as another kind, perhaps because it is broken
        if other.name.lower() == str(name).lower():
            layouts.read_template(other.path)  # raises naming the file and the line when it is broken
            raise RemixError(
                f"Modello di stampa «{other.name}»: è {KIND_NAMES[other.kind]}, non {KIND_NAMES[kind]}. "
                f"Modelli disponibili: {names}."
            )
    raise RemixError(f"Modello di stampa «{name}» sconosciuto. Modelli disponibili: {names}.")


@dataclass
class MapView:
    """What a map print shows: layers in drawing order (top first) with their legend group ('' for none),
    the extent to show (in `crs`) and, optionally, the scale to show it at (0: fit the extent)."""

    layers: List[Tuple[QgsMapLayer, str]]
    extent: QgsRectangle
    crs: QgsCoordinateReferenceSystem
    scale: float = 0.0


def project_view(project: QgsProject, map_id: str = None, extent: QgsRectangle = None, scale: float = 0.0) -> MapView:
    """The layers checked visible in the project's layer tree, in drawing order; with `map_id`, only the
    catalogue layers of that map (plus the basemaps and the selection overlay). Default extent: the
    Comuni loaded, else every layer."""
    root = project.layerTreeRoot()
    groups = {}
    for node in root.findLayers():
        layer = node.layer()
        if layer is None or not node.isVisible():
            continue
        if map_id and layer.customProperty(ENTRY_PROPERTY) and layer.customProperty(MAP_PROPERTY) != map_id:
            continue
        if map_id and not layer.customProperty(ENTRY_PROPERTY) and not _furniture(layer):
            continue
        groups[layer.id()] = _group_title(node.parent())
    layers = [(layer, groups[layer.id()]) for layer in root.layerOrder() if layer.id() in groups]
    if not layers:
        raise RemixError(
            "Niente da stampare: nessuno strato visibile"
            + (f" della mappa «{map_id}»" if map_id else "")
            + " nel progetto."
        )
    content = content_extent(project, [layer for layer, _ in layers])
    if extent is None or extent.isEmpty():
        extent = content
    elif not content.isEmpty() and extent.intersects(content):
        extent = extent.intersect(content)  # a canvas wider than what it shows: the print fills its frame
    return MapView(layers, QgsRectangle(extent), project.crs(), scale)


def content_extent(project: QgsProject, layers: List[QgsMapLayer]) -> QgsRectangle:
    """What a print of the project is about: the Zona/Comuni selection when one is shown, else the Comuni
    (else every layer), in the project's CRS. A canvas extent is cut to it, so that the blank sides of a
    wide window are not printed."""
    from remix_plugin.core.printing.render import project_extent
    from remix_plugin.core.scope.filtering import OVERLAY_PROPERTY

    extent = QgsRectangle()
    for layer in layers:
        if layer.customProperty(OVERLAY_PROPERTY) and not layer.extent().isEmpty():
            extent.combineExtentWith(_in_crs(project, layer, layer.extent()))
    return extent if not extent.isEmpty() else project_extent(project)


def _in_crs(project: QgsProject, layer: QgsMapLayer, extent: QgsRectangle) -> QgsRectangle:
    if not layer.crs().isValid() or not project.crs().isValid() or layer.crs() == project.crs():
        return QgsRectangle(extent)
    return QgsCoordinateTransform(layer.crs(), project.crs(), project.transformContext()).transformBoundingBox(extent)


def detached(view: MapView) -> MapView:
    """The view with copies of its layers (style, filter, properties), for a print made in a task while the
    user goes on working with the originals. Call it on the main thread."""
    return MapView(
        [(layer.clone(), group) for layer, group in view.layers],
        QgsRectangle(view.extent),
        QgsCoordinateReferenceSystem(view.crs),
        view.scale,
    )


def _furniture(layer: QgsMapLayer) -> bool:
    """Basemaps and the Zona/Comuni selection overlay go with either map."""
    from remix_plugin.core.scope.filtering import OVERLAY_PROPERTY

    return bool(layer.customProperty(BASEMAP_PROPERTY) or layer.customProperty(OVERLAY_PROPERTY))


def _group_title(node) -> str:
    """The legend group of a layer: its group in the layer tree, unless that is a map's or the basemaps' own."""
    if not isinstance(node, QgsLayerTreeGroup) or node.parent() is None:
        return ""
    if node.customProperty(MAP_PROPERTY) or node.customProperty(BASEMAP_GROUP_PROPERTY):
        return ""
    return node.name()


def subtitle(area: str, map_title: str = "", title: str = "") -> str:
    """The area printed, and the map's name when the title does not already say it."""
    return area if not map_title or map_title == title else f"{map_title} — {area}"


def map_layout(
    project: QgsProject,
    chosen: Template,
    view: MapView,
    title: str,
    subtitle_text: str,
    pack: Optional[Path] = None,
    catalogue: Catalogue = None,
    name_places: bool = True,
) -> QgsPrintLayout:
    """The template filled for `view`, ready to export or to open in the layout designer. `name_places`: every
    Comune (or Zona) named by a label layer of the print's own (place_names); off for a layout that goes into the
    project, where that layer would not be saved: the designer shows the layers' own labels, as saved."""
    if chosen.kind != MAP:
        raise RemixError(f"Modello di stampa «{chosen.name}»: non è un modello per una mappa.")
    if view.extent.isEmpty():
        raise RemixError("Niente da stampare: l'estensione della mappa è vuota.")
    layout = layouts.load_template(chosen.path, project)
    layout.setName(title)
    print_legend.fit_title(layouts.item(layout, "titolo", QgsLayoutItemLabel), title)
    print_legend.fit_label(layouts.item(layout, "sottotitolo", QgsLayoutItemLabel), subtitle_text)
    map_item = layouts.item(layout, "mappa", QgsLayoutItemMap)
    map_item.setCrs(view.crs)
    map_item.setLayers([layer for layer, _ in view.layers])
    map_item.setKeepLayerSet(True)
    snap_frame(map_item)
    map_item.zoomToExtent(view.extent)
    set_map_scale(map_item, view.scale or print_legend.rounded_scale(map_item.scale()))
    names = place_names(view, map_item, pack) if name_places else None
    if names is not None:  # drawn over the map, not in the legend nor among the sources
        map_item.setLayers([names] + [layer for layer, _ in view.layers])
        names.setParent(layout)  # lives as long as the layout
    legend_layers = [layer for layer, _ in view.layers if not layer.customProperty(BASEMAP_PROPERTY)]
    shown = print_legend.shown_layers(legend_layers, map_item)
    groups = {layer.id(): group for layer, group in view.layers}
    legend = layouts.item(layout, "legenda", QgsLayoutItemLegend)
    print_legend.fill_legend(legend, [(layer, groups[layer.id()]) for layer in shown])
    print_legend.fit_legend(legend)
    set_scale_bar(layouts.item(layout, "scala", QgsLayoutItemScaleBar), map_item)
    basemaps = [layer for layer, _ in view.layers if layer.customProperty(BASEMAP_PROPERTY)]
    sourced = [layer for layer in shown if not _furniture(layer)] + basemaps  # the selection overlay is no source
    print_legend.fit_label(
        layouts.item(layout, "fonti", QgsLayoutItemLabel),
        sources_text(sourced, catalogue or load_catalogue(), pack, view.crs),
    )
    demonstrative = bool(pack and datapack.is_demonstrative(pack)) or any(
        DEMO_NOTICE in layer_description(lyr).abstract() for lyr in shown
    )
    layouts.item(layout, "avviso_dimostrativo", QgsLayoutItemLabel).setVisibility(demonstrative)
    return layout


MIN_DPI, MAX_DPI = 50, 600
SNAP_MM = 25.4 / 50  # the map frame is a whole number of pixels at 50, 100, 150, 300 and 600 dpi
SEGMENTS = (4, 2, 1)  # of a scale bar, the most its labels leave room for
LABEL_GAP_MM = 1.5  # between two labels of a scale bar


def snap_frame(map_item: QgsLayoutItemMap) -> None:
    """Shrink the map frame (by less than SNAP_MM) to a whole number of pixels at the export's resolution.
    QGIS draws the map at its size in whole pixels: a frame of 2362.2 pixels drawn on 2362 is drawn at a
    scale 1:60.015 for 1:60.000, and the layers and labels whose threshold is 1:60.000 vanish from the print
    while the designer shows them."""
    rect = map_item.rect()
    width = math.floor(rect.width() / SNAP_MM + 1e-6) * SNAP_MM
    height = math.floor(rect.height() / SNAP_MM + 1e-6) * SNAP_MM
    if (width, height) != (rect.width(), rect.height()):
        map_item.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters))


def set_map_scale(map_item: QgsLayoutItemMap, scale: float) -> float:
    """The map at the whole scale nearest `scale` (a canvas's 60000.00000000006 prints as 1:60.000). It is set a
    hair (a part in 10¹²) below the whole number, never above: QGIS computes the scale again from the
    extent with rounding errors either way, and a layer or label shown «from 1:60.000 inwards» must be drawn
    at 1:60.000 (QGIS compares the scales exactly). Returns the whole scale."""
    whole = float(max(1, round(scale)))
    map_item.setScale(whole * (1 - 1e-12))
    return whole


def set_scale_bar(bar: QgsLayoutItemScaleBar, map_item: QgsLayoutItemMap) -> None:
    """Round segments (1, 2, 2.5 or 5 times a power of ten) as long as the template's widest bar allows, 4 of
    them, or 2 or 1 when their labels would run into each other; in metres for a detail and in kilometres
    from half a kilometre a segment («0 0,5 1 1,5 2 km», not «500 1.000 1.500 2.000 m»)."""
    scale = map_item.scale()
    for segments in SEGMENTS:
        metres = _round_segment(bar.maximumBarWidth() / segments * scale / 1000.0)
        if _labels_clear(bar, metres, segments, scale) or segments == SEGMENTS[-1]:
            break
    wide = metres >= 500
    bar.setUnits(QgsUnitTypes.DistanceKilometers if wide else QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("km" if wide else "m")
    bar.setNumericFormat(layouts.italian_format(_decimals(metres / 1000.0) if wide else 0))
    bar.setNumberOfSegments(segments)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
    bar.setUnitsPerSegment(metres / 1000.0 if wide else metres)
    bar.update()


def _round_segment(ground: float) -> float:
    """The largest of 1, 2, 2.5, 5 times a power of ten (metres) not over `ground`."""
    ground = max(ground, 1.0)
    power = 10 ** math.floor(math.log10(ground))
    return max(step * power for step in (1, 2, 2.5, 5) if step * power <= ground)


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1 if float(value * 10).is_integer() else 2


def scale_bar_labels(metres: float, segments: int) -> List[str]:
    """The labels a scale bar of `segments` segments of `metres` each draws, the unit after the last."""
    wide = metres >= 500
    number = layouts.italian_format(_decimals(metres / 1000.0) if wide else 0)
    context = QgsNumericFormatContext()
    labels = [number.formatDouble(i * (metres / 1000.0 if wide else metres), context) for i in range(segments + 1)]
    labels[-1] += " km" if wide else " m"
    return labels


def _labels_clear(bar: QgsLayoutItemScaleBar, metres: float, segments: int, scale: float) -> bool:
    """Whether the labels, centred on the ends of the segments, leave LABEL_GAP_MM between each other."""
    text_format = bar.textFormat()
    font = QFont(text_format.font())
    font.setPointSizeF(text_format.size())
    segment_mm = metres / scale * 1000.0
    widths = [QgsLayoutUtils.textWidthMM(font, label) for label in scale_bar_labels(metres, segments)]
    return all((a + b) / 2 + LABEL_GAP_MM <= segment_mm for a, b in zip(widths, widths[1:]))


# --- the places named on a print ---------------------------------------------------------------------

NAMES_SIZE = 7.0  # points, when the catalogue layer has no labels to copy


def place_names(view: MapView, map_item: QgsLayoutItemMap, pack: Optional[Path]) -> Optional[QgsVectorLayer]:
    """The places a print must name, every one of them: on a print of a Zona or of Comuni (the selection shown)
    each Comune whose point on surface is in the frame, on a print of the whole Città metropolitana each Zona
    omogenea. QGIS's labelling leaves out a label that meets another, or that is off at the print's scale: here
    a label-only layer draws them all (in the catalogue layer's own lettering, moved in from the frame's edge
    so that each is printed whole), and the catalogue layer's own labels are turned off on this map only (a
    style override of the map item: the project's layer is untouched). None without a data pack."""
    from remix_plugin.core.scope.filtering import OVERLAY_PROPERTY, comuni_geometries
    from remix_plugin.core.scope.model import comuni_table

    if pack is None:
        return None
    layers = [layer for layer, _ in view.layers]
    scoped = any(layer.customProperty(OVERLAY_PROPERTY) for layer in layers)
    entry = "comuni" if scoped else "zone_omogenee"
    table = comuni_table(pack)
    geometries = comuni_geometries(pack)
    if scoped:
        places = [(name, geometries[code]) for code, name, _ in table if code in geometries]
    else:
        members: Dict[str, List[QgsGeometry]] = {}
        for code, _, zona in table:
            if code in geometries:
                members.setdefault(zona, []).append(geometries[code])
        places = [(zona, QgsGeometry.unaryUnion(parts)) for zona, parts in members.items()]
    source = next(
        (lyr for lyr in layers if isinstance(lyr, QgsVectorLayer) and lyr.customProperty(ENTRY_PROPERTY) == entry),
        None,
    )
    layer = _names_layer(places, map_item, _lettering(source))
    if layer is not None and source is not None and source.labelsEnabled():
        _labels_off_on_map(map_item, source)
    return layer


def _lettering(source: Optional[QgsVectorLayer]) -> QgsTextFormat:
    """The text format of the catalogue layer's labels, else a plain dark grey with a white halo."""
    labeling = source.labeling() if source is not None else None
    if labeling is not None and hasattr(labeling, "settings"):
        return QgsTextFormat(labeling.settings().format())
    text = QgsTextFormat()
    font = QFont("Open Sans")
    font.setPointSizeF(NAMES_SIZE)
    text.setFont(font)
    text.setSize(NAMES_SIZE)
    text.setColor(QColor(64, 64, 64))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.7)
    buffer.setColor(QColor(255, 255, 255, 220))
    text.setBuffer(buffer)
    return text


def _names_layer(places, map_item: QgsLayoutItemMap, text: QgsTextFormat) -> Optional[QgsVectorLayer]:
    pack_crs = QgsCoordinateReferenceSystem(datapack.CRS)
    context = map_item.layout().project().transformContext()
    to_map = QgsCoordinateTransform(pack_crs, map_item.crs(), context) if map_item.crs() != pack_crs else None
    extent = map_item.extent()
    font = QFont(text.font())
    font.setPointSizeF(text.size())
    mm = map_item.scale() / 1000.0  # map units (metres) a millimetre of paper stands for
    spacing = font.letterSpacing() * len(max((name for name, _ in places), key=len, default=""))
    layer = QgsVectorLayer(f"Point?crs={map_item.crs().authid()}&field=nome:string", "Nomi", "memory")
    features = []
    for name, geometry in places:
        point = QgsGeometry(geometry.pointOnSurface())
        if to_map is not None:
            point.transform(to_map)
        where = point.asPoint()
        if not extent.contains(where):
            continue
        shown = QgsStringUtils.capitalize(name, text.capitalization())
        half_w = (QgsLayoutUtils.textWidthMM(font, shown) + spacing * 0.353 + 2.0) * mm  # placed beside the point
        half_h = (QgsLayoutUtils.fontHeightMM(font) + 2.0) * mm
        x = min(max(where.x(), extent.xMinimum() + half_w), extent.xMaximum() - half_w)
        y = min(max(where.y(), extent.yMinimum() + half_h), extent.yMaximum() - half_h)
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(feature)
    if not features:
        return None
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    layer.setRenderer(QgsNullSymbolRenderer())
    settings = QgsPalLayerSettings()
    settings.fieldName = "nome"
    settings.placement = QgsPalLayerSettings.AroundPoint  # on the side where it meets no other name
    settings.dist = 0.5
    settings.displayAll = True  # every name, also where it meets another label
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def _labels_off_on_map(map_item: QgsLayoutItemMap, layer: QgsVectorLayer) -> None:
    """The layer drawn on this map item without its labels (a style override, as a map theme does)."""
    layer.setLabelsEnabled(False)
    try:
        style = QgsMapLayerStyle()
        style.readFromLayer(layer)
    finally:
        layer.setLabelsEnabled(True)
    overrides = dict(map_item.layerStyleOverrides())
    overrides[layer.id()] = style.xmlData()
    map_item.setLayerStyleOverrides(overrides)
    map_item.setKeepLayerStyles(True)


def sources_text(
    layers: List[QgsMapLayer],
    catalogue: Catalogue,
    pack: Optional[Path] = None,
    crs: QgsCoordinateReferenceSystem = None,
) -> str:
    """«Fonti»: the layers shown grouped by source and date of update, from the catalogue (other layers by
    their attribution), then the data pack with its date and the map's reference system."""
    groups: Dict[Tuple[str, str], List[str]] = {}  # (provider, date) -> titles
    for layer in layers:
        entry = _entry(catalogue, layer.customProperty(ENTRY_PROPERTY))
        if entry is not None:
            key = (entry.provider, _date(entry.updated))
            title = entry.title
        else:
            key = (layer_description(layer).attribution() or "fonte non indicata", "")
            title = layer_description(layer).title() or layer.name()
        titles = groups.setdefault(key, [])
        if title not in titles:
            titles.append(title)
    parts = [
        f"{provider}{f' ({date})' if date else ''}: {', '.join(titles)}" for (provider, date), titles in groups.items()
    ]
    text = "Fonti — " + "; ".join(parts) + "." if parts else "Fonti — nessuno strato in vista."
    if pack:
        meta = datapack.read_metadata(Path(pack))
        text += (
            f" Dati: pacchetto «{meta.get('nome', Path(pack).name)}»"
            + (f" del {meta['data']}" if meta.get("data") else "")
            + "."
        )
    if crs is not None and crs.isValid():
        text += f" Sistema di riferimento: {crs.description()} ({crs.authid()})."
    return text


def _entry(catalogue: Catalogue, entry_id):
    if not entry_id:
        return None
    try:
        return catalogue.entry(entry_id)
    except RemixError:
        return None


def _date(updated: str) -> str:
    """The catalogue's «updated» as printed: «agg. 2022» (a year or a date)."""
    updated = (updated or "").strip()
    if updated in ("", "—", "-"):
        return "agg. non indicato"
    if updated == "calcolato":
        return "calcolato"
    return f"agg. {updated}"


def print_map(
    project: QgsProject,
    chosen: Template,
    view: MapView,
    title: str,
    subtitle_text: str,
    out,
    pack: Optional[Path] = None,
    catalogue: Catalogue = None,
    dpi: int = layouts.DPI,
) -> Path:
    """The map as a PDF or PNG file (`out`'s extension) at `dpi`, written atomically."""
    out = layouts.target(out)  # before any work: a wrong path fails at once
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise RemixError(f"Risoluzione {dpi} dpi: deve essere tra {MIN_DPI} e {MAX_DPI}.")
    layout = map_layout(project, chosen, view, title, subtitle_text, pack, catalogue)
    try:
        return layouts.export(layout, out, dpi)
    finally:
        del layout  # before the project it belongs to


def print_portal_map(
    map_id: str,
    layout_name: str,
    out,
    pack=None,
    scope: Optional[frozenset] = None,
    title: str = "",
    catalogue: Catalogue = None,
    dpi: int = layouts.DPI,
) -> Tuple[Path, List[str]]:
    """One of the portal's maps loaded as the GUI loads it, filtered to `scope` as the Zone omogenee dock
    does, printed on its whole extent (or the filter's): the command line's and Processing's print.
    Returns the file and the problems met on the way (layers that could not be loaded...)."""
    from remix_plugin.core.catalogue.maps import load_map, make_context
    from remix_plugin.core.scope.filtering import apply_scope
    from remix_plugin.core.scope.model import ALL_CMM

    chosen = template(layout_name)
    out = layouts.target(out)
    ctx = make_context(catalogue, pack)
    assert ctx.pack is not None  # make_context always resolves a pack
    ctx.comuni_scope = scope
    project = QgsProject()
    load_map(project, map_id, ctx)
    scoped = apply_scope(project, scope, ctx.pack) if scope else None
    map_title = ctx.catalogue.map(map_id).title
    title = title or map_title
    view = project_view(project, map_id, scoped.extent if scoped else None)
    written = print_map(
        project,
        chosen,
        view,
        title,
        subtitle(scoped.label if scoped else ALL_CMM, map_title, title),
        out,
        ctx.pack,
        ctx.catalogue,
        dpi,
    )
    return written, ctx.problems + (scoped.problems if scoped else [])
