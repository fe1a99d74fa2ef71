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
    QgsLayerTreeGroup,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)

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
    if extent is None or extent.isEmpty():
        from remix_plugin.core.printing.render import project_extent

        extent = project_extent(project)
    return MapView(layers, QgsRectangle(extent), project.crs(), scale)


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
) -> QgsPrintLayout:
    """The template filled for `view`, ready to export or to open in the layout designer."""
    if chosen.kind != MAP:
        raise RemixError(f"Modello di stampa «{chosen.name}»: non è un modello per una mappa.")
    if view.extent.isEmpty():
        raise RemixError("Niente da stampare: l'estensione della mappa è vuota.")
    layout = layouts.load_template(chosen.path, project)
    layout.setName(title)
    layouts.item(layout, "titolo", QgsLayoutItemLabel).setText(title)
    layouts.item(layout, "sottotitolo", QgsLayoutItemLabel).setText(subtitle_text)
    map_item = layouts.item(layout, "mappa", QgsLayoutItemMap)
    map_item.setCrs(view.crs)
    map_item.setLayers([layer for layer, _ in view.layers])
    map_item.setKeepLayerSet(True)
    map_item.zoomToExtent(view.extent)
    map_item.setScale(view.scale or print_legend.rounded_scale(map_item.scale()))
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


def set_scale_bar(bar: QgsLayoutItemScaleBar, map_item: QgsLayoutItemMap) -> None:
    """Round segments (1, 2, 2.5 or 5 times a power of ten) as long as the template's widest bar allows,
    in metres for a detail and in kilometres from 1 km a segment."""
    segments = max(1, bar.numberOfSegments())
    ground = bar.maximumBarWidth() / segments * map_item.scale() / 1000.0  # metres a segment may stand for
    power = 10 ** math.floor(math.log10(max(ground, 1.0)))
    metres = max(step * power for step in (1, 2, 2.5, 5) if step * power <= max(ground, 1.0))
    wide = metres >= 1000
    bar.setUnits(QgsUnitTypes.DistanceKilometers if wide else QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("km" if wide else "m")
    bar.setNumericFormat(layouts.italian_format(1 if wide else 0))
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
    bar.setUnitsPerSegment(metres / 1000.0 if wide else metres)
    bar.update()


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
) -> Path:
    """The map as a PDF or PNG file (`out`'s extension), written atomically."""
    out = layouts.target(out)  # before any work: a wrong path fails at once
    layout = map_layout(project, chosen, view, title, subtitle_text, pack, catalogue)
    try:
        return layouts.export(layout, out)
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
    )
    return written, ctx.problems + (scoped.problems if scoped else [])
