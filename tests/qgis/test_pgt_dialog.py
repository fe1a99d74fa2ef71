"""The «Pacchetto PGT» dialog driven as a Comune technician would, on the real task manager."""

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.pgt.check import open_source
from tests.qgis.pgt_files import RHO, pgt_pack, technician  # noqa: F401  (fixtures)
from tests.qgis.test_catalogue_gui import wait_for_tasks


@pytest.fixture()
def project_layers(qgis_new_project, technician):
    layers = {theme: open_source(spec) for theme, spec in technician.items()}
    QgsProject.instance().addMapLayers(list(layers.values()))
    yield layers
    QgsProject.instance().clear()


@pytest.fixture()
def make_dialog(qgis_iface, isolated_settings, pgt_pack):
    from remix_plugin.gui.pgt_dialog import PgtDialog
    from remix_plugin.gui.session import Session

    settings = Settings.load()
    settings.data_pack = str(pgt_pack)
    settings.save()
    made = []

    def make():
        dialog = PgtDialog(Session(qgis_iface), qgis_iface)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.deleteLater()


def page(dialog, theme_id):
    return next(p for p in dialog.pages if p.theme.id == theme_id)


def problems_shown(dialog):
    table = dialog.problemsTable
    return [tuple(table.item(row, column).text() for column in range(4)) for row in range(table.rowCount())]


def test_choosing_a_layer_maps_its_fields_and_verify_shows_the_report_and_the_map(
    make_dialog, project_layers, qgis_iface
):
    dialog = make_dialog()
    assert dialog.themeTabs.count() == 4 and dialog.comuneCombo.count() == 133
    dialog.set_comune(RHO)
    assert dialog.comuneCombo.currentText() == "Rho (015182)"
    at = page(dialog, "ambiti_trasformazione")
    at.layerCombo.setLayer(project_layers["ambiti_trasformazione"])
    assert at.combos["destinazione"].currentText() == "DESTINAZ"  # dBase-truncated names found by alias
    assert at.combos["note"].currentData() == ""  # nothing looks like it: left empty
    page(dialog, "piani_attuativi").layerCombo.setLayer(project_layers["piani_attuativi"])
    QTest.mouseClick(dialog.verifyButton, Qt.MouseButton.LeftButton)
    assert not dialog.verifyButton.isEnabled()  # busy while the task runs
    wait_for_tasks()
    assert dialog.verifyButton.isEnabled()
    shown = problems_shown(dialog)
    assert ("Ambiti di Trasformazione", "AT-02", "errore") in [row[:3] for row in shown]
    assert any(row[1] == "PA-02" and "autointersezione" in row[3] for row in shown)
    assert "6 errori" in dialog.outcomeLabel.text()
    assert dialog.coherenceTable.rowCount() == 8  # six Ambiti di Trasformazione and two Piani Attuativi
    group = QgsProject.instance().layerTreeRoot().children()[0]
    assert group.name() == "Pacchetto PGT — Rho (015182)"
    assert [node.layer().name() for node in group.findLayers()] == [
        "Problemi rilevati",
        "Lettura di coerenza RE.MIX",
        "Ambiti di Trasformazione",
        "Piani Attuativi",
        "Confine comunale di Rho",
    ]
    canvas = qgis_iface.mapCanvas().extent()  # zoomed on the areas (Rho is 7 km wide), not on the whole map
    assert canvas.contains(project_layers["piani_attuativi"].extent()) and canvas.width() < 10000
    QTest.mouseClick(dialog.verifyButton, Qt.MouseButton.LeftButton)  # again: the group is replaced, not duplicated
    wait_for_tasks()
    groups = [n for n in QgsProject.instance().layerTreeRoot().children() if n.name().startswith("Pacchetto PGT")]
    assert len(groups) == 1


