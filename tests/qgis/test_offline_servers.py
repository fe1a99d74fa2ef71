"""Offline packages against the real local servers: catalogue layers served by Koop (the Regione
Lombardia ArcGIS REST peer) downloaded into the package and opened with Koop stopped; segnalazioni
pre-filled from the central PostGIS store, edited on the tablet and synced back."""

import pytest
from qgis.core import QgsGeometry, QgsProject, QgsValueRelationFieldFormatter

from remix_plugin.core.catalogue.maps import make_context
from remix_plugin.core.data.offline_manifest import DATA_FILE, STORE_FILE, read_manifest, verify_package
from remix_plugin.core.offline.package import OfflineRequest, plan_package, write_package
from remix_plugin.core.scope.model import resolve_scope
from remix_plugin.core.segnalazioni.geometry import ComuniLookup
from remix_plugin.core.segnalazioni.layers import add_segnalazione, commit, new_feature, placed_store_layers
from remix_plugin.core.segnalazioni.sync import sync
from tests.qgis.offline_fixtures import (
    catalogue_layers,
    intersecting,
    online,
    open_package,
    project_xml,
    region_services,
    remote,
    style_of,
    to_tablet,
)
from tests.qgis.segnalazioni_fixtures import authcfg, central  # noqa: F401  (fixtures)
from tests.qgis.test_remote_sources import REGION
from tests.qgis.test_segnalazioni_sync import content, pending, sql

pytestmark = pytest.mark.servers


def test_feature_services_are_downloaded_cut_and_open_with_the_server_stopped(demo_pack, tmp_path, isolated_settings):
    scope = resolve_scope(demo_pack, ["Nord Ovest"])
    with region_services(demo_pack, tmp_path / "koop") as koop:
        filtered = online(remote(demo_pack, koop.url, tmp_path / "d1.gpkg"), ("opportunita",), scope)
        expected = {key: (layer.featureCount(), style_of(layer)) for key, layer in catalogue_layers(filtered).items()}
        assert all(
            catalogue_layers(filtered)[("opportunita", t)].providerType() in ("arcgisfeatureserver", "virtual")
            for t in REGION
        )
        filtered.clear()
        plan = plan_package(
            OfflineRequest(out_dir=tmp_path / "ufficio", maps=("opportunita",), scope=scope),
            remote(demo_pack, koop.url, tmp_path / "d2.gpkg"),
        )
        assert plan.issues == []
        assert {i.entry_id: i.origin for i in plan.items if i.entry_id in REGION} == {
            t: "servizio ArcGIS REST (scaricato)" for t in REGION
        }
        folder = write_package(plan)
    tablet = to_tablet(folder, tmp_path / "tablet")
    project = open_package(tablet)
    assert all(layer.isValid() for layer in project.mapLayers().values())
    layers = catalogue_layers(project)
    assert {key: (layer.featureCount(), style_of(layer)) for key, layer in layers.items()} == expected
    for table in REGION:
        assert layers[("opportunita", table)].providerType() == "ogr"
        assert layers[("opportunita", table)].featureCount() == intersecting(demo_pack, table, scope) > 0
    xml = project_xml(tablet)
    assert koop.url.split("/file-geojson")[0] not in xml and "FeatureServer" not in xml
    assert verify_package(tablet) == []


