"""«Nuova segnalazione», the «Segnalazioni» dock and «Sincronizza» as a Comune technician uses them:
clicks on the map canvas, the real form, the dock's buttons. Screenshots go to out/."""

from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsAdvancedDigitizingCanvasItem, QgsAdvancedDigitizingDockWidget, QgsMapToolDigitizeFeature
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox, QMenu, QMessageBox, QToolBar

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY, table_uri
from remix_plugin.core.segnalazioni.layers import add_segnalazione
from tests.qgis.segnalazioni_fixtures import (  # noqa: F401
    SURVEY_2020,
    authcfg,
    central,
    example_geometry,
    example_values,
    fill_form,
    lookup,
    pack,
)
from tests.qgis.test_catalogue_gui import wait_for_tasks

OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.fixture()
def component(qgis_iface, qgis_canvas, pack, isolated_settings, qgis_new_project, monkeypatch, tmp_path):
    from remix_plugin.gui.segnalazioni_component import SegnalazioniComponent
    from remix_plugin.gui.session import Session
    from remix_plugin.plugin import RemixPlugin

    # pytest-qgis's interface lacks these two; QGIS Desktop has them
    monkeypatch.setattr(qgis_iface, "removeDockWidget", qgis_iface.mainWindow().removeDockWidget, raising=False)
    cad = QgsAdvancedDigitizingDockWidget(qgis_canvas)
    monkeypatch.setattr(qgis_iface, "cadDockWidget", lambda: cad, raising=False)
    settings = Settings.load()
    settings.data_pack = str(pack)
    settings.segnalazioni_store = str(tmp_path / "segnalazioni.gpkg")
    settings.save()
    plugin = RemixPlugin(qgis_iface)
    plugin.menu, plugin.toolbar = QMenu(), QToolBar()
    plugin.session = Session(qgis_iface)
    part = SegnalazioniComponent(plugin)
    part.init_gui()
    yield part
    part.unload()
    QgsProject.instance().clear()
    # the widget puts an item on the shared test canvas that outlives it (QGIS Desktop's widget lives as long
    # as its canvas): a later test's repaint would paint through the deleted widget
    for item in qgis_canvas.scene().items():
        if isinstance(item, QgsAdvancedDigitizingCanvasItem):
            qgis_canvas.scene().removeItem(item)
            sip.delete(item)


def saved(component, table):
    layer = QgsVectorLayer(table_uri(component.store_path(), table), table, "ogr")
    return list(layer.getFeatures())


def click(canvas, x, y, button=Qt.MouseButton.LeftButton):
    pixel = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    QTest.mouseClick(
        canvas.viewport(), button, Qt.KeyboardModifier.NoModifier, QPoint(round(pixel.x()), round(pixel.y()))
    )


@pytest.fixture()
def shown_canvas(qgis_canvas):
    """The canvas laid out at its real size (hidden, its viewport is a few pixels wide)."""
    window = qgis_canvas.window()
    window.show()
    QgsApplication.processEvents()
    yield qgis_canvas
    window.hide()
    QgsApplication.processEvents()


