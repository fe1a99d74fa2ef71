"""Loading the portal's two maps, single catalogue entries and the basemap modes into a project.

Building layers (`build_layers`) touches no project, so the GUI runs it in a QgsTask; placing them
(`place_layers`) is quick and runs on the main thread. The CLI calls both in a row: one code path.
Every catalogue layer carries the custom properties `remix/entry_id` and `remix/map`.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from remix_plugin.core.base import http, log, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.qgis_compat import layer_description
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.model import Catalogue, Entry, load_catalogue
from remix_plugin.core.catalogue.sources import SourceContext, build_layer, describe, pack_sources, wms_uri, xyz_uri
from remix_plugin.core.data import datapack
from remix_plugin.core.data.gpkg_sharing import shared_openings
from remix_plugin.core.data.layers import BASEMAP_PROPERTY, ENTRY_PROPERTY, MAP_PROPERTY

GROUP_PROPERTY = "remix/group"
BASEMAP_GROUP_PROPERTY = "remix/basemaps"
LABEL_SCALE_PROPERTY = "remix/label_min_scale"  # the QML's own label threshold, kept to restore it
# Without a basemap the Comuni's names are the only names on the map: they show from 1:150.000 inwards
# (the QML's threshold, 1:60.000, is for a basemap with its own toponyms).
LABELS_WITHOUT_BASEMAP = {"comuni": 150000.0}
DEMO_NOTICE = "Dati dimostrativi: geometrie e interventi generati per prova, non ufficiali."


@dataclass
class LoadReport:
    map_id: str
    added: List[str] = field(default_factory=list)  # entry ids
    kept: List[str] = field(default_factory=list)  # already in the project: not duplicated
    problems: List[str] = field(default_factory=list)
    hidden: List[str] = field(default_factory=list)  # map ids switched off so that this one reads alone


def make_context(
    catalogue: Catalogue = None, pack=None, settings: Settings = None, derived_store: Path = None
) -> SourceContext:
    """Everything building layers needs; `pack=None` uses the settings' pack or the demo pack."""
    settings = settings or Settings.load()
    catalogue = catalogue or load_catalogue()
    resolved = datapack.resolve_pack(pack, settings)
    store = derived_store or paths.cache_dir() / "derived" / f"{resolved.stem}_derivati.gpkg"
    return SourceContext(catalogue=catalogue, settings=settings, pack=resolved, derived_store=store)


def build_layers(
    map_id: str,
    ctx: SourceContext,
    entries: List[Entry] = None,
    skip: AbstractSet[str] = frozenset(),
    feedback=None,
    purpose: str = "display",
) -> List[Tuple[Entry, QgsMapLayer]]:
    """Build, style and scale the layers of a map (or of the given entries). No project touched.
    `purpose` "vector" takes feature sources only (offline packages download features, not images)."""
    ctx.catalogue.map(map_id)
    entries = entries if entries is not None else ctx.catalogue.entries_for_map(map_id)
    demo = datapack.is_demonstrative(ctx.pack) if ctx.pack else False
    built = []
    todo = [e for e in entries if e.id not in skip]
    with shared_openings(pack_sources(todo, ctx, purpose)):
        for number, entry in enumerate(todo):
            if feedback is not None:
                if feedback.isCanceled():
                    break
                feedback.setProgress(100.0 * number / max(1, len(todo)))
            try:
                layer = build_layer(entry, ctx, purpose)
            except RemixError as exc:
                ctx.problems.append(exc.message)
                continue
            style_layer(layer, entry, map_id, ctx)
            describe_layer(layer, entry, demo and layer.providerType() in ("ogr", "memory"))
            built.append((entry, layer))
    return built


def style_layer(layer: QgsMapLayer, entry: Entry, map_id: str, ctx: SourceContext) -> None:
    """CMM style first, then the catalogue's scale range (the QML never decides visibility)."""
    if isinstance(layer, QgsVectorLayer):
        if not entry.style_path.exists():
            ctx.problems.append(
                f"Strato «{entry.title}»: file di stile «{entry.style}» mancante; usato lo stile predefinito."
            )
        else:
            message, ok = layer.loadNamedStyle(
                str(entry.style_path), categories=QgsMapLayer.Symbology | QgsMapLayer.Labeling
            )
            if not ok:
                ctx.problems.append(
                    f"Strato «{entry.title}»: file di stile «{entry.style}» non valido ({message}); "
                    "usato lo stile predefinito."
                )
        _show_fields(layer, entry.fields)
    scale = entry.maps.get(map_id)
    if scale is not None:
        layer.setScaleBasedVisibility(scale.limited)
        layer.setMinimumScale(scale.min_scale)
        layer.setMaximumScale(scale.max_scale)
    layer.setCustomProperty(ENTRY_PROPERTY, entry.id)
    layer.setCustomProperty(MAP_PROPERTY, map_id)


