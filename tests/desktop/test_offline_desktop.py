"""An offline package made from the Koop feature services and the demo pack, copied to "a tablet" with
Koop stopped, opened in a real QGIS Desktop (plugin installed from the zip) under Xvfb: every layer
valid and styled, no network request at all, the package's own segnalazioni store in use. The
screenshot is kept under out/ to be looked at."""

import pytest

from remix_plugin.core.data.offline_manifest import DATA_FILE, STORE_FILE, read_manifest
from remix_plugin.core.offline.package import OfflineRequest, plan_package, write_package
from remix_plugin.core.scope.model import resolve_scope
from tests.desktop.qgis_desktop import build_zip, run_desktop
from tests.qgis.offline_fixtures import region_services, remote, to_tablet

pytestmark = [pytest.mark.desktop, pytest.mark.servers]


def test_desktop_opens_a_package_with_the_servers_stopped(qgis_app, demo_pack, tmp_path, isolated_settings):
    scope = resolve_scope(demo_pack, ["Nord Ovest"])
    with region_services(demo_pack, tmp_path / "koop") as koop:
        plan = plan_package(
            OfflineRequest(out_dir=tmp_path / "ufficio", scope=scope),
            remote(demo_pack, koop.url, tmp_path / "derivati.gpkg"),
        )
        expected = {f"{m}/{i.entry_id}": i.features for i in plan.items for m in i.maps}
        folder = write_package(plan)
    tablet = to_tablet(folder, tmp_path / "tablet")
    result, screenshot = run_desktop(
        tmp_path,
        build_zip(),
        "offline_script.py",
        "offline_desktop.png",
        {"REMIX_PACKAGE_PROJECT": str(tablet / read_manifest(tablet)["progetto"])},
    )
    assert "error" not in result, result.get("error")
    assert result["plugin_loaded"] and result["opened"]
    assert result["invalid"] == [] and result["unstyled"] == []
    assert result["counts"] == expected
    assert result["requests"] == []
    assert result["warnings"] == []  # e.g. no «font not available» from styles written headless
    assert result["store"] == str(tablet / STORE_FILE)
    assert result["search_pack"] == str(tablet / DATA_FILE) and "Rho" in result["search"]  # search reads the package
    assert "Prepara pacchetto offline…" in result["actions"]
    assert screenshot.exists() and screenshot.stat().st_size > 50_000
