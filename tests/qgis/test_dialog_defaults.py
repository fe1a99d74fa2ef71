"""Dialogs that start from where the user is, and a demo pack whose stations carry their own Comune:
the PGT dialog takes a Comune typed by name (or ISTAT code) and Enter, the offline dialog starts from
the active Zona filter and writes its folder as a link, the metro stops outside Milano say their Comune."""

import pytest
from qgis.core import QgsGeometry, QgsProject
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtTest import QTest

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data import datapack
from remix_plugin.core.scope.model import comuni_table
from tests.qgis.pgt_files import RHO, pgt_pack  # noqa: F401  (fixtures)
from tests.qgis.test_catalogue_gui import wait_for_tasks

CASSINA = "015060"
MILANO = "015146"


# --- «Pacchetto PGT»: the Comune as typed ---------------------------------------------------------------
@pytest.fixture()
def pgt_dialog(qgis_iface, isolated_settings, pgt_pack):
    from remix_plugin.gui.pgt_dialog import PgtDialog
    from remix_plugin.gui.session import Session

    settings = Settings.load()
    settings.data_pack = str(pgt_pack)
    settings.save()
    dialog = PgtDialog(Session(qgis_iface), qgis_iface)
    dialog.show()
    yield dialog
    dialog.close()
    dialog.deleteLater()


def type_comune(dialog, text):
    box = dialog.comuneCombo.lineEdit()
    box.setFocus()
    box.clear()
    QTest.keyClicks(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["Rho", "rho", "RHO ", RHO, "15182", "Rho (015182)"])
def test_pgt_takes_the_comune_typed_then_enter(pgt_dialog, typed):
    type_comune(pgt_dialog, typed)
    assert pgt_dialog.isVisible()  # Enter chose the Comune; it did not close the dialog
    assert pgt_dialog.comuneCombo.currentText() == "Rho (015182)"
    assert pgt_dialog.comuneCombo.currentData() == RHO and pgt_dialog.comune_code() == RHO
    assert pgt_dialog.comuneCombo.count() == 133  # nothing typed is added to the list
    assert pgt_dialog.outcomeLabel.text() == ""  # Enter chose the Comune, and did not press «Verifica»


def test_pgt_names_a_comune_that_is_not_there(pgt_dialog):
    type_comune(pgt_dialog, "Rhodes")
    assert pgt_dialog.outcomeLabel.text() == (
        "Comune «Rhodes» non trovato: scriverne il nome o il codice ISTAT, o sceglierlo dall'elenco."
    )
    assert pgt_dialog.verify() is None and pgt_dialog.outcomeLabel.text() == "Scegliere il Comune dall'elenco."


# --- «Prepara pacchetto offline»: from the active filter, the folder as a link ---------------------------
@pytest.fixture()
def session(qgis_iface, demo_pack, isolated_settings, qgis_new_project):
    from remix_plugin.gui.session import Session

    return Session(qgis_iface)


@pytest.fixture()
def offline_dialog(session, qgis_iface):
    from remix_plugin.gui.offline_dialog import OfflineDialog

    made = []

    def make():
        made.append(OfflineDialog(session, qgis_iface.mainWindow()))
        return made[-1]

    yield make
    for dialog in made:
        dialog.deleteLater()


def zona_codes(demo_pack, zona):
    return frozenset(code for code, _, z in comuni_table(demo_pack) if z == zona)


def test_offline_dialog_starts_from_the_active_zona(offline_dialog, session, demo_pack):
    session.scope = zona_codes(demo_pack, "Nord Milano")
    dialog = offline_dialog()
    assert dialog.zoneRadio.isChecked() and dialog.zoneCombo.currentText() == "Nord Milano"
    assert dialog.scope() == session.scope


def test_offline_dialog_starts_from_the_active_comuni(offline_dialog, session):
    session.scope = frozenset({RHO, CASSINA})
    dialog = offline_dialog()
    assert dialog.comuniRadio.isChecked() and dialog.scope() == {RHO, CASSINA}


