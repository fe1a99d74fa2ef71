"""pytest fixtures for the real local servers; tests/conftest.py does `from tests.servers.fixtures import *`.

Session-scoped: each server starts once, on first use, and is stopped at the end of the session
(also when tests fail). A server that cannot start makes the tests that use it fail with its
output; nothing is skipped.
"""

from pathlib import Path

import pytest

from tests.servers import ServerError
from tests.servers.koop import KoopServer
from tests.servers.mapserver import QgisMapServer, write_project
from tests.servers.postgis import PostgisServer

__all__ = ["koop_server", "wms_server", "postgis_server"]

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def _started(server):
    try:
        return server.start()
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def koop_server(tmp_path_factory):
    """Koop serving `koop_server.data_dir/*.geojson`. Files may be added at any time (read on each
    request): `koop_server.publish(layer_or_path, "name")` or a file dropped into data_dir, then
    `koop_server.layer_url("name")` is the FeatureServer layer for `arcgisfeatureserver`."""
    server = KoopServer(tmp_path_factory.mktemp("koop-data"))
    yield _started(server)
    server.stop()


@pytest.fixture(scope="session")
def wms_server(qgis_app, tmp_path_factory):
    """qgis_mapserver serving a project with the layer "comuni" (the 133 comuni of CMM, read from
    ../shared/data at test time). `wms_server.url`, `wms_server.layers`, `wms_server.wms_uri(...)`."""
    source = SHARED_DATA / "comuni_cmm.geojson"
    if not source.exists():
        pytest.fail(f"Test data not found: {source} (../shared/data must sit beside the project).", pytrace=False)
    project = write_project(tmp_path_factory.mktemp("wms") / "wms.qgs", {"comuni": str(source)})
    server = QgisMapServer(project)
    server.layers = ["comuni"]
    yield _started(server)
    server.stop()


@pytest.fixture(scope="session")
def postgis_server():
    """A throwaway PostgreSQL + PostGIS cluster: `.host .port .dbname .user .password .conninfo`,
    `.psql(sql)` as superuser, `.uri(table, ...)` for the `postgres` provider."""
    server = PostgisServer()
    yield _started(server)
    server.stop()
