"""The "Zone omogenee" dock and its component, driven as a planner would: check a zone, apply,
clear, save and reopen the project, load a map afterwards."""

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QMenu, QToolBar

from remix_plugin.core.catalogue.maps import load_map, make_context
from remix_plugin.core.data.layers import ENTRY_PROPERTY
from remix_plugin.core.scope.filtering import catalogue_layers, overlay_layers, saved_scope
from remix_plugin.core.scope.model import comuni_table, resolve_scope, zones
from tests.qgis.test_catalogue_gui import wait_for_tasks

ZONES = [
    "Adda Martesana",
    "Alto Milanese",
    "Magentino e Abbiatense",
    "Milano",
    "Nord Milano",
    "Nord Ovest",
    "Sud Est",
    "Sud Ovest",
]


def make_component(iface, monkeypatch):
    from remix_plugin.gui.session import Session
    from remix_plugin.gui.zone_component import ZoneComponent
    from remix_plugin.plugin import RemixPlugin

    # pytest-qgis's interface has addDockWidget but no removeDockWidget: the main window's own
    monkeypatch.setattr(iface, "removeDockWidget", iface.mainWindow().removeDockWidget, raising=False)
    plugin = RemixPlugin(iface)
    plugin.menu, plugin.toolbar = QMenu(), QToolBar()
    plugin.session = Session(iface)
    part = ZoneComponent(plugin)
    part.init_gui()
    part.toggle_dock(True)
    part.changes = []
    plugin.session.scope_changed.connect(part.changes.append)
    return part


@pytest.fixture()
def component(qgis_iface, demo_pack, isolated_settings, qgis_new_project, monkeypatch):
    part = make_component(qgis_iface, monkeypatch)
    yield part
    part.unload()
    QgsProject.instance().clear()


def both_maps(demo_pack, tmp_path):
    ctx = make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")
    for map_id in ("opportunita", "realizzazioni"):
        load_map(QgsProject.instance(), map_id, ctx)


def zone_item(dock, name):
    return next(
        dock.tree.topLevelItem(i)
        for i in range(dock.tree.topLevelItemCount())
        if dock.tree.topLevelItem(i).text(0) == name
    )


def visible(dock):
    return {
        dock.tree.topLevelItem(i).text(0): [
            dock.tree.topLevelItem(i).child(j).text(0)
            for j in range(dock.tree.topLevelItem(i).childCount())
            if not dock.tree.topLevelItem(i).child(j).isHidden()
        ]
        for i in range(dock.tree.topLevelItemCount())
        if not dock.tree.topLevelItem(i).isHidden()
    }


def counts():
    return {
        lyr.id(): lyr.featureCount()
        for lyr in catalogue_layers(QgsProject.instance())
        if isinstance(lyr, QgsVectorLayer)
    }


def test_dock_lists_the_zones_and_their_comuni_and_searches_them(component, demo_pack):
    dock = component.dock
    table = comuni_table(demo_pack)
    shown = visible(dock)
    assert list(shown) == ZONES
    assert {z: len(c) for z, c in shown.items()} == {z: len(c) for z, c in zones(table).items()}
    assert sum(len(c) for c in shown.values()) == 133
    dock.searchEdit.setText("pecchi")
    assert visible(dock) == {"Adda Martesana": ["Cassina de' Pecchi"]}
    dock.searchEdit.setText("SUD")
    assert list(visible(dock)) == ["Sud Est", "Sud Ovest"]
    assert len(visible(dock)["Sud Est"]) == len(zones(table)["Sud Est"])
    dock.searchEdit.clear()
    assert list(visible(dock)) == ZONES
    assert dock.statusLabel.text() == "Nessun filtro: tutta la Città metropolitana."


def test_checking_a_zone_and_applying_filters_both_maps_zooms_and_tells_the_session(component, demo_pack, tmp_path):
    both_maps(demo_pack, tmp_path)
    full = counts()
    dock, session, canvas = component.dock, component.session, component.iface.mapCanvas()
    zone_item(dock, "Nord Milano").setCheckState(0, Qt.CheckState.Checked)
    zone_item(dock, "Adda Martesana").child(0).setCheckState(0, Qt.CheckState.Checked)
    first_of_adda = zone_item(dock, "Adda Martesana").child(0).data(0, Qt.ItemDataRole.UserRole + 1)
    codes = resolve_scope(demo_pack, ["Nord Milano"]) | {first_of_adda}
    assert dock.checked_codes() == codes
    QTest.mouseClick(dock.applyButton, Qt.MouseButton.LeftButton)
    assert session.scope == codes and component.changes == [codes]
    filtered = counts()
    assert all(filtered[i] <= full[i] for i in full) and sum(filtered.values()) < sum(full.values())
    assert "Filtro attivo" in dock.statusLabel.text() and "Nord Milano" in dock.statusLabel.text()
    selection, shown_extent = component.report.extent, canvas.extent()
    assert shown_extent.contains(selection)  # zoomed to the selection, with a small margin
    margin = 0.11 * max(selection.width(), selection.height())  # one side fits, the other follows the canvas
    assert shown_extent.width() < selection.width() + margin or shown_extent.height() < selection.height() + margin
    assert [o.name() for o in overlay_layers(QgsProject.instance())] == [f"Selezione: {component.report.label}"]

    QTest.mouseClick(dock.allButton, Qt.MouseButton.LeftButton)
    assert session.scope is None and component.changes == [codes, None]
    assert counts() == full and dock.checked_codes() is None
    assert overlay_layers(QgsProject.instance()) == []


