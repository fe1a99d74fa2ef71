"""Who filed a segnalazione: the profile's «Autore» (Impostazioni RE.MIX, by default the system user's full
name), read when filing and never typed — through the core (the CLI's `new`), an offline package, «Nuova
segnalazione» on the map and the form; an edit keeps it, the settings dialog changes it."""

import pwd

import pytest
from qgis.core import QgsGeometry, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox, QWidget

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.data.offline_manifest import STORE_FILE
from remix_plugin.core.offline.package import OfflineRequest
from remix_plugin.core.segnalazioni.layers import (
    add_segnalazione,
    new_feature,
    placed_store_layers,
)
from tests.qgis.offline_fixtures import open_package, to_tablet
from tests.qgis.segnalazioni_fixtures import (  # noqa: F401
    SURVEY_2020,
    example_geometry,
    example_values,
    fill_form,
    form_widget,
    lookup,
    pack,
)
from tests.qgis.test_offline import ctx, nord_milano, package  # noqa: F401
from tests.qgis.test_segnalazioni import layers, store  # noqa: F401
from tests.qgis.test_segnalazioni_gui import click, component, saved, shown_canvas  # noqa: F401

LAURA = "Laura Verdi"
CASTANO = SURVEY_2020[1]  # Casa dei Castanesi, Castano Primo: azioni, a point


def set_author(name: str) -> None:
    settings = Settings.load()
    settings.segnalazioni_author = name
    settings.save()


def account(gecos: str, login: str = "lverdi") -> pwd.struct_passwd:
    return pwd.struct_passwd((login, "x", 1000, 1000, gecos, f"/home/{login}", "/bin/bash"))


def ok(dialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert button.isEnabled()
    button.click()


@pytest.fixture()
def closing():
    """A form left open by a failed assertion is closed while its layer still exists (not at QGIS's exit)."""
    opened = []
    yield opened.append
    for dialog in opened:
        if dialog.isVisible():
            dialog.reject()


def authors(store, table="segnalazioni_punti"):
    return [f["autore"] for f in QgsVectorLayer(table_uri(store, table), table, "ogr").getFeatures()]


@pytest.mark.parametrize(
    ("gecos", "expected"),
    [("Laura Verdi,Ufficio tecnico,,", LAURA), ("", "lverdi")],
    ids=["full-name", "no-full-name-the-login"],
)
def test_the_default_autore_is_the_system_users_full_name(isolated_settings, monkeypatch, gecos, expected):
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: account(gecos))
    assert Settings.load().segnalazioni_author == expected


def test_the_core_files_under_the_profiles_autore_whatever_is_typed(isolated_settings, store, lookup):
    set_author(LAURA)
    values = {**example_values(CASTANO), "comune_istat": "Castano Primo", "autore": "root"}
    add_segnalazione(store, values, None, lookup)  # what the CLI's `segnalazioni new` calls
    assert authors(store) == [LAURA]


def test_an_emptied_autore_files_under_the_system_user(isolated_settings, layers, pack, monkeypatch):
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: account("Paolo Neri,,,"))
    set_author("  ")
    assert new_feature(layers.punti, example_geometry(pack, CASTANO), {})["autore"] == "Paolo Neri"


def test_an_offline_package_files_under_the_tablets_autore_not_the_packagers(ctx, nord_milano, tmp_path):
    set_author("Ufficio di Piano CMM")  # who prepares the package
    folder = to_tablet(package(OfflineRequest(out_dir=tmp_path, scope=nord_milano), ctx), tmp_path / "tablet")
    set_author(LAURA)  # the technician's profile on the tablet
    project = open_package(folder)
    store = placed_store_layers(project, folder / STORE_FILE)
    assert store is not None
    layer = store.punti
    assert layer.editFormConfig().readOnly(layer.fields().indexOf("autore"))  # the project keeps it read-only
    feature = new_feature(layer, QgsGeometry.fromWkt("POINT(515000 5044000)"), {"autore": "Ufficio di Piano CMM"})
    assert feature["autore"] == LAURA


def test_the_form_shows_the_autore_read_only_and_an_edit_keeps_it(
    isolated_settings, layers, lookup, pack, store, closing
):
    from remix_plugin.gui.segnalazione_form import open_form

    set_author(LAURA)
    geometry = example_geometry(pack, CASTANO)
    comune = lookup.at(geometry)
    feature = new_feature(
        layers.punti, geometry, {"comune_istat": comune.code, "zona_omogenea": comune.zona, "autore": "root"}
    )
    dialog = open_form(layers.punti, feature)
    closing(dialog)
    field = form_widget(dialog, "autore")
    assert field.text() == LAURA and field.isReadOnly()
    assert "Impostazioni RE.MIX" in dialog.findChild(QWidget, "autore").toolTip()  # the field, label to box
    fill_form(dialog, example_values(CASTANO))
    QTest.keyClicks(field, "Qualcun altro")  # typing into it changes nothing
    assert field.text() == LAURA
    ok(dialog)
    assert authors(store) == [LAURA]
    set_author("Paolo Neri")  # another technician opens it on this computer and changes its stato
    edit = open_form(layers.punti, next(layers.punti.getFeatures()), new=False)
    closing(edit)
    assert form_widget(edit, "autore").text() == LAURA
    fill_form(edit, {"stato": "inviata"})
    ok(edit)
    assert authors(store) == [LAURA]


def test_nuova_segnalazione_on_the_map_is_filed_under_the_profiles_autore(component, shown_canvas, lookup, closing):
    from remix_plugin.gui.new_segnalazione_dialog import NewSegnalazioneDialog

    set_author(LAURA)
    first_step = NewSegnalazioneDialog()
    assert first_step.authorValue.text() == LAURA  # said before anything is drawn
    first_step.reject()
    point = lookup.point_inside(lookup.find("Castano Primo")).asPoint()
    shown_canvas.setExtent(QgsRectangle(point.x() - 200, point.y() - 200, point.x() + 200, point.y() + 200))
    component.draw("progetto", "azioni")
    click(shown_canvas, point.x(), point.y())
    form = component.form
    assert form is not None
    closing(form)
    assert form_widget(form, "autore").text() == LAURA
    fill_form(form, {k: v for k, v in example_values(CASTANO).items() if k not in ("tipo", "natura")})
    ok(form)
    [row] = saved(component, "segnalazioni_punti")
    assert (row["titolo"], row["comune"], row["autore"]) == (CASTANO["titolo"], "Castano Primo", LAURA)


def test_the_settings_dialog_writes_the_autore(isolated_settings, monkeypatch, layers, pack):
    from remix_plugin.gui.settings_dialog import SettingsDialog

    monkeypatch.setattr(pwd, "getpwuid", lambda uid: account("Paolo Neri,,,"))
    dialog = SettingsDialog()
    assert dialog.authorEdit.text() == "Paolo Neri" and dialog.authorEdit.toolTip()
    dialog.authorEdit.setText(f"  {LAURA} ")
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert Settings.load().segnalazioni_author == LAURA
    assert new_feature(layers.punti, example_geometry(pack, CASTANO), {})["autore"] == LAURA
