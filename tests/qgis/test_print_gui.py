"""«Stampa» driven as a CMM planner would: open the canvas's view in the layout designer, export a PDF
on the main thread, the Scheda comunale of the filtered Zona; and the CMM sheets in QGIS's own template list."""

import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt, QThread
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QMenu, QProgressDialog, QPushButton, QToolBar

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.maps import load_map, make_context
from remix_plugin.core.printing import layouts
from remix_plugin.core.scope.model import resolve_scope

OUT = Path(__file__).resolve().parents[2] / "out"
MILANO_NORD = QgsRectangle(505000, 5032000, 525000, 5046000)


@pytest.fixture()
def canvas_with_map(qgis_iface, qgis_canvas, demo_pack, isolated_settings, qgis_new_project, tmp_path):
    """The Mappa delle Realizzazioni in the project, the canvas on the north of Milano."""
    project = QgsProject.instance()
    load_map(project, "realizzazioni", make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg"))
    qgis_canvas.setDestinationCrs(project.crs())
    qgis_canvas.setLayers([node.layer() for node in project.layerTreeRoot().findLayers()])
    qgis_canvas.setExtent(MILANO_NORD)
    yield qgis_canvas
    project.layoutManager().clear()
    project.clear()


@pytest.fixture()
def dialog(qgis_iface, canvas_with_map):
    from remix_plugin.gui.print_dialog import PrintDialog
    from remix_plugin.gui.session import Session

    made = PrintDialog(Session(qgis_iface), qgis_iface, qgis_iface.mainWindow())
    made.show()
    yield made
    made.close()
    made.deleteLater()


def click(button):
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_apri_nel_compositore_opens_the_canvas_view_ready_to_adjust(dialog, qgis_iface, canvas_with_map, monkeypatch):
    opened = []
    monkeypatch.setattr(qgis_iface, "openLayoutDesigner", opened.append, raising=False)
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData("A4_orizzontale"))
    dialog.mapCombo.setCurrentIndex(dialog.mapCombo.findData("realizzazioni"))
    dialog.titleEdit.setText("Interventi a nord di Milano")
    click(dialog.designerButton)
    assert len(opened) == 1
    layout = opened[0]
    assert QgsProject.instance().layoutManager().layoutByName("Interventi a nord di Milano") is layout
    map_item = layout.itemById("mappa")
    assert map_item.extent().contains(canvas_with_map.extent())  # all of the view, at a round scale
    assert round(map_item.scale()) % 5000 == 0
    # only the project's own layers, no style overrides: what the designer shows is what the project saves
    assert set(map_item.layers()) == {node.layer() for node in QgsProject.instance().layerTreeRoot().findLayers()}
    assert not map_item.layerStyleOverrides()
    assert layout.itemById("titolo").text() == "Interventi a nord di Milano"
    assert "Mappa delle Realizzazioni" in layout.itemById("sottotitolo").text()
    dialog.scaleCheck.setChecked(True)  # the canvas's own scale, kept
    click(dialog.designerButton)
    assert opened[1].name() == "Interventi a nord di Milano (2)"
    # the canvas's own scale, as a whole number (a print's scale is an integer: labels' limits behave as shown)
    assert opened[1].itemById("mappa").scale() == pytest.approx(round(canvas_with_map.scale()), abs=1e-3)
    assert Settings.load().print_template == "A4_orizzontale"


def test_esporta_writes_the_pdf_on_the_main_thread_and_keeps_the_user_layers_alone(
    dialog, canvas_with_map, tmp_path, monkeypatch
):
    layers_before = dict(QgsProject.instance().mapLayers())
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData("A3_verticale"))
    out = tmp_path / "stampe" / "nord.pdf"
    dialog.outputWidget.setFilePath(str(out))
    threads = []
    export = layouts.export
    monkeypatch.setattr(
        layouts, "export", lambda *a, **k: (threads.append(QThread.currentThread()), export(*a, **k))[1]
    )
    click(dialog.exportButton)
    assert threads == [QgsApplication.instance().thread()]  # as QGIS's layout designer exports
    assert out.is_file() and dialog.exportButton.isEnabled()
    assert "Stampa scritta" in dialog.messageLabel.text() and dialog.progressBar.value() == 100
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Mappa RE.MIX" in text and "Legenda" in text and "Fonti" in text
    assert QgsProject.instance().mapLayers() == layers_before
    assert Settings.load().print_output_dir == str(out.parent)
    dialog.resize(560, 260)
    OUT.mkdir(exist_ok=True)
    dialog.grab().save(str(OUT / "stampa_dialog.png"))


