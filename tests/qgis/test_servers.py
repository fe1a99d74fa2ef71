"""The real local servers answer QGIS's own providers: arcgisfeatureserver (Koop), wms (qgis_mapserver),
postgres (PostgreSQL + PostGIS). If a server cannot start, these tests fail with its output."""

import json
import urllib.parse

import pytest
from qgis.core import (
    QgsAuthMethodConfig,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsProviderRegistry,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

from tests.qgis.auth import unlocked_auth_manager
from tests.servers import http_get
from tests.servers.fixtures import SHARED_DATA

pytestmark = pytest.mark.servers

COMUNI = SHARED_DATA / "comuni_cmm.geojson"
CMM_EXTENT_32632 = QgsRectangle(470000, 4990000, 555000, 5070000)


def geojson_count(path) -> int:
    return len(json.loads(path.read_text())["features"])


@pytest.fixture(scope="module")
def comuni_gpkg(qgis_app, tmp_path_factory):
    """The comuni as a GeoPackage table in EPSG:32632, the shape of the data pack's tables."""
    path = tmp_path_factory.mktemp("pack") / "pack.gpkg"
    source = QgsVectorLayer(str(COMUNI), "comuni", "ogr")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", "comuni"
    options.ct = QgsCoordinateTransform(source.crs(), QgsCoordinateReferenceSystem("EPSG:32632"), QgsProject.instance())
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        source, str(path), QgsProject.instance().transformContext(), options
    )
    assert error == QgsVectorFileWriter.NoError, message
    return f"{path}|layername=comuni"


def feature_layer(url: str, crs: str = "EPSG:32632", bbox: QgsRectangle = None) -> QgsVectorLayer:
    uri = QgsDataSourceUri()
    uri.setParam("url", url)
    uri.setParam("crs", crs)
    if bbox is not None:
        uri.setParam("bbox", f"{bbox.xMinimum()},{bbox.yMinimum()},{bbox.xMaximum()},{bbox.yMaximum()}")
    layer = QgsVectorLayer(uri.uri(False), "remote", "arcgisfeatureserver")
    assert layer.isValid(), f"arcgisfeatureserver could not load {url}"
    return layer


def render(layer, crs: str, extent: QgsRectangle, size: int = 256) -> QImage:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(crs))
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    assert not job.errors(), [e.message for e in job.errors()]
    return job.renderedImage()


def opaque_share(image: QImage) -> float:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    opaque = sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) >> 24)
    return opaque / (image.width() * image.height())


# -- Koop: ArcGIS REST FeatureServer -------------------------------------------------------------------


def test_koop_serves_a_gpkg_table_to_arcgisfeatureserver(koop_server, comuni_gpkg):
    url = koop_server.publish(comuni_gpkg, "comuni")  # published after the server started
    layer = feature_layer(url)
    assert layer.featureCount() == geojson_count(koop_server.data_dir / "comuni.geojson") == 133
    assert layer.crs().authid() == "EPSG:32632"
    assert {"OBJECTID", "name", "com_istat_code", "com_istat_code_num"} <= set(layer.fields().names())
    feature = next(layer.getFeatures(QgsFeatureRequest().setFilterExpression("\"name\" = 'Abbiategrasso'")))
    # digit-only strings stay strings (Koop alone would take them for years, see server.js)
    assert feature["com_istat_code"] == "015002" and feature["com_istat_code_num"] == 15002
    area_km2 = sum(f.geometry().area() for f in layer.getFeatures()) / 1e6
    assert area_km2 == pytest.approx(1575.03, rel=0.002)