def test_nuova_segnalazione_draws_on_the_map_with_snapping_then_saves_from_the_form(component, shown_canvas, pack):
    qgis_canvas = shown_canvas
    aree_remix = datapack.open_table(pack, "aree_remix")  # a catalogue layer, to snap to
    aree_remix.setCustomProperty(ENTRY_PROPERTY, "aree_remix")
    QgsProject.instance().addMapLayer(aree_remix)
    before = QgsProject.instance().snappingConfig()
    snapping_before = (before.enabled(), before.mode(), before.individualLayerSettings(aree_remix).enabled())
    example = SURVEY_2020[4]  # Ex scalo merci, area ATTRACT — Rho
    square = example_geometry(pack, example).boundingBox()
    qgis_canvas.setExtent(
        QgsRectangle(square.xMinimum() - 400, square.yMinimum() - 400, square.xMaximum() + 400, square.yMaximum() + 400)
    )
    qgis_canvas.refresh()
    component.draw("opportunita", "lavori")
    layer = component.store_layers().aree
    assert qgis_canvas.mapTool() is component.tool and layer.isEditable()
    snapping = QgsProject.instance().snappingConfig()
    assert snapping.enabled() and snapping.individualLayerSettings(aree_remix).enabled()
    x0, y0, x1, y1 = square.xMinimum(), square.yMinimum(), square.xMaximum(), square.yMaximum()
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        click(qgis_canvas, x, y)
    click(qgis_canvas, x0, y1, Qt.MouseButton.RightButton)
    form = component.form
    assert form is not None and form.isVisible()
    assert component.tool is None and not isinstance(qgis_canvas.mapTool(), QgsMapToolDigitizeFeature)  # put away
    after = QgsProject.instance().snappingConfig()  # the user's own snapping settings are back
    assert (after.enabled(), after.mode(), after.individualLayerSettings(aree_remix).enabled()) == snapping_before
    OUT.mkdir(exist_ok=True)
    values = example_values(example)
    fill_form(form, {k: v for k, v in values.items() if k not in ("tipo", "natura")})
    form.grab().save(str(OUT / "segnalazioni_scheda.png"))
    form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    [row] = saved(component, "segnalazioni_aree")
    assert (row["titolo"], row["tipo"], row["natura"], row["comune"], row["stato"]) == (
        example["titolo"],
        "opportunita",
        "lavori",
        "Rho",
        "bozza",
    )
    assert row.geometry().area() == pytest.approx(square.width() * square.height(), rel=0.02)
    assert not layer.isEditable()


def test_a_drawing_outside_cmm_is_refused_and_the_tool_stays(component, qgis_canvas, qgis_iface):
    qgis_canvas.setExtent(QgsRectangle(600000, 5100000, 601000, 5101000))  # east of Bergamo, outside CMM
    component.draw("criticita", "azioni")
    click(qgis_canvas, 600500, 5100500)
    assert component.form is None and qgis_canvas.mapTool() is component.tool
    assert saved(component, "segnalazioni_punti") == []
    component.stop_drawing()
    assert not component.store_layers().punti.isEditable()


def test_the_dock_lists_filters_changes_stato_and_finds_opportunities(component, pack, lookup):
    store = component.store_path()
    uuids = {}
    for example in SURVEY_2020:
        values = dict(example_values(example), comune_istat=example["comune"])
        uuids[example["titolo"]] = add_segnalazione(store, values, example_geometry(pack, example), lookup)[0]
    component.toggle_dock(True)
    dock = component.dock
    assert (
        dock.table.rowCount() == 6
        and "Segnalazioni mostrate: 6 su 6; da sincronizzare: 6 (•)." in dock.statusLabel.text()
    )
    dock.tipoFilter.setCurrentIndex(dock.tipoFilter.findData("opportunita"))
    assert sorted(dock.table.item(r, 0).text() for r in range(dock.table.rowCount())) == [
        "Cascina Gogna •",
        "Ex scalo merci, area ATTRACT •",
        "Recupero ex edificio scolastico in piazza Marconi •",
    ]
    dock.comuneFilter.setText("rho")
    assert dock.table.rowCount() == 1
    dock.table.selectRow(0)
    dock.statoCombo.setCurrentIndex(dock.statoCombo.findData("in_istruttoria"))
    dock.statoButton.click()
    [row] = [f for f in saved(component, "segnalazioni_aree") if f["uuid"] == uuids["Ex scalo merci, area ATTRACT"]]
    assert row["stato"] == "in_istruttoria"
    assert dock.table.item(0, 3).text() == "In istruttoria"
    dock.table.selectRow(0)
    dock.distanceSpin.setValue(1000)
    dock.nearbyButton.click()
    assert [dock.nearbyTable.item(r, 1).text() for r in range(dock.nearbyTable.rowCount())] == [
        "Area Remix dell'ex scalo",
        "RHO",
        "Riqualificazione via Rosselli 4",
    ]
    assert dock.nearbyLabel.text() == "3 elementi del catalogo entro 1000 m da «Ex scalo merci, area ATTRACT»."
    dock.resize(520, 640)
    dock.tabs.setCurrentWidget(dock.nearbyTab)
    OUT.mkdir(exist_ok=True)
    dock.grab().save(str(OUT / "segnalazioni_opportunita_vicine.png"))
    dock.comuneFilter.clear()
    dock.tipoFilter.setCurrentIndex(0)
    dock.tabs.setCurrentWidget(dock.listTab)
    dock.grab().save(str(OUT / "segnalazioni_dock.png"))
    assert dock.tabs.tabText(dock.tabs.indexOf(dock.conflictsTab)) == "Conflitti"