def test_the_scheda_comunale_follows_the_zona_filter(dialog, demo_pack, tmp_path):
    dialog.session.scope = resolve_scope(demo_pack, ["Nord Milano"])
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData("scheda_comunale"))
    assert not dialog.mapCombo.isEnabled() and not dialog.designerButton.isEnabled()
    assert "Zona omogenea Nord Milano" in dialog.messageLabel.text()
    out = tmp_path / "schede.pdf"
    dialog.outputWidget.setFilePath(str(out))
    click(dialog.exportButton)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Pages:           6" in info


def test_cancelling_the_scheda_comunale_writes_nothing_and_says_so(dialog, demo_pack, tmp_path, monkeypatch):
    dialog.session.scope = resolve_scope(demo_pack, ["Nord Milano"])
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData("scheda_comunale"))
    out = tmp_path / "schede.pdf"
    dialog.outputWidget.setFilePath(str(out))
    show_progress = dialog.show_progress

    def press_annulla(value):  # the planner presses «Annulla» once the first pages are done
        show_progress(value)
        if value > 20:
            progress = dialog.findChildren(QProgressDialog)[-1]  # this export's (older ones await deletion)
            progress.findChild(QPushButton).click()

    monkeypatch.setattr(dialog, "show_progress", press_annulla)
    click(dialog.exportButton)
    assert not out.exists() and not list(tmp_path.glob("*schede*.pdf"))  # nor a partial file left behind
    assert "Impossibile scrivere «schede.pdf»" in dialog.messageLabel.text() and dialog.exportButton.isEnabled()


def test_a_wrong_output_is_told_in_the_dialog(dialog, tmp_path):
    click(dialog.exportButton)
    assert "Scegliere il file da scrivere" in dialog.messageLabel.text()
    out = tmp_path / "stampe"
    dialog.outputWidget.setFilePath(str(out / "mappa.docx"))
    click(dialog.exportButton)
    assert "il formato deve essere PDF o PNG" in dialog.messageLabel.text()
    assert not out.exists()


def test_qgis_lists_the_cmm_sheets_while_the_plugin_is_loaded(qgis_iface, isolated_settings):
    from remix_plugin.gui.print_component import PrintComponent
    from remix_plugin.gui.session import Session
    from remix_plugin.plugin import RemixPlugin

    folder = Path(QgsApplication.qgisSettingsDirPath()) / "composer_templates"
    mine = folder / "La mia tavola.qpt"
    folder.mkdir(parents=True, exist_ok=True)
    mine.write_text("<Layout/>", encoding="utf-8")
    for round_trip in range(2):  # load, unload, load again: as the Plugin Manager does
        plugin = RemixPlugin(qgis_iface)
        plugin.menu, plugin.toolbar = QMenu(), QToolBar()
        plugin.session = Session(qgis_iface)
        part = PrintComponent(plugin)
        part.init_gui()
        assert [a.text() for a in plugin.actions] == ["Stampa…"]
        part.timer.timeout.emit()  # QGIS has started
        listed = sorted(p.name for p in folder.glob("RE-MIX *.qpt"))
        assert listed == [
            "RE-MIX A3 orizzontale.qpt",
            "RE-MIX A3 verticale.qpt",
            "RE-MIX A4 orizzontale.qpt",
            "RE-MIX A4 verticale.qpt",
        ]
        copy = (folder / "RE-MIX A4 orizzontale.qpt").read_text(encoding="utf-8")
        assert str(Path(__file__).resolve().parents[2] / "resources" / "icons" / "logo_cmm.svg") in copy
        stamp = (folder / listed[0]).stat().st_mtime_ns
        part.timer.timeout.emit()  # a second start: the same files, nothing rewritten
        assert (folder / listed[0]).stat().st_mtime_ns == stamp
        if round_trip:  # someone saved their own changes over one of them: it is theirs now
            (folder / "RE-MIX A3 verticale.qpt").write_text(
                copy.replace("Titolo della mappa", "Titolo mio"), encoding="utf-8"
            )
        part.unload()
        left = sorted(p.name for p in folder.glob("*.qpt"))
        assert left == (["La mia tavola.qpt", "RE-MIX A3 verticale.qpt"] if round_trip else ["La mia tavola.qpt"])
    for path in folder.glob("*.qpt"):
        path.unlink()
