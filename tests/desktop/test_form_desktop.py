"""The segnalazione form in a real QGIS Desktop window under Xvfb, with the plugin installed from the packaged zip,
on a 1280×800 tablet screen and on a 1920×1080 one (issue #18): a Comune technician opens «Nuova segnalazione»,
draws the perimetro, and the form opens inside the screen, its OK button on it, Comune, Zona and autore in view,
the technical fields closed away, no «NULL» anywhere. Screenshots: out/desktop_form_<size>.png, to be looked at."""

import pytest

from tests.desktop.qgis_desktop import ROOT, build_zip, make_profile, run_qgis, xvfb

pytestmark = pytest.mark.desktop


@pytest.fixture(scope="module")
def plugin_zip():
    return build_zip()


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)], ids=["tablet", "full-hd"])
def test_desktop_the_segnalazione_form_fits_the_screen(plugin_zip, tmp_path, width, height):
    shot = ROOT / "out" / f"desktop_form_{width}x{height}.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    make_profile(tmp_path / "profiles", plugin_zip)
    with xvfb(width, height) as display:  # the screen's size is the virtual screen's
        result = run_qgis(
            tmp_path / "profiles",
            ROOT / "tests" / "desktop" / "form_script.py",
            display,
            env={"REMIX_SCREENSHOT": str(shot)},
        )
    assert "error" not in result, result.get("error")
    assert result["screen"] == [width, height]
    assert result["first_dialog"] == "NewSegnalazioneDialog" and result["form_open"]
    assert result["first_dialog_author"] == "Laura Verdi (Ufficio tecnico)"
    assert result["minimum_size_hint"][0] <= 1280 and result["minimum_size_hint"][1] <= 760
    assert result["form"][-1], result["form"]  # the whole dialog on the screen
    assert result["ok"][-1], result["ok"]  # and its OK button
    assert result["null_shown"] == []
    fields = result["fields"]
    assert fields["titolo"] == ["", True]
    assert fields["comune_istat"] == ["Rho", True] and fields["zona_omogenea"][1]
    assert fields["autore"] == ["Laura Verdi (Ufficio tecnico)", True]  # the profile's, in view
    for technical in ("uuid", "dispositivo", "creata_il"):
        assert fields[technical][1] is False, technical  # in the closed group
    assert fields["uuid"][0] and fields["creata_il"][0] == ""  # there when opened; no timestamp before saving
    if height >= 1080:
        assert result["form"][3] > 800  # a large screen shows more of the form at once
    assert shot.exists() and shot.stat().st_size > 30_000
