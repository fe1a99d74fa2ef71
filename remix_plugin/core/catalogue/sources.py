"""Thin URI builders: a catalogue source dict -> a QGIS layer.

Which source an entry uses depends on the purpose ("display" prefers the ArcGIS MapServer
rendering, light on Regione Lombardia's services; "vector" needs features) and on the settings'
`source_mode` ("pack": the data pack first; "remote": the services first). When the first choice
fails the next is tried, and the failure is reported.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, cast
from urllib.parse import quote

from qgis.core import QgsDataSourceUri, QgsRasterLayer, QgsRectangle, QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.http import diagnose_service
from remix_plugin.core.base.qgis_compat import GeometryType
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.model import Catalogue, Entry
from remix_plugin.core.data import datapack

LOCAL_TYPES = ("datapack", "derived", "indicator")
VECTOR_TYPES = ("datapack", "derived", "indicator", "arcgisfeatureserver", "ogcapi")
# CMM's extent in EPSG:32632, with a margin: remote layers of all Lombardy are always asked for this box only
CMM_EXTENT = QgsRectangle(470000, 4990000, 555000, 5070000)


@dataclass
class SourceContext:
    catalogue: Catalogue
    settings: Settings
    pack: Optional[Path] = None
    derived_store: Optional[Path] = None  # GeoPackage where derived and indicator layers are written
    extent: QgsRectangle = field(default_factory=lambda: QgsRectangle(CMM_EXTENT))
    comuni_scope: Optional[frozenset] = None  # ISTAT codes (pro_com_t) of the active filter; None: all CMM
    problems: List[str] = field(default_factory=list)

    def service_url(self, service: str) -> str:
        base = self.settings.service_overrides.get(service) or self.catalogue.services[service]
        return base.rstrip("/")

    @property
    def authcfg(self) -> str:
        return self.settings.services_authcfg


def candidate_sources(entry: Entry, ctx: SourceContext, purpose: str = "display") -> List[dict]:
    local = [s for s in entry.sources if s["type"] in LOCAL_TYPES] if ctx.pack else []
    remote = [s for s in entry.sources if s["type"] not in LOCAL_TYPES]
    if purpose == "vector":
        remote = [s for s in remote if s["type"] in VECTOR_TYPES]
    else:
        remote.sort(key=lambda s: 0 if s.get("role") == "display" else 1)
    return local + remote if ctx.settings.source_mode != "remote" else remote + local


def build_layer(entry: Entry, ctx: SourceContext, purpose: str = "display"):
    """The entry's layer from the first source that works; RemixError naming the layer if none does."""
    failures = []
    for source in candidate_sources(entry, ctx, purpose):
        if source["type"] == "datapack" and ctx.pack and source["table"] not in datapack.pack_tables(ctx.pack):
            failures.append(f"tabella «{source['table']}» assente dal pacchetto dati (facoltativa).")
            continue
        try:
            layer = BUILDERS[source["type"]](entry, source, ctx)
        except RemixError as exc:
            failures.append(exc.message)
            continue
        if layer.isValid() and source["type"] == "datapack" and not _expected_geometry(entry, layer):
            failures.append(
                f"{describe(source)}: geometrie di tipo «{_GEOMETRY_NAMES.get(layer.geometryType(), 'nessuna')}», "
                f"attese «{_GEOMETRY_NAMES[_GEOMETRIES[entry.geometry]]}» (il pacchetto non segue il contratto)."
            )
            continue
        if layer.isValid():
            if failures:
                ctx.problems.append(
                    f"Strato «{entry.title}»: {' '.join(failures)} Usata la sorgente {describe(source)}."
                )
            return layer
        failures.append(f"sorgente {describe(source)} non disponibile ({_why_invalid(layer, source, ctx)}).")
    if not failures:
        raise RemixError(
            f"Strato «{entry.title}»: nessuna sorgente utilizzabile "
            f"({'serve un pacchetto dati' if not ctx.pack else 'nessuna sorgente per questo uso'})."
        )
    raise RemixError(f"Strato «{entry.title}»: " + " ".join(failures))


_GEOMETRIES = {"point": GeometryType.Point, "line": GeometryType.Line, "polygon": GeometryType.Polygon}
_GEOMETRY_NAMES = {GeometryType.Point: "punti", GeometryType.Line: "linee", GeometryType.Polygon: "poligoni"}


def _expected_geometry(entry: Entry, layer) -> bool:
    """A pack table drawn with the entry's style must have the geometry the style is for (DATA_PACK.md)."""
    wanted = _GEOMETRIES.get(entry.geometry)
    return wanted is None or not isinstance(layer, QgsVectorLayer) or layer.geometryType() == wanted


def pack_sources(entries: List[Entry], ctx: SourceContext, purpose: str = "display") -> List[str]:
    """The data-pack tables these entries will be read from first (to open the pack once for all)."""
    firsts = (next(iter(candidate_sources(entry, ctx, purpose)), None) for entry in entries)
    return [
        datapack.table_uri(cast(Path, ctx.pack), source["table"])  # local sources are offered only with a pack
        for source in firsts
        if source is not None and source["type"] == "datapack"
    ]


def describe(source: dict) -> str:
    if source["type"] == "datapack":
        return f"tabella «{source['table']}» del pacchetto dati"
    if source.get("service"):
        return f"{source['type']} «{source.get('path', '')}»"
    return source["type"]