def test_field_choices_are_remembered_for_the_comune(make_dialog, qgis_new_project):
    layer = QgsVectorLayer("Polygon?crs=EPSG:32632&field=SIGLA_AMB:string&field=FUNZ_PRINC:string", "AT", "memory")
    QgsProject.instance().addMapLayer(layer)
    dialog = make_dialog()
    dialog.set_comune(RHO)
    at = page(dialog, "ambiti_trasformazione")
    at.layerCombo.setLayer(layer)
    assert at.combos["destinazione"].currentData() == ""  # «FUNZ_PRINC» is nobody's alias
    at.combos["destinazione"].setCurrentIndex(at.combos["destinazione"].findData("FUNZ_PRINC"))
    at.combos["codice"].setCurrentIndex(at.combos["codice"].findData("SIGLA_AMB"))
    dialog.verify()
    wait_for_tasks()
    again = make_dialog()
    again.set_comune(RHO)
    page(again, "ambiti_trasformazione").layerCombo.setLayer(layer)
    combos = page(again, "ambiti_trasformazione").combos
    assert (combos["codice"].currentData(), combos["destinazione"].currentData()) == ("SIGLA_AMB", "FUNZ_PRINC")
    again.set_comune("015146")  # Milano: nothing remembered there
    assert combos["destinazione"].currentData() == ""
    QgsProject.instance().clear()


def test_create_package_writes_the_package_into_the_chosen_folder(make_dialog, project_layers, tmp_path):
    dialog = make_dialog()
    dialog.set_comune(RHO)
    page(dialog, "aree_dismesse").layerCombo.setLayer(project_layers["aree_dismesse"])
    dialog.outputWidget.setFilePath(str(tmp_path / "invio"))
    QTest.mouseClick(dialog.packageButton, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    folders = list((tmp_path / "invio").iterdir())
    assert len(folders) == 1 and folders[0].name.startswith(f"PGT_{RHO}_")
    assert sorted(p.suffix for p in folders[0].iterdir()) == [".csv", ".csv", ".gpkg", ".json", ".pdf"]
    assert "Pacchetto creato" in dialog.outcomeLabel.text() and str(folders[0]) in dialog.outcomeLabel.text()
    assert Settings.load().pgt_output_dir == str(tmp_path / "invio")


@pytest.mark.parametrize(
    "comune,layer,message",
    [
        (None, True, "Scegliere il Comune dall'elenco."),
        (RHO, False, "Scegliere lo strato di almeno un tema."),
    ],
)
def test_missing_choices_are_said_in_the_dialog(make_dialog, project_layers, comune, layer, message):
    dialog = make_dialog()
    if comune:
        dialog.set_comune(comune)
    if layer:
        page(dialog, "aree_dismesse").layerCombo.setLayer(project_layers["aree_dismesse"])
    assert dialog.verify() is None
    assert dialog.outcomeLabel.text() == message


def test_package_without_a_folder_is_refused(make_dialog, project_layers):
    dialog = make_dialog()
    dialog.set_comune(RHO)
    page(dialog, "aree_dismesse").layerCombo.setLayer(project_layers["aree_dismesse"])
    dialog.outputWidget.setFilePath("")
    assert dialog.create_package() is None
    assert dialog.outcomeLabel.text() == "Scegliere la cartella in cui creare il pacchetto."


def test_a_package_that_cannot_be_written_says_why_and_the_dialog_stays_usable(make_dialog, project_layers, tmp_path):
    not_a_folder = tmp_path / "rapporto.txt"
    not_a_folder.write_text("un file, non una cartella")
    dialog = make_dialog()
    dialog.set_comune(RHO)
    page(dialog, "aree_dismesse").layerCombo.setLayer(project_layers["aree_dismesse"])
    dialog.outputWidget.setFilePath(str(not_a_folder))
    dialog.create_package()
    wait_for_tasks()
    assert dialog.outcomeLabel.text().startswith(f"Impossibile creare il pacchetto nella cartella «{not_a_folder}»")
    assert dialog.verifyButton.isEnabled() and dialog.packageButton.isEnabled()
    assert not_a_folder.read_text() == "un file, non una cartella"


def test_the_dialog_closes_after_a_check_like_any_dialog(make_dialog, project_layers):
    """Esc / the window's close button end in QDialog.done(int): the dialog must not take it for its own
    end-of-check callback (which crashed the process)."""
    dialog = make_dialog()
    dialog.set_comune(RHO)
    page(dialog, "ambiti_trasformazione").layerCombo.setLayer(project_layers["ambiti_trasformazione"])
    dialog.show()
    QTest.mouseClick(dialog.verifyButton, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    assert dialog.problemsTable.rowCount() > 0
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.Rejected
