"""Helpers of the offline package tests: what a package holds once copied to a tablet, and what the
same maps show online with the Zone omogenee filter (the "filtered source" a package must equal)."""

import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Tuple

from qgis.core import QgsGeometry, QgsProject, QgsVectorLayer

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.maps import load_map
from remix_plugin.core.data.layers import ENTRY_PROPERTY, MAP_PROPERTY
from remix_plugin.core.data.offline_manifest import read_manifest
from remix_plugin.core.scope.filtering import apply_scope, comuni_geometries
from tests.qgis.test_remote_sources import REGION, mirrored_catalogue
from tests.servers.koop import KoopServer


def to_tablet(folder: Path, tablet: Path) -> Path:
    """Copy the package elsewhere and remove the original: nothing can point back to where it was made."""
    copy = tablet / folder.name
    shutil.copytree(folder, copy)
    shutil.rmtree(folder)
    return copy


def open_package(folder: Path) -> QgsProject:
    project = QgsProject()
    assert project.read(str(folder / read_manifest(folder)["progetto"])), project.error()
    return project


def catalogue_layers(project: QgsProject) -> Dict[Tuple[str, str], QgsVectorLayer]:
    return {
        (lyr.customProperty(MAP_PROPERTY), lyr.customProperty(ENTRY_PROPERTY)): lyr
        for lyr in project.mapLayers().values()
        if lyr.customProperty(ENTRY_PROPERTY)
    }


def online(ctx, maps, scope) -> QgsProject:
    """The maps as the plugin shows them online, filtered to `scope` by the Zone omogenee filter."""
    ctx.comuni_scope = scope
    project = QgsProject()
    for map_id in maps:
        load_map(project, map_id, ctx, purpose="vector")
    apply_scope(project, scope, ctx.pack)
    return project


def style_of(layer) -> tuple:
    """What a user sees of a style: renderer type, classified field, legend labels."""
    renderer = layer.renderer()
    attribute = getattr(renderer, "classAttribute", lambda: "")()
    return renderer.type(), attribute, tuple(item.label() for item in renderer.legendSymbolItems())


def project_xml(folder: Path) -> str:
    manifest = read_manifest(folder)
    with zipfile.ZipFile(folder / manifest["progetto"]) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(".qgs"))).decode("utf-8")


def intersecting(pack: Path, table: str, scope) -> int:
    """Features of a pack table that touch the Comuni in `scope`, counted with plain GEOS (an oracle
    independent of the filter's own lookup)."""
    area = QgsGeometry.unaryUnion([comuni_geometries(pack)[code] for code in scope])
    layer = QgsVectorLayer(f"{pack}|layername={table}", table, "ogr")
    return sum(1 for f in layer.getFeatures() if f.hasGeometry() and f.geometry().intersects(area))


@contextmanager
def region_services(pack: Path, folder: Path):
    """A Koop of the test's own (the session's one serves other tests) publishing the Regione Lombardia
    tables of `pack` as FeatureServer layers; stopped at the end, as the tablet will never reach it."""
    folder.mkdir()
    koop = KoopServer(folder).start()
    try:
        for table in REGION:
            koop.publish(f"{pack}|layername={table}", table, crs="EPSG:32632")
        yield koop
    finally:
        koop.stop()


def remote(pack: Path, base: str, store: Path):
    """A context whose Regione Lombardia layers come from the services at `base` first."""
    from remix_plugin.core.catalogue.maps import make_context

    settings = Settings()
    settings.source_mode = "remote"
    return make_context(catalogue=mirrored_catalogue(base), pack=pack, settings=settings, derived_store=store)