def _why_invalid(layer, source: dict, ctx: SourceContext) -> str:
    """For ArcGIS REST, ask the service itself (the provider only says "getLayerInfo failed")."""
    if source["type"] in ("arcgisfeatureserver", "arcgismapserver"):
        reason = diagnose_service(f"{ctx.service_url(source['service'])}/{source['path']}", ctx.authcfg)
        if reason:
            return reason
    return _provider_error(layer)


def _provider_error(layer) -> str:
    """The layer's or its provider's error text (QgsError.summary() crashes on an empty error: checked first)."""
    errors = [layer.error()] + ([layer.dataProvider().error()] if layer.dataProvider() is not None else [])
    texts = [error.summary().strip() for error in errors if not error.isEmpty()]
    return next((t for t in texts if t), "servizio non raggiungibile o risposta non valida")


def _datapack(entry: Entry, source: dict, ctx: SourceContext):
    assert ctx.pack is not None  # candidate_sources offers local sources only with a pack
    return QgsVectorLayer(datapack.table_uri(ctx.pack, source["table"]), entry.title, "ogr")


def arcgis_feature_uri(url: str, crs: str = datapack.CRS, extent: QgsRectangle = None, authcfg: str = "") -> str:
    uri = QgsDataSourceUri()
    uri.setParam("url", url)
    uri.setParam("crs", crs)
    if extent is not None:
        uri.setParam("bbox", f"{extent.xMinimum()},{extent.yMinimum()},{extent.xMaximum()},{extent.yMaximum()}")
    if authcfg:
        uri.setAuthConfigId(authcfg)
    return uri.uri(False)


def arcgis_map_uri(url: str, layer: str, crs: str = datapack.CRS, authcfg: str = "") -> str:
    uri = QgsDataSourceUri()
    uri.setParam("url", url)
    uri.setParam("layer", layer)
    uri.setParam("crs", crs)
    uri.setParam("format", "png32")
    if authcfg:
        uri.setAuthConfigId(authcfg)
    return uri.uri(False)


def wms_uri(url: str, layers: str, crs: str, fmt: str = "image/png", authcfg: str = "") -> str:
    parts = [
        "contextualWMSLegend=0",
        f"crs={crs}",
        "dpiMode=7",
        f"format={fmt}",
        f"layers={layers}",
        "styles=",
        f"url={url}",
    ]
    if authcfg:
        parts.insert(0, f"authcfg={authcfg}")
    return "&".join(parts)


def xyz_uri(url: str, zmax: int = 19) -> str:
    return f"type=xyz&url={quote(url, safe=':/')}&zmax={zmax}&zmin=0"


def _arcgis_feature(entry: Entry, source: dict, ctx: SourceContext):
    url = f"{ctx.service_url(source['service'])}/{source['path']}"
    return QgsVectorLayer(
        arcgis_feature_uri(url, extent=ctx.extent, authcfg=ctx.authcfg), entry.title, "arcgisfeatureserver"
    )


def _arcgis_map(entry: Entry, source: dict, ctx: SourceContext):
    url = f"{ctx.service_url(source['service'])}/{source['path']}"
    return QgsRasterLayer(
        arcgis_map_uri(url, source.get("layer", "0"), authcfg=ctx.authcfg), entry.title, "arcgismapserver"
    )


def _wms(entry: Entry, source: dict, ctx: SourceContext):
    url = source.get("url") or f"{ctx.service_url(source['service'])}/{source.get('path', '')}"
    uri = wms_uri(url, source.get("layers", "0"), datapack.CRS, source.get("format", "image/png"), ctx.authcfg)
    return QgsRasterLayer(uri, entry.title, "wms")


def _xyz(entry: Entry, source: dict, ctx: SourceContext):
    url = source.get("url") or f"{ctx.service_url(source['service'])}/{source['path']}"
    return QgsRasterLayer(xyz_uri(url), entry.title, "wms")


def _ogcapi(entry: Entry, source: dict, ctx: SourceContext):
    uri = QgsDataSourceUri()
    uri.setParam("url", source.get("url") or f"{ctx.service_url(source['service'])}/{source.get('path', '')}")
    uri.setParam("typename", source["typename"])
    if ctx.authcfg:
        uri.setAuthConfigId(ctx.authcfg)
    return QgsVectorLayer(uri.uri(False), entry.title, "OAPIF")


def _derived(entry: Entry, source: dict, ctx: SourceContext):
    from remix_plugin.core.catalogue import lum
    from remix_plugin.core.data.derived_cache import cached_layer

    def build():
        stazioni = datapack.open_table(ctx.pack, source["table"])
        return lum.lum_layer(stazioni, source.get("distances", {}), entry.title), {}

    return cached_layer(ctx, entry, source, build)[0]


def _indicator(entry: Entry, source: dict, ctx: SourceContext):
    from remix_plugin.core.indicators import synthesis

    return synthesis.indicator_layer(entry, source["indicator"], ctx)


BUILDERS: Dict[str, Callable] = {
    "datapack": _datapack,
    "arcgisfeatureserver": _arcgis_feature,
    "arcgismapserver": _arcgis_map,
    "wms": _wms,
    "xyz": _xyz,
    "ogcapi": _ogcapi,
    "derived": _derived,
    "indicator": _indicator,
}
