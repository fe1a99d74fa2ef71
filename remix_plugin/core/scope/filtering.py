"""The Zone omogenee / Comuni filter: every catalogue layer of a project shows only the features that
intersect the selected Comuni; the selection's boundary is highlighted and the rest greyed.

The filter is project state. The ISTAT codes are written in the project (entry remix/scope); each
filtered layer keeps the user's own subset string (and, when its source had to be wrapped, the
original source) in custom properties, so clearing gives back exactly what the user had.

How a layer is filtered:
- providers with subset strings (GeoPackage, memory, PostGIS, ArcGIS FeatureServer from QGIS 3.28):
  the user's subset AND the list of the keys of the features in scope, found here with a spatial
  index over the Comuni (for files, which Comuni each feature touches is worked out once per file
  as it is now, so moving from one Zona to another is a set union). GeoPackage layers get it as a
  new data source rather than with setSubsetString, which on QGIS 3.22 loses the feature count when
  other layers of the file are open; the new sources share one opening of the file (gpkg_sharing);
- vector providers without subset strings (`arcgisfeatureserver` before QGIS 3.28): the source is
  wrapped in a virtual layer that selects the same keys; clearing puts the original source back;
- rasters (WMS, ArcGIS MapServer, XYZ) are not filtered: the overlay greys them outside the selection.
The boundary layers (Comuni, Zone omogenee) stay whole: under the overlay they frame the selection.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataProvider,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapLayer,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsVirtualLayerDefinition,
)

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import layer_description, null_rectangle
from remix_plugin.core.data import datapack
from remix_plugin.core.data.gpkg_sharing import ogr_sources, shared_openings
from remix_plugin.core.data.layers import ENTRY_PROPERTY, add_features
from remix_plugin.core.scope.model import comuni_table, describe_scope

PROJECT_SCOPE = ("remix", "scope")  # project entry: comma-separated ISTAT codes
CODES_PROPERTY = "remix/scope_codes"  # on a filtered layer: the codes its filter is for
APPLIED_PROPERTY = "remix/scope_applied"  # the subset string (or wrapped source) the filter set
USER_SUBSET_PROPERTY = "remix/scope_user_subset"  # the user's own subset string before filtering
SOURCE_PROPERTY = "remix/scope_source"  # wrapped layers: original source and provider
PROVIDER_PROPERTY = "remix/scope_provider"
OVERLAY_PROPERTY = "remix/scope_overlay"
FILTER_PROPERTIES = (APPLIED_PROPERTY, CODES_PROPERTY, USER_SUBSET_PROPERTY, SOURCE_PROPERTY, PROVIDER_PROPERTY)
FRAME_ENTRIES = ("comuni", "zone_omogenee")
OVERLAY_STYLE = paths.STYLES / "scope" / "selezione.qml"
NOTHING = "0 = 1"

_geometries: Dict[tuple, Dict[str, QgsGeometry]] = {}


@dataclass
class ScopeReport:
    scope: Optional[frozenset]  # ISTAT codes, None: the whole Città metropolitana
    label: str
    kept: Dict[str, int] = field(default_factory=dict)  # layer id -> features in scope
    unfiltered: List[str] = field(default_factory=list)  # titles of layers shown whole (rasters)
    extent: QgsRectangle = field(default_factory=QgsRectangle)  # the selection, in the project's CRS
    problems: List[str] = field(default_factory=list)


class ScopeArea:
    """The selected Comuni, indexed: does a geometry (in the pack's CRS) touch any of them?"""

    def __init__(self, codes: List[str], geometries: List[QgsGeometry]):
        self.crs = QgsCoordinateReferenceSystem(datapack.CRS)
        self.codes = codes
        self.geometries = geometries
        self.index = QgsSpatialIndex()
        self.engines = []
        self.extent = null_rectangle()
        for number, geometry in enumerate(geometries):
            self.index.addFeature(number, geometry.boundingBox())
            engine = QgsGeometry.createGeometryEngine(geometry.constGet())
            engine.prepareGeometry()
            self.engines.append(engine)
            self.extent.combineExtentWith(geometry.boundingBox())

    def intersects(self, geometry: QgsGeometry) -> bool:
        candidates = self.index.intersects(geometry.boundingBox())
        return any(self.engines[n].intersects(geometry.constGet()) for n in candidates)


def comuni_geometries(pack: Path) -> Dict[str, QgsGeometry]:
    """ISTAT code -> boundary (pack CRS, repaired if invalid), read once per pack file."""
    key = datapack.signature(pack)
    if key not in _geometries:
        layer = datapack.open_table(pack, "comuni")
        found = {}
        for feature in layer.getFeatures():
            geometry = feature.geometry()
            found[str(feature["pro_com_t"])] = geometry if geometry.isGeosValid() else geometry.makeValid()
        _geometries[key] = found
    return _geometries[key]


def scope_area(pack: Path, scope: frozenset) -> ScopeArea:
    boundaries = comuni_geometries(pack)
    missing = sorted(c for c in scope if c not in boundaries)
    if missing:
        raise RemixError(
            f"Comuni {', '.join(missing)} non presenti nella tabella «comuni» del pacchetto dati "
            f"«{Path(pack).name}»."
        )
    codes = sorted(scope)
    return ScopeArea(codes, [boundaries[c] for c in codes])


# --- the project ------------------------------------------------------------------------------


def saved_scope(project: QgsProject) -> Optional[frozenset]:
    """The filter written in the project, None when it shows the whole Città metropolitana."""
    text, _ = project.readEntry(*PROJECT_SCOPE, "")
    codes = frozenset(c for c in text.split(",") if c.strip())
    return codes or None


def apply_scope(project: QgsProject, scope: Optional[frozenset], pack: Path, force: bool = False) -> ScopeReport:
    """Filter every catalogue layer of the project to `scope` (None clears), draw the selection,
    save it in the project. Layers already filtered for this scope are left as they are unless
    `force` (their features are then looked up again)."""
    scope = frozenset(scope) if scope else None
    table = comuni_table(pack)
    report = ScopeReport(scope, describe_scope(table, scope))
    area = scope_area(pack, scope) if scope else None
    codes = ",".join(sorted(scope)) if scope else ""
    lookup = _Lookup(area, pack) if area else None
    layers = catalogue_layers(project)
    with shared_openings(ogr_sources(layers)):
        for layer in layers:
            try:
                count = _scope_layer(layer, codes, lookup, force)
            except RemixError as exc:
                report.problems.append(exc.message)
                continue
            if count is None and scope and not isinstance(layer, QgsVectorLayer):
                report.unfiltered.append(layer_description(layer).title() or layer.name())
            elif count is not None:
                report.kept[layer.id()] = count
    _draw_overlay(project, area, report)
    if scope:
        project.writeEntry(*PROJECT_SCOPE, codes)
    else:
        project.removeEntry(*PROJECT_SCOPE)
    report.extent = _project_extent(project, area.extent if area else _all_extent(pack))
    return report


def restore(project: QgsProject, pack: Path) -> Optional[ScopeReport]:
    """Re-apply the filter saved in a project just read (features looked up again: data may have
    changed since it was saved). None when the project has no filter."""
    scope = saved_scope(project)
    return apply_scope(project, scope, pack, force=True) if scope else None


def catalogue_layers(project: QgsProject) -> List[QgsMapLayer]:
    """The layers the filter applies to: catalogue layers, not the boundary frame."""
    return [
        layer
        for layer in project.mapLayers().values()
        if layer.customProperty(ENTRY_PROPERTY) and layer.customProperty(ENTRY_PROPERTY) not in FRAME_ENTRIES
    ]


# --- one layer --------------------------------------------------------------------------------


def _scope_layer(layer: QgsMapLayer, codes: str, lookup: Optional["_Lookup"], force: bool) -> Optional[int]:
    """Filter (or unfilter) one layer; the number of features it then shows, None if not filterable."""
    if not isinstance(layer, QgsVectorLayer):
        return None
    if layer.isEditable():
        raise RemixError(
            f"Strato «{layer.name()}»: è in modifica, il filtro per Zona omogenea non è applicato. "
            "Salvare o annullare le modifiche e riapplicare il filtro."
        )
    applied = layer.customProperty(APPLIED_PROPERTY)
    unchanged = layer.customProperty(CODES_PROPERTY) == codes and _current(layer) == applied
    if applied is not None and unchanged and not force:
        return layer.featureCount()
    _unfilter(layer)
    if lookup is None:
        return layer.featureCount()
    key_field = _key_field(layer)
    subset_ok = _supports_subset(layer)
    if key_field is None and not (subset_ok and layer.providerType() in ("ogr", "memory")):
        raise RemixError(
            f"Strato «{layer.name()}»: non ha una chiave per filtrarne gli elementi; " "mostrato per intero."
        )
    keys = lookup.keys(layer, key_field)
    if subset_ok:
        user = layer.subsetString()
        clause = _key_clause(layer, key_field, keys)
        applied = f"({user}) AND ({clause})" if user else clause
        layer.setCustomProperty(USER_SUBSET_PROPERTY, user)
        _set_subset(layer, applied)
    else:
        assert key_field is not None  # without subset strings a layer with no key raised just above
        applied = _wrap(layer, key_field, keys)
    layer.setCustomProperty(APPLIED_PROPERTY, applied)
    layer.setCustomProperty(CODES_PROPERTY, codes)
    return layer.featureCount()


def _current(layer: QgsVectorLayer) -> str:
    return layer.source() if layer.customProperty(SOURCE_PROPERTY) else layer.subsetString()


def _unfilter(layer: QgsVectorLayer) -> None:
    """Back to the user's own state; a subset the user changed since the filter was set stays theirs."""
    applied = layer.customProperty(APPLIED_PROPERTY)
    if applied is None:
        return
    source = layer.customProperty(SOURCE_PROPERTY)
    if source:
        if layer.source() == applied:
            _switch_source(layer, source, layer.customProperty(PROVIDER_PROPERTY))
    elif layer.subsetString() == applied:
        user = layer.customProperty(USER_SUBSET_PROPERTY, "") or ""
        _set_subset(layer, user)
    for name in FILTER_PROPERTIES:
        layer.removeCustomProperty(name)


def _supports_subset(layer: QgsVectorLayer) -> bool:
    provider = layer.dataProvider()
    return provider is not None and bool(provider.supportsSubsetString())


def _key_field(layer: QgsVectorLayer) -> Optional[str]:
    """The single primary-key field (GeoPackage fid, ArcGIS OBJECTID, PostGIS id), None if none."""
    keys = layer.primaryKeyAttributes()
    return layer.fields().at(keys[0]).name() if len(keys) == 1 else None


class _Lookup:
    """The features in scope, for one application of the filter: the same table in both maps is
    looked up once. Files read by OGR answer from `_members` (which Comuni each feature touches,
    worked out once per file as it is now), so switching from one Zona to another costs a set union."""

    def __init__(self, area: ScopeArea, pack: Path):
        self.area, self.pack = area, pack
        self._keys: Dict[tuple, list] = {}
        self._datasets: Dict[str, Optional[gdal.Dataset]] = {}  # path -> GDAL dataset, open until the filter is applied

    def keys(self, layer: QgsVectorLayer, key_field: Optional[str]) -> list:
        """Keys (or feature ids) of the layer's features that intersect the selected Comuni."""
        if layer.providerType() == "ogr" and layer.crs() == self.area.crs:
            parts = _ogr_parts(layer.source())
            source: tuple = ("ogr", parts.get("path"), parts.get("layerName"), parts.get("layerId"))
            if source not in self._keys:
                members = self._members(parts)
                self._keys[source] = sorted({fid for code in self.area.codes for fid in members.get(code, ())})
        else:
            # memory layers built alike share a source string but not their features
            source = (layer.providerType(), layer.id() if layer.providerType() == "memory" else layer.source())
            if source not in self._keys:
                self._keys[source] = self._layer_keys(layer, key_field)
        return self._keys[source]

    def _layer_keys(self, layer: QgsVectorLayer, key_field: Optional[str]) -> list:
        request = QgsFeatureRequest()
        if layer.crs() != self.area.crs:
            if not layer.crs().isValid():
                raise RemixError(
                    f"Strato «{layer.name()}»: sistema di riferimento non definito, impossibile "
                    "filtrarlo per Zona omogenea."
                )
            request.setDestinationCrs(self.area.crs, QgsProject.instance().transformContext())
        request.setFilterRect(self.area.extent)
        if key_field:
            request.setSubsetOfAttributes([key_field], layer.fields())
        else:
            request.setNoAttributes()
        return [
            feature[key_field] if key_field else feature.id()
            for feature in layer.getFeatures(request)
            if feature.hasGeometry() and self.area.intersects(feature.geometry())
        ]

    def _members(self, parts: dict) -> Dict[str, tuple]:
        """ISTAT code -> the OGR FIDs of a file's features that touch that Comune (the fid column of a
        GeoPackage, the FID of other formats). Worked out once per file as it is now (size and time,
        its write-ahead log too) and per pack: edited data are looked up again. Read straight through
        GDAL: a QGIS iterator over a re-sourced GeoPackage layer would open the file again."""
        path = parts["path"]
        key = (
            datapack.signature(Path(path)),
            parts.get("layerName"),
            parts.get("layerId"),
            datapack.signature(self.pack),
        )
        if key in _memberships:
            return _memberships[key]
        table = None
        try:  # GDAL answers None, or raises when someone turned its exceptions on
            if path not in self._datasets:
                self._datasets[path] = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
            dataset = self._datasets[path]
            if dataset is not None:
                table = (
                    dataset.GetLayerByName(parts["layerName"])
                    if parts.get("layerName")
                    else dataset.GetLayer(parts.get("layerId") or 0)
                )
        except RuntimeError:
            table = None
        if table is None:
            raise RemixError(f"Tabella «{parts.get('layerName') or path}» non leggibile in «{Path(path).name}».")
        everything = _all_comuni(datapack.signature(self.pack))
        definition = table.GetLayerDefn()
        table.SetIgnoredFields([definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())])
        table.SetAttributeFilter(None)
        extent = everything.extent
        table.SetSpatialFilterRect(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        found: Dict[str, list] = {}
        geometry = QgsGeometry()
        for feature in table:
            shape = feature.GetGeometryRef()
            if shape is None:
                continue
            geometry.fromWkb(shape.ExportToIsoWkb())
            for number in everything.index.intersects(geometry.boundingBox()):
                if everything.engines[number].intersects(geometry.constGet()):
                    found.setdefault(everything.codes[number], []).append(feature.GetFID())
        if len(_memberships) >= 256:  # files come and go (derived tables, packages): keep the cache small
            _memberships.clear()
        _memberships[key] = {code: tuple(fids) for code, fids in found.items()}
        return _memberships[key]


_memberships: Dict[tuple, Dict[str, tuple]] = {}


@lru_cache(maxsize=4)
def _all_comuni(pack: tuple) -> ScopeArea:
    """Every Comune of a pack (as it is now), indexed."""
    return scope_area(Path(pack[0]), frozenset(comuni_geometries(Path(pack[0]))))


@lru_cache(maxsize=512)
def _decoded(source: str) -> tuple:
    return tuple(QgsProviderRegistry.instance().decodeUri("ogr", source).items())


def _ogr_parts(source: str) -> dict:
    """The parts of an OGR source (path, layerName, subset...), decoded once per source string."""
    return dict(_decoded(source))


def _literal(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _key_clause(layer: QgsVectorLayer, key_field: Optional[str], keys: list) -> str:
    if not keys:
        return NOTHING
    column = f'"{key_field}"' if key_field else ("$id" if layer.providerType() == "memory" else "FID")
    return f"{column} IN ({','.join(_literal(k) for k in keys)})"


def _set_subset(layer: QgsVectorLayer, subset: str) -> None:
    if layer.providerType() != "ogr":
        if not layer.setSubsetString(subset):
            raise RemixError(
                f"Strato «{layer.name()}»: il fornitore dei dati ha rifiutato il filtro per " "Zona omogenea."
            )
        return
    parts = _ogr_parts(layer.source())
    parts.pop("subset", None)
    if subset:
        parts["subset"] = subset
    _switch_source(layer, QgsProviderRegistry.instance().encodeUri("ogr", parts), "ogr")


def _wrap(layer: QgsVectorLayer, key_field: str, keys: list) -> str:
    """A virtual layer over the original source that selects the keys in scope (the comparison is
    written `"key" + 0` or `"key" || ''` so that it reads the key's values: a bare primary-key
    constraint would be handed to the source as feature ids)."""
    numeric = all(isinstance(k, int) for k in keys)
    column = f'"{key_field}" + 0' if numeric else f"\"{key_field}\" || ''"
    where = f"{column} IN ({','.join(_literal(k) for k in keys)})" if keys else NOTHING
    definition = QgsVirtualLayerDefinition()
    definition.addSource("origine", layer.source(), layer.providerType())
    definition.setQuery(f"SELECT * FROM origine WHERE {where}")
    source, provider = layer.source(), layer.providerType()
    _switch_source(layer, definition.toString(), "virtual")
    layer.setCustomProperty(SOURCE_PROPERTY, source)
    layer.setCustomProperty(PROVIDER_PROPERTY, provider)
    return layer.source()


def _switch_source(layer: QgsVectorLayer, source: str, provider: str) -> None:
    """Give the layer a new data source, keeping its style; the old one comes back if the new fails."""
    old_source, old_provider = layer.source(), layer.providerType()
    layer.setDataSource(source, layer.name(), provider, QgsDataProvider.ProviderOptions())
    if not layer.isValid():
        layer.setDataSource(old_source, layer.name(), old_provider, QgsDataProvider.ProviderOptions())
        raise RemixError(
            f"Strato «{layer.name()}»: la sorgente non accetta il filtro per Zona omogenea; " "mostrato per intero."
        )


# --- the selection on the map ------------------------------------------------------------------


def overlay_layers(project: QgsProject) -> List[QgsMapLayer]:
    return [layer for layer in project.mapLayers().values() if layer.customProperty(OVERLAY_PROPERTY)]


def _draw_overlay(project: QgsProject, area: Optional[ScopeArea], report: ScopeReport) -> None:
    """The selected Comuni as one outlined hole in a grey veil over the rest (styles/scope/selezione.qml).
    A memory layer, quick to make: a project reopened gets it again from `restore`."""
    codes = ",".join(area.codes) if area else ""
    current = overlay_layers(project)
    if len(current) == 1 and current[0].customProperty(OVERLAY_PROPERTY) == codes and current[0].featureCount():
        current[0].setName(f"Selezione: {report.label}")
        return
    project.removeMapLayers([layer.id() for layer in current])
    if area is None:
        return
    layer = QgsVectorLayer(
        f"MultiPolygon?crs={datapack.CRS}&field=pro_com_t:string(6)", f"Selezione: {report.label}", "memory"
    )
    message, ok = layer.loadNamedStyle(str(OVERLAY_STYLE))
    if not ok:
        report.problems.append(
            f"Evidenziazione della selezione non disponibile " f"(stile «{OVERLAY_STYLE.name}»: {message})."
        )
        return
    features = []
    for code, geometry in zip(area.codes, area.geometries):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code])
        feature.setGeometry(geometry)
        features.append(feature)
    add_features(layer, features)
    layer.setCustomProperty(OVERLAY_PROPERTY, codes)
    project.addMapLayer(layer, False)
    project.layerTreeRoot().insertLayer(0, layer)


def _all_extent(pack: Path) -> QgsRectangle:
    extent = null_rectangle()
    for geometry in comuni_geometries(pack).values():
        extent.combineExtentWith(geometry.boundingBox())
    return extent


def _project_extent(project: QgsProject, extent: QgsRectangle) -> QgsRectangle:
    crs = QgsCoordinateReferenceSystem(datapack.CRS)
    if not project.crs().isValid() or project.crs() == crs:
        return QgsRectangle(extent)
    return QgsCoordinateTransform(crs, project.crs(), project.transformContext()).transformBoundingBox(extent)
