"""The zip a CMM planner installs: built by `make package`, installed into a fresh profile, and used
in a real QGIS Desktop window under Xvfb. The screenshot is kept under out/ to be looked at."""

import pytest

from tests.desktop.qgis_desktop import build_zip, run_desktop

pytestmark = pytest.mark.desktop


@pytest.fixture(scope="module")
def plugin_zip():
    return build_zip()


def test_zip_holds_one_plugin_folder_with_its_data(plugin_zip):
    import zipfile

    names = zipfile.ZipFile(plugin_zip).namelist()
    assert {n.split("/")[0] for n in names} == {"remix_plugin"}
    for needed in (
        "remix_plugin/metadata.txt",
        "remix_plugin/__init__.py",
        "remix_plugin/resources/catalogue/catalogue.json",
        "remix_plugin/resources/data/remix_demo.gpkg",
        "remix_plugin/resources/i18n/remix_en.qm",
        "remix_plugin/styles/aree_remix.qml",
        "remix_plugin/LICENSE",
    ):
        assert needed in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".ts")]
    assert not [n for n in names if "build_demo_pack" in n], "the demo-pack generator is part of the build"


def test_the_plugin_manager_shows_the_changelog_and_the_licence(plugin_zip):
    """metadata.txt in the zip carries CHANGELOG.md's newest released entries, with their sections."""
    import configparser
    import zipfile

    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(zipfile.ZipFile(plugin_zip).read("remix_plugin/metadata.txt").decode("utf-8"))
    changelog = parser["general"]["changelog"]
    assert "Version 0.1.0:" in changelog and "Aggiunto:" in changelog and "Scheda comunale" in changelog
    licence = zipfile.ZipFile(plugin_zip).read("remix_plugin/LICENSE").decode("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 2" in licence


def test_desktop_loads_both_maps_from_the_installed_zip(plugin_zip, tmp_path):
    result, screenshot = run_desktop(tmp_path, plugin_zip, "load_maps_script.py", "desktop_both_maps.png")
    assert "error" not in result, result.get("error")
    assert result["plugin_loaded"] and result["menu"]
    assert {"Mappa delle Opportunità", "Mappa delle Realizzazioni", "Catalogo RE.MIX"} <= set(result["actions"])
    assert result["groups"][:2] == ["Mappa delle Realizzazioni", "Mappa delle Opportunità"]
    assert "opportunita/aree_remix" in result["layers"] and "realizzazioni/interventi_pinqua" in result["layers"]
    assert result["invalid"] == []
    assert screenshot.exists() and screenshot.stat().st_size > 50_000


def test_unload_removes_everything_init_gui_added_twice(plugin_zip, tmp_path):
    result, _ = run_desktop(tmp_path, plugin_zip, "unload_script.py")
    assert "error" not in result, result.get("error")
    loaded, unloaded = result["loaded_1"], result["unloaded_1"]
    assert "RE.MIX" in loaded["menus"] and "remix_toolbar" in loaded["toolbars"] and "remix" in loaded["providers"]
    assert any(d.startswith("Remix") for d in loaded["docks"])
    assert loaded["layout_templates"] == [
        "RE-MIX A3 orizzontale.qpt",
        "RE-MIX A3 verticale.qpt",
        "RE-MIX A4 orizzontale.qpt",
        "RE-MIX A4 verticale.qpt",
    ]
    assert "RemixInfoboxDock" in loaded["docks"] and "remix" in loaded["locator"] and "layertree" in loaded["locator"]
    assert loaded["map_tool"] == "RemixInfoboxTool"
    for state in (result["unloaded_1"], result["unloaded_2"]):
        assert "RE.MIX" not in state["menus"]
        assert not [t for t in state["toolbars"] if "remix" in t.lower()]
        assert not [d for d in state["docks"] if "remix" in d.lower()]
        assert not [f for f in state["locator"] if "remix" in f.lower()]
        assert "remix" not in state["providers"]
        assert state["actions"] == []
        assert state["map_tool"] is None or "Remix" not in state["map_tool"]
        assert state["layout_templates"] == []
    assert result["loaded_2"] == loaded
    assert result["unloaded_2"] == unloaded


def test_a_planner_filters_a_zona_and_reads_its_indicators(plugin_zip, tmp_path):
    """Zone omogenee dock → Nord Milano; Indicatori di sintesi dock then lists the 6 Comuni of the zone."""
    result, screenshot = run_desktop(
        tmp_path, plugin_zip, "zone_indicators_script.py", "desktop_zona_indicatori.png", {"REMIX_ZONA": "Nord Milano"}
    )
    assert "error" not in result, result.get("error")
    assert len(result["scope"]) == 6 and result["saved_scope"] == ",".join(result["scope"])
    assert result["rows"] == 6
    assert result["filtered"]["interventi_pinqua"] < 26 and "Nord Milano" in result["status"]
    assert screenshot.exists() and screenshot.stat().st_size > 50_000