def describe_layer(layer: QgsMapLayer, entry: Entry, demo: bool) -> None:
    """Title, abstract and attribution: what the layer tree's tooltip and printed sources show."""
    description = layer_description(layer)
    description.setTitle(entry.title)
    lines = [f"Fonte: {entry.provider}", f"Aggiornamento: {entry.updated}", f"Pagina di riferimento: {entry.reference}"]
    if demo:
        lines.insert(0, DEMO_NOTICE)
    description.setAbstract("\n".join(lines))
    description.setAttribution(entry.provider + (" — dati dimostrativi" if demo else ""))
    description.setAttributionUrl(entry.reference)


def _show_fields(layer: QgsVectorLayer, wanted: List[str]) -> None:
    if not wanted:
        return
    config = layer.attributeTableConfig()
    columns = config.columns()
    for column in columns:
        column.hidden = bool(column.name) and column.name not in wanted
    config.setColumns(columns)
    layer.setAttributeTableConfig(config)


def map_group(project: QgsProject, map_id: str, title: str, create: bool = True) -> Optional[QgsLayerTreeGroup]:
    root = project.layerTreeRoot()
    for node in root.children():
        if isinstance(node, QgsLayerTreeGroup) and node.customProperty(MAP_PROPERTY) == map_id:
            return node
    if not create:
        return None
    group = root.insertGroup(0, title)
    group.setCustomProperty(MAP_PROPERTY, map_id)
    return group


def existing_entries(project: QgsProject, map_id: str) -> set:
    return {
        layer.customProperty(ENTRY_PROPERTY)
        for layer in project.mapLayers().values()
        if layer.customProperty(MAP_PROPERTY) == map_id and layer.customProperty(ENTRY_PROPERTY)
    }


def place_layers(
    project: QgsProject, map_id: str, built: List[Tuple[Entry, QgsMapLayer]], ctx: SourceContext
) -> LoadReport:
    """Put built layers into the map's group and sub-groups, in catalogue order, without duplicates."""
    definition = ctx.catalogue.map(map_id)
    report = LoadReport(map_id)
    _ensure_crs(project)
    group = map_group(project, map_id, definition.title)
    assert group is not None  # created when missing
    if len(built) != 1:  # the whole map (not one layer from the catalogue): it is shown, alone
        group.setItemVisibilityChecked(True)
        report.hidden = hide_other_maps(project, map_id)
        for other in report.hidden:
            log.log(
                tr(
                    "«{other}» nascosta: due mappe accese disegnano due volte Comuni, Zone omogenee e nomi. "
                    "Per rivederla, spuntala nel pannello Layer."
                ).format(other=ctx.catalogue.map(other).title),
                push=True,
            )
    present = existing_entries(project, map_id)
    order = {e.id: i for i, e in enumerate(ctx.catalogue.entries)}
    for entry, layer in built:
        if entry.id in present:
            report.kept.append(entry.id)
            continue
        sub = _sub_group(group, entry.group, ctx.catalogue.groups.get(entry.group, entry.group), definition.groups)
        project.addMapLayer(layer, False)
        index = sum(
            1
            for child in sub.findLayers()
            if child.layer() is not None
            and order.get(child.layer().customProperty(ENTRY_PROPERTY), -1) < order[entry.id]
        )
        sub.insertLayer(index, layer)
        present.add(entry.id)
        report.added.append(entry.id)
    report.problems = list(ctx.problems)
    fit_labels_to_basemap(project)
    return report


def hide_other_maps(project: QgsProject, map_id: str) -> List[str]:
    """Untick the groups of the other maps, which share the Comuni, the Zone omogenee and their labels:
    two maps ticked draw them twice. Returns the ids of the maps switched off (their layers stay)."""
    hidden = []
    for node in project.layerTreeRoot().children():
        other = node.customProperty(MAP_PROPERTY) if isinstance(node, QgsLayerTreeGroup) else None
        if other and other != map_id and node.itemVisibilityChecked():
            node.setItemVisibilityChecked(False)
            hidden.append(str(other))
    return hidden


def has_basemap(project: QgsProject) -> bool:
    return any(
        isinstance(node, QgsLayerTreeGroup) and node.customProperty(BASEMAP_GROUP_PROPERTY) and node.findLayers()
        for node in project.layerTreeRoot().children()
    )


def fit_labels_to_basemap(project: QgsProject) -> None:
    """The label thresholds of `LABELS_WITHOUT_BASEMAP` when the project has no basemap, the QML's with one."""
    bare = not has_basemap(project)
    for layer in project.mapLayers().values():
        wider = LABELS_WITHOUT_BASEMAP.get(layer.customProperty(ENTRY_PROPERTY))
        labeling = layer.labeling() if isinstance(layer, QgsVectorLayer) else None
        if wider is None or labeling is None or not hasattr(labeling, "settings"):
            continue
        settings = QgsPalLayerSettings(labeling.settings())
        own = layer.customProperty(LABEL_SCALE_PROPERTY)
        if own is None:
            own = settings.minimumScale
            layer.setCustomProperty(LABEL_SCALE_PROPERTY, own)
        wanted = max(float(own), wider) if bare and settings.scaleVisibility else float(own)
        if settings.minimumScale != wanted:
            settings.minimumScale = wanted
            labeling.setSettings(settings)
            layer.triggerRepaint()


