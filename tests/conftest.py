"""Shared fixtures. Real public data is read from ../shared/data (never copied into the project)."""

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# a throwaway QGIS profile (settings, authentication database): tests never touch the user's own
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="remix-qgis-profile-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_DATA = ROOT.parent / "shared" / "data"

from tests.servers.fixtures import *  # noqa: E402, F403  (koop_server, wms_server, postgis_server)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "comuni_cmm.geojson").exists():
        pytest.fail(f"Dati reali di prova non trovati in {SHARED_DATA}: ../shared/data deve stare accanto al progetto.")
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_pack(qgis_app) -> Path:
    """The embedded demo pack (built by `make test`; built here when run on its own)."""
    from remix_plugin.core.data.datapack import demo_pack_path

    return demo_pack_path()


@pytest.fixture()
def isolated_settings(qgis_app, tmp_path, monkeypatch):
    """QgsSettings in a throwaway file, so tests never read or write the user's settings."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QgsSettings().clear()
    yield
    QgsSettings().clear()


@pytest.fixture(scope="session", autouse=True)
def real_font_family(qgis_app):
    """As the command line does: styles written by the tests name a font family QGIS Desktop knows."""
    from remix_plugin.cli import use_real_font_family

    use_real_font_family()


def pytest_report_header(config):
    """The report names the QGIS it ran on (the version matrix runs the suite on several)."""
    from qgis.core import Qgis
    from qgis.PyQt.QtCore import QT_VERSION_STR

    where = os.environ.get("REMIX_QGIS_ROOT")
    return f"QGIS {Qgis.QGIS_VERSION} (Qt {QT_VERSION_STR}) — {'Debian root ' + where if where else 'host'}"


def pytest_configure(config):
    """From QGIS 3.44, a deprecated QGIS or PyQt API called by the plugin fails the test: what 3.44
    deprecates, QGIS 4 removes. (The warning is raised in the plugin module that made the call.)"""
    from qgis.core import Qgis

    if Qgis.QGIS_VERSION_INT >= 34400:
        config.addinivalue_line("filterwarnings", "error::DeprecationWarning:remix_plugin")
