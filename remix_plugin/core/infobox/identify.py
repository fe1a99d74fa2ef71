"""Which catalogue features a click hits, as the map shows them: the layers drawn at that scale, the
features their renderer draws, the features the Zona/Comuni filter keeps (it is the layers' own
subset), topmost layer first. The same table loaded in both maps is one hit, not two.

Works on a QgsMapSettings (the canvas's, or one made headless), so the map tool, the bench and the
tests share it.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from qgis.core import (
    QgsCoordinateTransform,
    QgsCsException,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import GeometryType
from remix_plugin.core.catalogue.model import Catalogue, Entry
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import entry_id

TOLERANCE_PX = 6  # around a click, for points and lines; a polygon must contain the clicked point
MAX_HITS = 30


@dataclass
class Hit:
    """One feature to show: the layer it was read from, its catalogue entry, the feature itself."""

    layer: QgsVectorLayer
    entry: Entry
    feature: QgsFeature

    @property
    def key(self) -> tuple:
        return self.entry.id, self.feature.id()


def catalogue_entry(layer, catalogue: Catalogue) -> Optional[Entry]:
    """The catalogue entry of a vector layer of the catalogue (None for any other layer)."""
    if not isinstance(layer, QgsVectorLayer) or not entry_id(layer):
        return None
    try:
        return catalogue.entry(entry_id(layer))
    except RemixError:
        return None


def identify(
    settings: QgsMapSettings,
    point: QgsPointXY,
    catalogue: Catalogue,
    tolerance_px: int = TOLERANCE_PX,
    limit: int = MAX_HITS,
) -> List[Hit]:
    """The features the map shows at `point` (map CRS), at most `limit`: topmost layer first, and in a layer
    the smallest polygon, or the nearest point or line, first."""
    radius = tolerance_px * settings.mapUnitsPerPixel()
    area = QgsRectangle(point.x() - radius, point.y() - radius, point.x() + radius, point.y() + radius)
    scale = settings.scale()
    hits, seen = [], set()
    for layer in settings.layers():
        entry = catalogue_entry(layer, catalogue)
        if entry is None or not layer.isInScaleRange(scale):
            continue
        for feature in _features_at(layer, settings, point, area):
            hit = Hit(layer, entry, feature)
            if hit.key not in seen:
                seen.add(hit.key)
                hits.append(hit)
            if len(hits) >= limit:
                return hits
    return hits


def _features_at(layer: QgsVectorLayer, settings: QgsMapSettings, point: QgsPointXY, area: QgsRectangle):
    transform = QgsCoordinateTransform(settings.destinationCrs(), layer.crs(), settings.transformContext())
    try:
        box, spot = transform.transformBoundingBox(area), transform.transform(point)
    except QgsCsException:
        return []
    request = QgsFeatureRequest().setFilterRect(box).setFlags(QgsFeatureRequest.ExactIntersect)
    found = list(layer.getFeatures(request))
    probe = QgsGeometry.fromPointXY(spot)
    if found and layer.geometryType() == GeometryType.Polygon:
        found = [f for f in found if f.geometry().intersects(probe)]
        found.sort(key=lambda f: f.geometry().area())  # the smallest is the one aimed at
    else:
        found.sort(key=lambda f: f.geometry().distance(probe))
    return _drawn(layer, settings, found) if found else []


def _drawn(layer: QgsVectorLayer, settings: QgsMapSettings, features: List[QgsFeature]) -> List[QgsFeature]:
    """The features the layer's renderer draws (a category switched off in the legend is not hit)."""
    if layer.renderer() is None:
        return features
    renderer = layer.renderer().clone()
    context = QgsRenderContext.fromMapSettings(settings)
    context.expressionContext().appendScope(QgsExpressionContextUtils.layerScope(layer))
    renderer.startRender(context, layer.fields())
    try:
        kept = []
        for feature in features:
            context.expressionContext().setFeature(feature)
            if renderer.willRenderFeature(feature, context):
                kept.append(feature)
        return kept
    finally:
        renderer.stopRender(context)


def selected_hits(layer, catalogue: Catalogue, limit: int = MAX_HITS) -> List[Hit]:
    """The selected features of a catalogue layer (e.g. picked in its attribute table), at most `limit`."""
    entry = catalogue_entry(layer, catalogue)
    if entry is None or not layer.selectedFeatureCount():
        return []
    ids = sorted(layer.selectedFeatureIds())[:limit]
    return [Hit(layer, entry, feature) for feature in layer.getFeatures(QgsFeatureRequest().setFilterFids(ids))]


def hit_for(project: QgsProject, catalogue: Catalogue, entry: str, fid: int, pack: Path) -> Hit:
    """Feature `fid` of the pack table of `entry` (what the search index names), read from a project
    layer on that same table when there is one (what the map shows), else from the pack."""
    definition = catalogue.entry(entry)
    table = definition.pack_table() or definition.id
    for layer in project.mapLayers().values():
        if entry_id(layer) == definition.id and _reads(layer, pack, table):
            feature = layer.getFeature(fid)
            if feature.isValid():
                return Hit(layer, definition, feature)
    layer = datapack.open_table(pack, table, definition.title)
    feature = layer.getFeature(fid)
    if not feature.isValid():
        raise RemixError(
            f"Strato «{definition.title}»: elemento {fid} non trovato nella tabella «{table}» del "
            f"pacchetto dati «{Path(pack).name}»."
        )
    return Hit(layer, definition, feature)


def _reads(layer, pack: Path, table: str) -> bool:
    """Whether a project layer reads `table` of the pack file (feature ids then match the pack's)."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return False
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    return bool(path) and Path(path).resolve() == Path(pack).resolve() and parts.get("layerName") == table


def still_shown(hit: Hit, project: QgsProject) -> bool:
    """After a filter change: is the feature still in its layer? Asked through the layer's subset, which
    the OGR provider's fetch by id skips. (Layers read from the pack, outside the project, are kept.)"""
    try:
        if project.mapLayer(hit.layer.id()) is None:
            return True
        fid = hit.feature.id()
        request = QgsFeatureRequest().setNoAttributes()
        if hit.feature.hasGeometry():
            request.setFilterRect(hit.feature.geometry().boundingBox())
        else:
            request.setFilterExpression(f"$id = {fid}")
        return any(feature.id() == fid for feature in hit.layer.getFeatures(request))
    except RuntimeError:  # the layer was deleted meanwhile
        return False