@pytest.mark.parametrize("crs", ["EPSG:32632", "EPSG:4326"])
def test_koop_bbox_is_in_the_service_crs(koop_server, comuni_gpkg, crs):
    """QGIS 3.22 sends `bbox` with no inSR: like ArcGIS Server, the peer reads it in the layer's own CRS."""
    url = koop_server.publish(comuni_gpkg, f"comuni_{crs[5:]}", crs=crs)
    local = QgsVectorLayer(comuni_gpkg, "local", "ogr")
    west = QgsRectangle(470000, 4990000, 500000, 5020000)  # the south-west corner of CMM
    transform = QgsCoordinateTransform(local.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    bbox_in_service_crs = transform.transformBoundingBox(west)
    box = QgsGeometry.fromRect(bbox_in_service_crs)  # Koop tests the real geometries against the box
    expected = sum(
        1
        for f in QgsVectorLayer(str(koop_server.data_dir / f"comuni_{crs[5:]}.geojson"), "g", "ogr").getFeatures()
        if f.geometry().intersects(box)
    )
    assert 0 < expected < 133
    assert feature_layer(url, crs, bbox_in_service_crs).featureCount() == expected
    whole = transform.transformBoundingBox(CMM_EXTENT_32632)
    assert feature_layer(url, crs, whole).featureCount() == 133


def test_koop_sees_files_added_and_changed_after_start(koop_server):
    collection = json.loads(COMUNI.read_text())
    path = koop_server.data_dir / "late.geojson"
    for n in (2, 5):
        path.write_text(json.dumps({**collection, "features": collection["features"][:n]}))
        assert feature_layer(koop_server.layer_url("late"), "EPSG:4326").featureCount() == n


def test_koop_unknown_service_is_an_invalid_layer(koop_server):
    layer = QgsVectorLayer(f"crs='EPSG:4326' url='{koop_server.layer_url('nope')}'", "x", "arcgisfeatureserver")
    assert not layer.isValid()


# -- qgis_mapserver: WMS ----------------------------------------------------------------------------------


def test_wms_getcapabilities_and_getmap(wms_server):
    capabilities = http_get(wms_server.url + "?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities").decode()
    assert "<Name>comuni</Name>" in capabilities and "<CRS>EPSG:3857</CRS>" in capabilities
    query = urllib.parse.urlencode(
        {
            "SERVICE": "WMS",
            "VERSION": "1.3.0",
            "REQUEST": "GetMap",
            "LAYERS": "comuni",
            "STYLES": "",
            "CRS": "EPSG:32632",
            "BBOX": "470000,4990000,555000,5070000",
            "WIDTH": 128,
            "HEIGHT": 128,
            "FORMAT": "image/png",
            "TRANSPARENT": "TRUE",
        }
    )
    image = QImage.fromData(http_get(wms_server.url + "?" + query), "PNG")
    assert not image.isNull()
    assert 0.2 < opaque_share(image) < 0.9  # the comuni cover part of the box, not all of it


def test_wms_provider_loads_and_renders(wms_server):
    layer = QgsRasterLayer(wms_server.wms_uri("comuni", "EPSG:3857"), "comuni", "wms")
    assert layer.isValid(), layer.dataProvider().error().message() if layer.dataProvider() else "no provider"
    assert layer.crs().authid() == "EPSG:3857"
    to_3857 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32632"), QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance()
    )
    extent = to_3857.transformBoundingBox(CMM_EXTENT_32632)
    assert 0.2 < opaque_share(render(layer, "EPSG:3857", extent)) < 0.9


# -- PostgreSQL + PostGIS ---------------------------------------------------------------------------------


def auth_config(user: str, password: str) -> str:
    """A Basic authentication config in QGIS's authentication manager (throwaway test profile)."""
    manager = unlocked_auth_manager()
    config = QgsAuthMethodConfig("Basic")
    config.setName("remix test postgis")
    config.setConfig("username", user)
    config.setConfig("password", password)
    assert manager.storeAuthenticationConfig(config)[0]
    return config.id()


def test_postgis_through_qgis(qgis_app, postgis_server):
    postgis_server.psql("""
        CREATE TABLE segnalazioni (id serial PRIMARY KEY, testo text, geom geometry(Point, 32632));
        INSERT INTO segnalazioni (testo, geom) VALUES
          ('Piazza Duomo', ST_SetSRID(ST_MakePoint(514950, 5034000), 32632)),
          ('Abbiategrasso', ST_SetSRID(ST_MakePoint(491500, 5025500), 32632));
        GRANT ALL ON segnalazioni TO remix_user;
    """)
    authcfg = auth_config(postgis_server.user, postgis_server.password)

    connection = (
        QgsProviderRegistry.instance()
        .providerMetadata("postgres")
        .createConnection(postgis_server.uri(authcfg=authcfg), {})
    )
    assert connection.executeSql("SELECT postgis_version()")[0][0].startswith("3.")

    layer = QgsVectorLayer(postgis_server.uri("segnalazioni", key="id", authcfg=authcfg), "segnalazioni", "postgres")
    assert layer.isValid(), layer.dataProvider().error().message() if layer.dataProvider() else "no provider"
    assert "password" not in layer.source()
    assert layer.featureCount() == 2 and layer.crs().authid() == "EPSG:32632"
    assert sorted(f["testo"] for f in layer.getFeatures()) == ["Abbiategrasso", "Piazza Duomo"]
    # and it is writable with those credentials, as the segnalazioni store must be
    assert layer.dataProvider().capabilities() & layer.dataProvider().AddFeatures