def test_reopened_project_gets_its_filter_back(component, demo_pack, tmp_path):
    both_maps(demo_pack, tmp_path)
    codes = resolve_scope(demo_pack, ["Sud Est"])
    component.apply(codes)
    filtered = counts()
    path = tmp_path / "sud_est.qgz"
    assert QgsProject.instance().write(str(path))
    QgsProject.instance().clear()
    assert component.session.scope is None and component.dock.checked_codes() is None
    assert QgsProject.instance().read(str(path))
    assert component.session.scope == codes == saved_scope(QgsProject.instance())
    assert component.dock.checked_codes() == codes
    assert counts() == filtered
    assert component.changes == [codes, None, codes]


def test_a_map_loaded_later_gets_the_active_filter(component, demo_pack):
    codes = resolve_scope(demo_pack, ["Milano"])
    component.apply(codes)
    component.session.load_map("realizzazioni")
    wait_for_tasks()
    layers = catalogue_layers(QgsProject.instance())
    assert layers and all(
        lyr.customProperty("remix/scope_codes") == "015146" for lyr in layers if isinstance(lyr, QgsVectorLayer)
    )
    [stazioni] = [lyr for lyr in layers if lyr.customProperty(ENTRY_PROPERTY) == "stazioni"]
    milano = QgsVectorLayer(f"{demo_pack}|layername=comuni|subset=\"pro_com_t\" = '015146'", "m", "ogr")
    boundary = next(milano.getFeatures()).geometry()
    assert all(boundary.intersects(f.geometry()) for f in stazioni.getFeatures())


def test_unloaded_component_no_longer_follows_the_project(
    qgis_iface, demo_pack, isolated_settings, qgis_new_project, monkeypatch, tmp_path
):
    part = make_component(qgis_iface, monkeypatch)
    part.apply(resolve_scope(demo_pack, ["Nord Ovest"]))
    path = tmp_path / "nord_ovest.qgz"
    assert QgsProject.instance().write(str(path))
    part.unload()
    assert part.dock is None
    QgsProject.instance().clear()
    assert QgsProject.instance().read(str(path))
    assert len(part.changes) == 1  # neither the clear nor the reading reached it
    QgsProject.instance().clear()


def test_a_zona_asked_for_while_a_map_loads_is_applied_when_it_has_loaded(component, demo_pack, tmp_path, monkeypatch):
    """QGIS 3.22 can deadlock when one thread gives pack layers new sources while another opens layers
    of the pack: a Zona chosen while a task of the plugin runs waits for it (said once), the newest choice
    wins, and it is applied when the task ends."""
    import threading
    import time

    from qgis.core import QgsApplication

    from remix_plugin.core.base import log
    from remix_plugin.core.base.tasks import RemixTask

    told = []
    real_log = log.log
    monkeypatch.setattr(log, "log", lambda message, *a, **k: (told.append(message), real_log(message, *a, **k)))

    both_maps(demo_pack, tmp_path)
    loading = threading.Event()
    task = RemixTask("caricamento simulato", lambda task: loading.wait(30))
    QgsApplication.taskManager().addTask(task)
    while task.status() != task.Running:
        QgsApplication.processEvents()
    time.sleep(0.2)  # the worker has its turn
    component.apply(resolve_scope(demo_pack, ["Sud Est"]))
    component.apply(resolve_scope(demo_pack, ["Nord Milano"]))
    QgsApplication.processEvents()
    assert saved_scope(QgsProject.instance()) is None and component.changes == []  # nothing touched yet
    for _ in range(20):  # waiting a while says nothing more
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert [m for m in told if "sarà applicato" in m] == [
        "Filtro per Zona omogenea: sarà applicato al termine del caricamento in corso."
    ]

    loading.set()
    wait_for_tasks()
    end = time.time() + 10
    while saved_scope(QgsProject.instance()) is None and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    nord = resolve_scope(demo_pack, ["Nord Milano"])
    assert saved_scope(QgsProject.instance()) == nord and component.changes == [nord]
    assert all(
        lyr.customProperty("remix/scope_codes")
        for lyr in catalogue_layers(QgsProject.instance())
        if isinstance(lyr, QgsVectorLayer)
    )
