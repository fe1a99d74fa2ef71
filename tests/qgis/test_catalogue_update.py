"""A newer catalogue published by CMM at a URL: fetched through QGIS's network stack with its ETag,
cached, and the cached or bundled copy kept when the service fails or sends a bad catalogue."""

import json

import pytest

from remix_plugin.core.base import paths
from remix_plugin.core.catalogue.update import update_catalogue
from tests.qgis.auth import unlocked_auth_manager
from tests.servers.scripted_http import ScriptedHttpServer

GOOD = json.loads(paths.CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture()
def server(qgis_app, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    srv = ScriptedHttpServer("catalogo.json")
    yield srv
    srv.stop()


def newer(version):
    data = json.loads(json.dumps(GOOD))
    data["version"] = version
    return data


def test_newer_catalogue_is_fetched_cached_and_revalidated_with_etag(server, tmp_path):
    server.publish(newer("2027.1"), '"a"')
    assert update_catalogue(server.url).version == "2027.1"
    assert (tmp_path / "catalogue.json").exists()
    again = update_catalogue(server.url)
    assert again.version == "2027.1"
    assert server.requests[-1].get("If-None-Match") == '"a"'


@pytest.mark.parametrize(
    "status,body",
    [
        (500, b"errore"),
        (200, b"{ non json"),
        (200, json.dumps({**GOOD, "layers": GOOD["layers"] + [GOOD["layers"][0]]}).encode()),
    ],
)
def test_failed_or_bad_update_keeps_the_last_good_one(server, status, body):
    server.publish(newer("2027.1"), '"a"')
    update_catalogue(server.url)
    server.status, server.body, server.etag = status, body, '"b"'
    assert update_catalogue(server.url).version == "2027.1"


def test_unreachable_service_without_cache_falls_back_to_the_bundled_catalogue(qgis_app, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    catalogue = update_catalogue("http://127.0.0.1:9/catalogo.json", timeout_ms=3000)
    assert catalogue.version == GOOD["version"] and catalogue.origin == str(paths.CATALOGUE)


def test_authcfg_credentials_reach_the_server_and_nothing_is_stored_in_clear(server, tmp_path):
    from qgis.core import QgsAuthMethodConfig

    auth = unlocked_auth_manager()
    config = QgsAuthMethodConfig("Basic")
    config.setName("catalogo CMM")
    config.setConfig("username", "sit_cmm")
    config.setConfig("password", "segreto-123")
    assert auth.storeAuthenticationConfig(config)[0]
    server.publish(newer("2027.2"), '"c"')
    assert update_catalogue(server.url, config.id()).version == "2027.2"
    assert server.requests[-1].get("Authorization", "").startswith("Basic ")
    for stored in tmp_path.iterdir():
        assert b"segreto-123" not in stored.read_bytes()
