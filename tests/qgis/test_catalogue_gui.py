"""The catalogue dock and the map actions, driven as a planner would, on the real task manager."""

import time

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from remix_plugin.core.data.layers import ENTRY_PROPERTY


def wait_for_tasks(limit=120):
    end = time.time() + limit
    while QgsApplication.taskManager().countActiveTasks() and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        QgsApplication.processEvents()
    assert not QgsApplication.taskManager().countActiveTasks(), "caricamento non terminato"


@pytest.fixture()
def dock(qgis_iface, demo_pack, isolated_settings, qgis_new_project):
    from remix_plugin.gui.catalogue_dock import CatalogueDock
    from remix_plugin.gui.session import Session

    session = Session(qgis_iface)
    widget = CatalogueDock(session)
    yield widget
    widget.deleteLater()
    QgsProject.instance().clear()


def entries_shown(dock):
    shown = []
    for i in range(dock.tree.topLevelItemCount()):
        group = dock.tree.topLevelItem(i)
        shown += [
            group.child(j).text(0)
            for j in range(group.childCount())
            if not group.child(j).isHidden() and not group.isHidden()
        ]
    return shown


def test_tree_shows_the_catalogue_by_group_with_date_and_source(dock):
    groups = [dock.tree.topLevelItem(i).text(0) for i in range(dock.tree.topLevelItemCount())]
    assert groups == [
        "Inquadramento",
        "Indicatori di sintesi",
        "Offerta / Opportunità",
        "Realizzato / finanziato",
        "Elementi di interesse / analisi",
    ]
    assert len(entries_shown(dock)) == len(dock.session.catalogue.entries)
    opportunita = dock.tree.topLevelItem(2)
    first = opportunita.child(0)
    assert (first.text(0), first.text(1)) == ("Aree della Rigenerazione Remix", "2018")
    assert "cittametropolitana.mi.it" in first.toolTip(0)


def test_search_narrows_the_tree(dock):
    dock.searchEdit.setText("pinqua")
    assert entries_shown(dock) == ["PINQuA — Progetto CO4Regeneration (2021)"]
    dock.searchEdit.setText("regione lombardia")
    from_the_region = [e.title for e in dock.session.catalogue.entries if "Regione Lombardia" in e.provider]
    assert len(from_the_region) >= 4  # the four Regione Lombardia ArcGIS services of the brief, at least
    assert sorted(entries_shown(dock)) == sorted(from_the_region)
    dock.searchEdit.clear()
    assert len(entries_shown(dock)) == len(dock.session.catalogue.entries)


def test_selecting_an_entry_shows_its_link_and_loading_it_adds_one_layer(dock):
    item = dock.tree.topLevelItem(3).child(3)
    dock.tree.setCurrentItem(item)
    assert 'href="https://www.cittametropolitana.mi.it' in dock.detailsLabel.text()
    assert dock.loadButton.isEnabled()
    QTest.mouseClick(dock.loadButton, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    layers = list(QgsProject.instance().mapLayers().values())
    assert [lyr.customProperty(ENTRY_PROPERTY) for lyr in layers] == [item.data(0, Qt.ItemDataRole.UserRole + 1)]


def test_map_button_loads_the_whole_map_once_with_crs_that_outlive_any_thread(dock):
    QTest.mouseClick(dock.opportunitaButton, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    count = len(QgsProject.instance().mapLayers())
    assert count == len(dock.session.catalogue.entries_for_map("opportunita"))
    # built on the main thread: each CRS has its definition (what an offline package writes)
    assert all(layer.crs().toWkt() for layer in QgsProject.instance().mapLayers().values())
    QTest.mouseClick(dock.opportunitaButton, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    assert len(QgsProject.instance().mapLayers()) == count
