"""The infobox in a real QGIS Desktop window under Xvfb, with the plugin installed from the packaged zip:
QGIS's own search bar finds a Comune through the «RE.MIX» filter and Enter opens its infobox; a click on
a PINQuA intervento with «Informazioni RE.MIX» opens its infobox. The screenshot is kept under out/ to be
looked at."""

import pytest

from tests.desktop.qgis_desktop import build_zip, run_desktop

pytestmark = pytest.mark.desktop


def test_desktop_click_on_an_intervento_opens_its_infobox(tmp_path):
    result, screenshot = run_desktop(tmp_path, build_zip(), "infobox_script.py", "infobox_desktop.png")
    assert "error" not in result, result.get("error")
    assert result["locator"][0] == ["Cassina de' Pecchi", "Comuni"]
    assert result["chosen"] == ["comuni", "Cassina de' Pecchi"]  # typed in the search bar, Enter: its infobox
    assert result["map_tool"] == "RemixInfoboxTool" and result["dock_visible"] and result["highlight"]
    assert result["hits"][0][0] == "interventi_pinqua" and result["hits"][-1][0] == "zone_omogenee"
    for fact in (
        "CUP 4 - ID 103 Città Metr. di Milano",
        "C41I21000020001",
        "Rho",
        "€ 1.140.669,50",
        "Pagina del progetto",
        "Scheda PDF",
    ):
        assert fact in result["text"]
    assert screenshot.exists() and screenshot.stat().st_size > 50_000