@pytest.mark.servers
def test_sincronizza_sends_in_the_background_and_shows_conflicts(
    component, pack, lookup, central, tmp_path, monkeypatch
):
    from remix_plugin.core.segnalazioni.sync import sync

    settings = Settings.load()
    settings.segnalazioni_central = central
    settings.save()
    store = component.store_path()
    uuid, _ = add_segnalazione(
        store,
        {
            "titolo": "Centro civico",
            "tipo": "progetto",
            "natura": "azioni",
            "comune_istat": "Rho",
            "tipo_servizio": "Centro civico",
        },
        None,
        lookup,
    )
    component.toggle_dock(True)
    dock = component.dock
    component.synchronise()
    wait_for_tasks()
    assert "da sincronizzare: 0 (•)" in dock.statusLabel.text()
    other = tmp_path / "cmm.gpkg"  # CMM changes it meanwhile, and so does the Comune
    sync(other, central)
    edit = QgsVectorLayer(table_uri(other, "segnalazioni_punti"), "p", "ogr")
    edit.startEditing()
    edit.changeAttributeValue(next(edit.getFeatures()).id(), edit.fields().indexOf("stato"), "accolta")
    assert edit.commitChanges()
    sync(other, central)
    layer = component.store_layers().punti
    fid = next(layer.getFeatures()).id()
    from remix_plugin.core.segnalazioni.layers import set_values

    set_values(layer, fid, {"titolo": "Centro civico di quartiere"})
    component.synchronise()
    wait_for_tasks()
    assert dock.tabs.tabText(dock.tabs.indexOf(dock.conflictsTab)) == "Conflitti (1)"
    assert dock.table.item(0, 0).text() == "Centro civico" and dock.table.item(0, 3).text() == "Accolta"
    dock.tabs.setCurrentWidget(dock.conflictsTab)
    dock.conflictsList.setCurrentRow(0)
    assert "modificata su questo dispositivo e nell'archivio centrale" in dock.conflictDetails.text()
    assert "Titolo: Centro civico di quartiere" in dock.conflictDetails.text()
    dock.resize(520, 640)
    dock.grab().save(str(OUT / "segnalazioni_conflitto.png"))
    dock.keepLocalButton.click()
    assert dock.tabs.tabText(dock.tabs.indexOf(dock.conflictsTab)) == "Conflitti"
    assert [f["titolo"] for f in layer.getFeatures()] == ["Centro civico di quartiere"]  # the layer was reloaded
    component.synchronise()
    wait_for_tasks()
    assert "da sincronizzare: 0 (•)" in dock.statusLabel.text()
    assert uuid in {f["uuid"] for f in layer.getFeatures()}
    # «Storia»: the signed writes, read from the central store in the background
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append((title, text)))
    dock.tabs.setCurrentWidget(dock.listTab)
    dock.table.selectRow(0)
    dock.historyButton.click()
    wait_for_tasks()
    assert len(shown) == 1 and shown[0][0] == "Storia di «Centro civico di quartiere»", shown
    lines = shown[0][1].splitlines()
    assert [line.split()[3] for line in lines] == ["inserimento", "modifica", "modifica"], lines
    assert lines[1].endswith("stato") and lines[2].endswith("stato, titolo")  # CMM's, then the Comune's kept one


def test_unload_takes_away_the_dock_the_tool_and_the_editing_session(component, qgis_canvas):
    component.toggle_dock(True)
    component.draw("progetto", "azioni")
    layer = component.store_layers().punti
    assert layer.isEditable() and isinstance(qgis_canvas.mapTool(), QgsMapToolDigitizeFeature)
    dock = component.dock
    component.unload()
    assert component.dock is None and component.tool is None
    assert not isinstance(qgis_canvas.mapTool(), QgsMapToolDigitizeFeature)
    assert not layer.isEditable() and not QgsProject.instance().snappingConfig().enabled()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sip.isdeleted(dock)
