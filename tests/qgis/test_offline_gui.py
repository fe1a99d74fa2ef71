"""«Prepara pacchetto offline» driven as a CMM planner would, on the real task manager."""

from pathlib import Path

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data.offline_manifest import read_manifest, verify_package
from tests.qgis.test_catalogue_gui import wait_for_tasks
from tests.qgis.test_offline import geotiff

OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.fixture()
def dialog(qgis_iface, demo_pack, isolated_settings, qgis_new_project):
    from remix_plugin.gui.offline_dialog import OfflineDialog
    from remix_plugin.gui.session import Session

    made = OfflineDialog(Session(qgis_iface), qgis_iface.mainWindow())
    yield made
    made.deleteLater()


def click(button):
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def packages(folder: Path):
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def test_a_zona_is_checked_then_written_and_remembered(dialog, tmp_path):
    tmp_path = tmp_path / "pacchetti"
    assert dialog.zoneCombo.count() == 8 and dialog.comuniList.count() == 133
    dialog.zoneCombo.setCurrentText("Nord Milano")
    dialog.outputWidget.setFilePath(str(tmp_path))
    click(dialog.checkButton)
    assert not dialog.createButton.isEnabled()  # busy while the task runs
    wait_for_tasks()
    report = dialog.reportBrowser.toPlainText()
    assert "Area: Zona omogenea Nord Milano" in report and "Aree della Rigenerazione Remix" in report
    assert packages(tmp_path) == []  # «Verifica» writes nothing
    click(dialog.createButton)
    wait_for_tasks()
    written = packages(tmp_path)
    assert len(written) == 1 and verify_package(written[0]) == []
    assert f"Pacchetto scritto: {written[0]}" in dialog.reportBrowser.toPlainText()
    assert dialog.progressBar.value() == 100
    settings = Settings.load()
    assert settings.offline_output_dir == str(tmp_path) and settings.offline_limit_mb == 2048
    dialog.resize(980, 640)
    dialog.show()
    OUT.mkdir(exist_ok=True)
    dialog.grab().save(str(OUT / "offline_dialog.png"))


def test_issues_are_asked_about_with_a_second_click(dialog, tmp_path):
    tmp_path = tmp_path / "pacchetti"
    dialog.comuniRadio.setChecked(True)
    dialog.comuniSearch.setText("cassina de")
    shown = [
        dialog.comuniList.item(i) for i in range(dialog.comuniList.count()) if not dialog.comuniList.item(i).isHidden()
    ]
    assert [item.text() for item in shown] == ["Cassina de' Pecchi"]
    shown[0].setCheckState(Qt.CheckState.Checked)
    dialog.limitSpin.setValue(1)
    dialog.basemapWidget.setFilePath(
        str(geotiff(tmp_path.parent / "ortofoto.tif", (525000, 5030000, 535000, 5040000), 1100))
    )  # ~1.2 MB
    dialog.outputWidget.setFilePath(str(tmp_path))
    click(dialog.createButton)
    wait_for_tasks()
    assert packages(tmp_path) == []
    assert dialog.createButton.text() == "Crea comunque"
    assert "Mappa di base «ortofoto.tif» troppo grande" in dialog.reportBrowser.toPlainText()
    dialog.realizzazioniCheck.setChecked(False)  # a change of mind: asked again
    assert dialog.createButton.text() == "Crea pacchetto"
    click(dialog.createButton)
    wait_for_tasks()
    assert packages(tmp_path) == [] and dialog.createButton.text() == "Crea comunque"
    click(dialog.createButton)
    wait_for_tasks()
    written = packages(tmp_path)
    assert len(written) == 1
    manifest = read_manifest(written[0])
    assert manifest["area"]["comuni"] == ["Cassina de' Pecchi"] and manifest["mappe"] == ["opportunita"]
    assert any("oltre il limite di 1 MB" in q for q in manifest["questioni"])
    assert manifest["mappa_di_base"]["origine"] == "ortofoto.tif"


def test_aggiorna_on_the_open_package_closes_it_and_opens_it_again(dialog, tmp_path):
    tmp_path = tmp_path / "pacchetti"
    dialog.zoneCombo.setCurrentText("Sud Est")
    dialog.opportunitaCheck.setChecked(False)
    dialog.outputWidget.setFilePath(str(tmp_path))
    click(dialog.createButton)
    wait_for_tasks()
    folder = packages(tmp_path)[0]
    project_file = folder / read_manifest(folder)["progetto"]
    assert QgsProject.instance().read(str(project_file))
    dialog.updateWidget.setFilePath(str(folder))
    click(dialog.updateButton)
    assert QgsProject.instance().mapLayers() == {}  # closed while its files are replaced
    wait_for_tasks()
    assert "Pacchetto aggiornato" in dialog.reportBrowser.toPlainText()
    assert QgsProject.instance().fileName() == str(project_file)
    assert QgsProject.instance().mapLayers() and all(
        lyr.isValid() for lyr in QgsProject.instance().mapLayers().values()
    )
    assert read_manifest(folder)["aggiornato_il"] and verify_package(folder) == []
    QgsProject.instance().clear()


def test_a_folder_that_is_not_a_package_is_named(dialog, tmp_path):
    dialog.updateWidget.setFilePath(str(tmp_path))
    click(dialog.updateButton)
    assert f"La cartella «{tmp_path}» non è un pacchetto offline RE.MIX completo" in dialog.reportBrowser.toPlainText()