def test_segnalazioni_round_trip_package_offline_edits_sync_nothing_lost_nothing_duplicated(
    demo_pack, central, postgis_server, tmp_path, isolated_settings
):
    from remix_plugin.gui.segnalazioni_component import SegnalazioniComponent
    from remix_plugin.gui.zone_component import ZoneComponent

    lookup = ComuniLookup.for_pack(demo_pack)
    office = tmp_path / "ufficio.gpkg"
    first = add_segnalazione(
        office,
        {
            "titolo": "Ex filanda da riusare",
            "tipo": "progetto",
            "natura": "azioni",
            "comune_istat": "015209",
            "tipo_servizio": "Spazi culturali",
        },
        None,
        lookup,
    )[0]
    add_segnalazione(
        office,
        {
            "titolo": "Piazza da riqualificare",
            "tipo": "progetto",
            "natura": "azioni",
            "comune_istat": "015032",
            "tipo_servizio": "Spazio pubblico",
        },
        None,
        lookup,
    )
    assert sync(office, central).sent_new == 2
    scope = resolve_scope(demo_pack, ["Nord Milano"])
    folder = write_package(
        plan_package(
            OfflineRequest(out_dir=tmp_path / "out", scope=scope, central=central),
            make_context(pack=demo_pack, derived_store=tmp_path / "d.gpkg"),
        )
    )
    assert read_manifest(folder)["segnalazioni"] == {"file": STORE_FILE, "precompilato": True, "elementi": 2}
    tablet = to_tablet(folder, tmp_path / "tablet")
    # on the tablet, no network: the package's project, the package's store
    assert QgsProject.instance().read(str(tablet / read_manifest(tablet)["progetto"]))
    try:
        assert SegnalazioniComponent.store_path() == tablet / STORE_FILE
        assert SegnalazioniComponent.pack() == tablet / DATA_FILE
        assert ZoneComponent.pack() == tablet / DATA_FILE  # the Zona filter reads the package's own Comuni
        store = placed_store_layers(QgsProject.instance(), tablet / STORE_FILE)
        points = store.punti
        actors = points.editorWidgetSetup(points.fields().indexOf("attori"))  # the form's lists, from the package
        assert actors.type() == "ValueRelation" and actors.config()["LayerSource"].startswith("./segnalazioni.gpkg")
        # the labels, not the keys: reading ValueRelationItem.key crashes PyQGIS 3.40 and 3.44 (a QVariant member)
        labels = {v.value for v in QgsValueRelationFieldFormatter.createCache(actors.config())}
        assert {"Pubblico", "Privati"} <= labels
        points.startEditing()
        added = new_feature(
            points,
            QgsGeometry.fromWkt("POINT(512500 5046000)"),
            {
                "titolo": "Cortile scolastico da aprire",
                "tipo": "progetto",
                "natura": "azioni",
                "comune_istat": "015077",
                "zona_omogenea": "Nord Milano",
                "tipo_servizio": "Spazio pubblico",
            },
        )
        assert points.addFeature(added)
        commit(points)
        edited = next(f for f in points.getFeatures() if f["uuid"] == first)
        points.startEditing()
        points.changeAttributeValue(edited.id(), points.fields().indexOf("titolo"), "Ex filanda: rilievo fatto")
        commit(points)
        assert pending(tablet / STORE_FILE) == 2
    finally:
        QgsProject.instance().clear()
    # meanwhile at the office another segnalazione arrives
    add_segnalazione(
        office,
        {
            "titolo": "Capannone dismesso",
            "tipo": "progetto",
            "natura": "azioni",
            "comune_istat": "015098",
            "tipo_servizio": "Servizi alle imprese",
        },
        None,
        lookup,
    )
    sync(office, central)
    report = sync(tablet / STORE_FILE, central)  # «Sincronizza», back online
    assert (report.sent_new, report.sent_changed, report.received_new, report.conflicts) == (1, 1, 1, [])
    assert (
        sql(
            postgis_server,
            central,
            "SELECT count(*), count(DISTINCT uuid) FROM remix.segnalazioni_punti " "WHERE NOT eliminata",
        )
        == "4|4"
    )
    assert (
        sql(postgis_server, central, f"SELECT titolo FROM remix.segnalazioni_punti WHERE uuid = '{first}'")
        == "Ex filanda: rilievo fatto"
    )
    sync(office, central)
    assert content(office) == content(tablet / STORE_FILE) and len(content(office)) == 4
    again = sync(tablet / STORE_FILE, central)
    assert not again.changed and pending(tablet / STORE_FILE) == 0