def _sub_group(group: QgsLayerTreeGroup, group_id: str, title: str, order: List[str]) -> QgsLayerTreeGroup:
    for child in group.children():
        if isinstance(child, QgsLayerTreeGroup) and child.customProperty(GROUP_PROPERTY) == group_id:
            return child
    rank = order.index(group_id) if group_id in order else len(order)
    index = sum(
        1
        for child in group.children()
        if isinstance(child, QgsLayerTreeGroup)
        and (
            order.index(child.customProperty(GROUP_PROPERTY))
            if child.customProperty(GROUP_PROPERTY) in order
            else len(order)
        )
        < rank
    )
    sub = group.insertGroup(index, title)
    sub.setCustomProperty(GROUP_PROPERTY, group_id)
    return sub


def _ensure_crs(project: QgsProject) -> None:
    if not project.mapLayers() or not project.crs().isValid():
        project.setCrs(QgsCoordinateReferenceSystem(datapack.CRS))


def load_map(project: QgsProject, map_id: str, ctx: SourceContext, purpose: str = "display") -> LoadReport:
    """Load one of the portal's maps as it looks in the portal (the CLI's and tests' path)."""
    skip = existing_entries(project, map_id)
    built = build_layers(map_id, ctx, skip=skip, purpose=purpose)
    report = place_layers(project, map_id, built, ctx)
    report.kept = sorted(skip & {e.id for e in ctx.catalogue.entries_for_map(map_id)})
    return report


def load_entry(project: QgsProject, entry_id: str, ctx: SourceContext, map_id: str = None) -> LoadReport:
    """One catalogue layer, into the group of the first map it belongs to (or the given one)."""
    entry = ctx.catalogue.entry(entry_id)
    if not entry.valid:
        raise RemixError(" ".join(entry.problems))
    map_id = map_id or next(iter(entry.maps))
    built = build_layers(map_id, ctx, entries=[entry], skip=existing_entries(project, map_id))
    report = place_layers(project, map_id, built, ctx)
    if not built and entry.id not in report.kept and entry.id in existing_entries(project, map_id):
        report.kept.append(entry.id)
    return report


# --- basemaps -------------------------------------------------------------------------------


def basemap_layers(mode: str, ctx: SourceContext, probe: bool = True) -> List[QgsRasterLayer]:
    """The layers of a basemap mode ("light" or "pro"); unreachable ones are reported, not added."""
    if mode not in ("light", "pro"):
        raise RemixError(f"Modalità delle mappe di base «{mode}» sconosciuta: usare light, pro o none.")
    layers = []
    for spec in (b for b in ctx.catalogue.basemaps if b["mode"] == mode):
        url = f"{ctx.service_url(spec['service'])}/{spec['path']}"
        if spec["type"] == "xyz":
            if probe:
                failure = http.probe(
                    url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"),
                    ctx.settings.services_authcfg,
                    timeout_ms=min(ctx.settings.network_timeout_ms, 5000),
                )
                if failure:
                    ctx.problems.append(f"Mappa di base «{spec['title']}» non raggiungibile: {failure}.")
                    continue
            layer = QgsRasterLayer(xyz_uri(url, spec.get("zmax", 19)), spec["title"], "wms")
        else:
            layer = QgsRasterLayer(
                wms_uri(
                    url,
                    spec.get("layers", "0"),
                    spec.get("crs", datapack.CRS),
                    spec.get("format", "image/png"),
                    ctx.settings.services_authcfg,
                ),
                spec["title"],
                "wms",
            )
        if not layer.isValid():
            ctx.problems.append(f"Mappa di base «{spec['title']}» non raggiungibile ({describe(spec)}).")
            continue
        layer.setCustomProperty(BASEMAP_PROPERTY, spec["id"])
        layer_description(layer).setAttribution(spec.get("attribution", ""))
        layers.append(layer)
    return layers


def set_basemap(project: QgsProject, mode: str, ctx: SourceContext, layers: List[QgsRasterLayer] = None) -> List[str]:
    """Switch the basemap mode: remove the other mode's layers, add this one's as a radio group."""
    root = project.layerTreeRoot()
    for node in list(root.children()):
        if isinstance(node, QgsLayerTreeGroup) and node.customProperty(BASEMAP_GROUP_PROPERTY):
            project.removeMapLayers([n.layerId() for n in node.findLayers()])
            root.removeChildNode(node)
    if mode == "none":
        fit_labels_to_basemap(project)
        return []
    layers = layers if layers is not None else basemap_layers(mode, ctx)
    if not layers:
        fit_labels_to_basemap(project)
        return []
    _ensure_crs(project)
    group = root.addGroup("Mappe di base — " + ("Light" if mode == "light" else "Pro"))
    group.setCustomProperty(BASEMAP_GROUP_PROPERTY, mode)
    group.setIsMutuallyExclusive(True, 0)
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    fit_labels_to_basemap(project)
    return [layer.customProperty(BASEMAP_PROPERTY) for layer in layers]