def test_offline_dialog_without_a_filter_starts_from_all_cmm(offline_dialog, session):
    session.scope = None
    dialog = offline_dialog()
    assert dialog.allRadio.isChecked() and dialog.scope() is None
    dialog.zoneCombo.setCurrentText("Sud Est")  # choosing a Zona is choosing «Zona omogenea»
    assert dialog.zoneRadio.isChecked()


def test_offline_dialog_reopened_follows_a_new_filter_and_keeps_the_users_choice_otherwise(
    qgis_iface, session, demo_pack, isolated_settings
):
    from remix_plugin.gui.offline_component import OfflineComponent
    from remix_plugin.plugin import RemixPlugin

    plugin = RemixPlugin(qgis_iface)
    plugin.session = session
    part = OfflineComponent(plugin)
    session.scope = zona_codes(demo_pack, "Nord Milano")
    dialog = part.open_dialog()
    assert dialog.zoneCombo.currentText() == "Nord Milano"
    dialog.zoneCombo.setCurrentText("Sud Est")  # the user's own choice...
    dialog.hide()
    assert part.open_dialog().zoneCombo.currentText() == "Sud Est"  # ...stays while the filter is the same
    dialog.hide()
    session.scope = zona_codes(demo_pack, "Alto Milanese")
    assert part.open_dialog().zoneCombo.currentText() == "Alto Milanese"  # a new filter: the dialog follows
    part.unload()


def test_offline_dialog_writes_the_package_folder_as_a_link(offline_dialog, session, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    tmp_path = tmp_path / "pacchetti"
    session.scope = frozenset({CASSINA})
    dialog = offline_dialog()
    dialog.opportunitaCheck.setChecked(False)
    dialog.outputWidget.setFilePath(str(tmp_path))
    QTest.mouseClick(dialog.createButton, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    [folder] = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert f"Pacchetto scritto: {folder}" in dialog.reportBrowser.toPlainText()
    link = QUrl.fromLocalFile(str(folder)).toString()
    assert f'href="{link}"' in dialog.reportBrowser.toHtml()
    report = dialog.reportBrowser.toHtml()
    dialog.reportBrowser.anchorClicked.emit(QUrl(link))  # the planner clicks the folder
    assert opened == [link] and dialog.reportBrowser.toHtml() == report  # opened outside; the report stays
    QgsProject.instance().clear()


# --- the demo pack's stations ------------------------------------------------------------------------------
def stations(demo_pack):
    return list(datapack.open_table(demo_pack, "stazioni").getFeatures())


def test_metro_stops_outside_milano_carry_the_comune_they_lie_in(demo_pack):
    comuni = {f["pro_com_t"]: QgsGeometry(f.geometry()) for f in datapack.open_table(demo_pack, "comuni").getFeatures()}
    metro = [f for f in stations(demo_pack) if f["tipo"].startswith("metropolitana")]
    for stop in metro:
        inside = [code for code, boundary in comuni.items() if boundary.intersects(stop.geometry())]
        assert stop["pro_com_t"] in inside, (stop["nome"], stop["pro_com_t"], inside)
    outside = {f["nome"]: f["pro_com_t"] for f in metro if f["pro_com_t"] != MILANO}
    assert len(outside) >= 21
    assert outside["Cassina de' Pecchi"] == CASSINA and outside["Gessate"] == "015106"
    assert outside["Sesto 1° Maggio FS"] == "015209" and outside["Assago Milanofiori Forum"] == "015011"


def test_station_names_are_written_as_italians_write_them(demo_pack):
    names = {f["nome"] for f in stations(demo_pack)}
    for good in (
        "Sesto 1° Maggio FS",
        "Centrale FS",
        "Cassina de' Pecchi",
        "Cassano d'Adda",
        "QT8",
        "Milano Bovisa FNM",
    ):
        assert good in names
    for bad in ("Sesto 1 Maggio Fs", "Cassina De Pecchi", "Cassano D'Adda", "Qt8"):
        assert bad not in names
    assert not [n for n in names if " Fs" in n or n.endswith(" Fn") or " Fnm" in n]
