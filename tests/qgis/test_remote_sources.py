"""The catalogue's remote sources against real local servers: the Regione Lombardia ArcGIS REST layers
served by Koop (as a CMM mirror would serve them) through `arcgisfeatureserver`, the Pro basemaps through
`qgis_mapserver`, and services that fail in every way a real one does."""

import json

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

from remix_plugin.core.base import paths
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.maps import load_map, make_context, set_basemap
from remix_plugin.core.catalogue.model import parse_catalogue
from remix_plugin.core.data.datapack import open_table
from remix_plugin.core.data.layers import BASEMAP_PROPERTY, ENTRY_PROPERTY
from tests.servers.scripted_http import ScriptedHttpServer

REGION = ("aree_dismesse_2010", "aree_rigenerazione_pgt", "offerta_at_2020", "offerta_pa_2020")


def mirrored_catalogue(base: str):
    """The bundled catalogue with its Regione Lombardia feature services pointed at `base`: each
    FeatureServer layer is published under the table's name, MapServer (image) sources dropped."""
    data = json.loads(paths.CATALOGUE.read_text(encoding="utf-8"))
    for entry in data["layers"]:
        if entry["id"] in REGION:
            entry["sources"] = [
                dict(s, service="mirror", path=f"{entry['id']}/FeatureServer/0")
                if s["type"] == "arcgisfeatureserver"
                else s
                for s in entry["sources"]
                if s["type"] != "arcgismapserver"
            ]
    data["services"]["mirror"] = base
    return parse_catalogue(json.dumps(data), origin="mirror", strict=True)


def remote_context(demo_pack, tmp_path, base):
    settings = Settings()
    settings.source_mode = "remote"
    return make_context(
        catalogue=mirrored_catalogue(base), pack=demo_pack, settings=settings, derived_store=tmp_path / "derivati.gpkg"
    )


def region_layers(project):
    return {
        lyr.customProperty(ENTRY_PROPERTY): lyr
        for lyr in project.mapLayers().values()
        if lyr.customProperty(ENTRY_PROPERTY) in REGION
    }


def test_region_layers_load_from_a_feature_server_styled_and_scaled(koop_server, demo_pack, tmp_path):
    for table in REGION:
        koop_server.publish(f"{demo_pack}|layername={table}", table, crs="EPSG:32632")
    ctx = remote_context(demo_pack, tmp_path, koop_server.url)
    project = QgsProject()
    report = load_map(project, "opportunita", ctx)
    layers = region_layers(project)
    assert sorted(layers) == sorted(REGION), report.problems
    for table, layer in layers.items():
        assert layer.providerType() == "arcgisfeatureserver" and layer.isValid()
        assert koop_server.url in layer.source()
        assert layer.featureCount() == open_table(demo_pack, table).featureCount()
        scale = ctx.catalogue.entry(table).maps["opportunita"]
        assert (layer.minimumScale(), layer.maximumScale()) == (scale.min_scale, scale.max_scale)
    offer = layers["offerta_at_2020"].renderer()
    assert isinstance(offer, QgsCategorizedSymbolRenderer) and offer.classAttribute() == "stato_suolo"
    assert not any("Strato «Offerta" in p for p in report.problems)


@pytest.mark.parametrize(
    "status, body, reason",
    [
        (500, b"errore interno", "il servizio risponde con errore HTTP 500"),
        (200, b"{questo non e' JSON", "il servizio non risponde con JSON valido"),
        (None, b"", "servizio non raggiungibile"),
    ],
)
def test_a_failing_service_is_named_and_the_pack_steps_in(qgis_app, demo_pack, tmp_path, status, body, reason):
    server = ScriptedHttpServer()
    server.status, server.body, server.etag = status or 200, body, ""
    base = f"{server.base}/rest/services"
    if status is None:
        server.stop()  # nothing listens there any more: connection refused
    try:
        ctx = remote_context(demo_pack, tmp_path, base)
        project = QgsProject()
        report = load_map(project, "opportunita", ctx)
    finally:
        if status is not None:
            server.stop()
    layers = region_layers(project)
    assert sorted(layers) == sorted(REGION), report.problems
    assert all(lyr.providerType() == "ogr" and lyr.isValid() for lyr in layers.values())
    for table in REGION:
        title = ctx.catalogue.entry(table).title
        message = next(p for p in report.problems if p.startswith(f"Strato «{title}»"))
        assert f"arcgisfeatureserver «{table}/FeatureServer/0» non disponibile ({reason}" in message
        assert "Usata la sorgente tabella" in message
    assert len(project.mapLayers()) >= len(ctx.catalogue.entries_for_map("opportunita"))


def test_pro_basemaps_come_from_a_wms_server(wms_server, demo_pack, tmp_path):
    settings = Settings()
    base = wms_server.url.rstrip("/")
    settings.service_overrides = {"rl_wms_basemap": base}
    ctx = make_context(pack=demo_pack, settings=settings, derived_store=tmp_path / "derivati.gpkg")
    for basemap in ctx.catalogue.basemaps:
        if basemap["mode"] == "pro":
            basemap["layers"] = "comuni"  # the test server's one layer
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    assert sorted(set_basemap(project, "pro", ctx)) == ["ctr", "dbtr", "ortofoto"], ctx.problems
    added = [lyr for lyr in project.mapLayers().values() if lyr.customProperty(BASEMAP_PROPERTY)]
    assert len(added) == 3 and all(lyr.providerType() == "wms" and lyr.isValid() for lyr in added)
    assert all(base in lyr.source() for lyr in added)
    assert not [p for p in ctx.problems if "Mappa di base" in p]
