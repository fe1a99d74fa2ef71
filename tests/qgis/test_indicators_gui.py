"""The «Indicatori di sintesi» dock and the maps' indicator layers, driven as a planner would, on the
real task manager, over the hand-built world of tests/qgis/indicator_fixtures.py."""

import csv
import re

import pytest
from qgis.core import QgsApplication, QgsGraduatedSymbolRenderer, QgsProject
from qgis.PyQt.QtCore import Qt

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue import maps
from remix_plugin.core.data.layers import ENTRY_PROPERTY, entry_id
from tests.qgis.indicator_fixtures import EXPECTED_FINANZIATO, write_world_pack
from tests.qgis.test_catalogue_gui import wait_for_tasks

ALFA, BETA, CASSINA = "015001", "015002", "015004"


@pytest.fixture()
def pack(qgis_app, isolated_settings, tmp_path, monkeypatch):
    from remix_plugin.core.base import paths

    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path / "cache")
    path = write_world_pack(tmp_path / "mondo.gpkg")
    settings = Settings.load()
    settings.data_pack = str(path)
    settings.save()
    return path


@pytest.fixture()
def session(qgis_iface, pack, qgis_new_project):
    from remix_plugin.gui.session import Session

    yield Session(qgis_iface)
    wait_for_tasks()
    QgsProject.instance().clear()


@pytest.fixture()
def dock(session, qgis_iface):
    from remix_plugin.gui.indicators_dock import IndicatorsDock

    widget = IndicatorsDock(session, qgis_iface)
    widget.measure()
    wait_for_tasks()
    yield widget
    widget.deleteLater()


def fire(timer):
    """What the single-shot timer would do when it times out, now; then wait for the tasks it starts."""
    if timer.isActive():
        timer.stop()
        timer.timeout.emit()
    wait_for_tasks()


def column(dock, title):
    headers = [dock.table.horizontalHeaderItem(c).text() for c in range(dock.table.columnCount())]
    return headers.index(title)


def table_column(dock, title):
    index = column(dock, title)
    return [dock.table.item(row, index).text() for row in range(dock.table.rowCount())]


def test_table_lists_every_comune_sorted_by_value_with_its_class(dock):
    assert dock.table.rowCount() == 4
    names = table_column(dock, "Comune")
    assert names[0] == "Alfa" and set(names[1:3]) == {"Beta", "Gamma"} and names[3] == "Cassina de' Pecchi"
    assert table_column(dock, "Superficie (ha)") == ["9,00", "6,00", "6,00", "0"]  # zero as in € 0 and 0 %
    assert table_column(dock, "Classe")[-1] == "nessuno"
    dock.table.sortByColumn(column(dock, "Classe"), Qt.SortOrder.AscendingOrder)
    assert table_column(dock, "Comune")[0] == "Cassina de' Pecchi"
    assert dock.chart.bars and sum(count for _, count, _ in dock.chart.bars) == 4


def test_changing_classes_reclassifies_at_once_and_is_remembered(dock):
    dock.methodCombo.setCurrentIndex(dock.methodCombo.findData("quantile"))
    dock.classesSpin.setValue(3)
    assert not QgsApplication.taskManager().countActiveTasks()
    assert dock.result.classes.method == "quantile" and dock.result.classes.requested == 3
    assert set(table_column(dock, "Classe")) <= {"molto basso", "medio", "molto alto", "nessuno"}
    assert (Settings.load().indicator_method, Settings.load().indicator_classes) == ("quantile", 3)


def test_switching_indicator_measures_funding(dock):
    dock.indicatorCombo.setCurrentIndex(dock.indicatorCombo.findData("finanziamento"))
    wait_for_tasks()
    assert dock.result.definition.id == "finanziamento"
    values = dict(zip(table_column(dock, "Comune"), table_column(dock, "Importo finanziato (€)")))
    assert values["Beta"] == "€ 35.033"  # 35 033,33 €: the table shows whole euros
    assert dock.result.figure(BETA).quantities["finanziamento"] == pytest.approx(EXPECTED_FINANZIATO[BETA])


def test_clicking_a_comune_zooms_to_it_and_lists_its_features(dock, qgis_iface):
    assert dock.select_comune(ALFA)
    extent = qgis_iface.mapCanvas().extent()
    alfa = dock.result.measurement.comuni.geometries[0].boundingBox()
    assert extent.contains(alfa) and alfa.contains(extent.center())
    assert min(extent.width(), extent.height()) < 1.5 * alfa.height()  # zoomed to Alfa, not to all CMM
    rows = [
        [dock.traceTree.topLevelItem(i).text(c) for c in range(5)] for i in range(dock.traceTree.topLevelItemCount())
    ]
    assert {r[0] for r in rows} == {"R1", "A1", "G1"}
    assert {r[0]: r[1] for r in rows}["G1"] == "20.000 m²"  # its half inside Alfa
    assert "Aree della Rigenerazione Remix" in {r[2] for r in rows}
    assert any("ritagliata" in r[4] for r in rows if r[0] == "G1")
    assert "Alfa" in dock.traceLabel.text()


def test_scope_change_measures_again_for_the_filtered_comuni(dock, session):
    session.scope = frozenset({ALFA, CASSINA})
    dock.scope_changed(session.scope)
    assert dock.retry.isActive()  # changes are gathered, then measured once
    fire(dock.retry)
    assert sorted(table_column(dock, "Comune")) == ["Alfa", "Cassina de' Pecchi"]
    assert "2 Comuni" in dock.scopeLabel.text()


def test_export_csv_writes_the_table_and_its_companions(dock, tmp_path):
    dock.export_csv(str(tmp_path / "superficie.csv"))
    wait_for_tasks()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".json")) == [
        "superficie.csv",
        "superficie.json",
        "superficie_tracciabilita.csv",
    ]
    with open(tmp_path / "superficie.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["comune"] for r in rows} == {"Alfa", "Beta", "Gamma", "Cassina de' Pecchi"}


def test_add_to_map_puts_a_styled_point_layer_on_top_that_survives_a_reload(dock, tmp_path):
    dock.classesSpin.setValue(3)
    layer = dock.add_to_map()
    project = QgsProject.instance()
    assert project.layerTreeRoot().children()[0].layerId() == layer.id()
    assert layer.providerType() == "ogr" and "cache" in layer.source()
    assert entry_id(layer) == "indicatore_superficie" and layer.featureCount() == 4
    renderer = layer.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer)
    # 3 classes asked, 2 distinct areas (6 and 9 ha): never more classes than distinct values minus one, at least 2
    assert [r.label().split(" (")[0] for r in renderer.ranges()] == ["nessuno", "molto basso", "molto alto"]
    project.write(str(tmp_path / "progetto.qgz"))
    project.clear()
    assert project.read(str(tmp_path / "progetto.qgz"))
    again = next(lyr for lyr in project.mapLayers().values() if entry_id(lyr) == "indicatore_superficie")
    assert again.isValid() and again.featureCount() == 4
    assert len(again.renderer().ranges()) == 3  # nessuno and the two classes


class Host:
    """What a component needs of RemixPlugin (which cannot start on pytest-qgis's iface): iface, session, actions."""

    def __init__(self, iface, session):
        from qgis.PyQt.QtWidgets import QMenu

        self.iface, self.session, self.actions, self.menu = iface, session, [], QMenu()

    def add_action(self, icon_name, text, callback, tooltip="", checkable=False, toolbar=True, menu=None):
        try:  # Qt6: QAction is in QtGui
            from qgis.PyQt.QtGui import QAction
        except ImportError:  # Qt5
            from qgis.PyQt.QtWidgets import QAction

        action = QAction(text, self.menu)
        action.setCheckable(checkable)
        action.triggered.connect(callback)
        self.actions.append(action)
        return action

    def add_dock(self, dock):
        from remix_plugin.plugin import RemixPlugin

        RemixPlugin.add_dock(self, dock)


@pytest.fixture()
def component(session, qgis_iface):
    from remix_plugin.gui.indicators_component import IndicatorsComponent

    part = IndicatorsComponent(Host(qgis_iface, session))
    part.init_gui()
    yield part
    part.unload()


def opportunity_map_with_indicator(session):
    """The Mappa delle Opportunità's areas and its area indicator, as loaded: (indicator, areas, derived store)."""
    project = QgsProject.instance()
    ctx = maps.make_context(session.catalogue)
    maps.load_entry(project, "aree_remix", ctx, "opportunita")
    maps.load_entry(project, "indicatore_superficie", maps.make_context(session.catalogue), "opportunita")
    layers = {entry_id(lyr): lyr for lyr in project.mapLayers().values()}
    return layers["indicatore_superficie"], layers["aree_remix"], ctx.derived_store


def test_map_indicator_layer_follows_the_filter_and_saved_edits(component, session, pack):
    project = QgsProject.instance()
    indicator, _, _ = opportunity_map_with_indicator(session)
    assert indicator.featureCount() == 4
    session.scope = frozenset({ALFA, BETA})
    session.scope_changed.emit(session.scope)
    fire(component.timer)
    assert sorted(f["comune"] for f in indicator.getFeatures()) == ["Alfa", "Beta"]
    assert indicator.name() and isinstance(indicator.renderer(), QgsGraduatedSymbolRenderer)
    aree = next(lyr for lyr in project.mapLayers().values() if entry_id(lyr) == "aree_remix")
    r1 = next(f for f in aree.getFeatures() if f["id"] == "R1")
    assert aree.startEditing() and aree.deleteFeature(r1.id()) and aree.commitChanges()
    fire(component.timer)
    alfa = next(f for f in indicator.getFeatures() if f["pro_com_t"] == ALFA)
    assert alfa["superficie_ha"] == pytest.approx(6.0, rel=1e-4)  # 90 000 m² less R1's own 30 000
    assert indicator.customProperty(ENTRY_PROPERTY) == "indicatore_superficie"


def test_dock_is_made_on_first_use_and_measures_at_once(session, qgis_iface):
    from remix_plugin.gui.indicators_component import IndicatorsComponent

    part = IndicatorsComponent(Host(qgis_iface, session))
    part.init_gui()
    assert part.dock is None and [a.text() for a in part.plugin.actions] == ["Indicatori di sintesi"]
    part.plugin.actions[0].trigger()
    wait_for_tasks()
    assert part.dock is not None and part.dock.table.rowCount() == 4
    part.dock.deleteLater()  # pytest-qgis's iface cannot remove docks: unload() is proved in tests/desktop
    part.dock = None
    part.unload()


def stamped_tables(store):
    """Names of the refreshed indicator tables in the derived store."""
    from osgeo import ogr

    dataset = ogr.Open(str(store))
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    return [n for n in names if re.search(r"^indicatore_\w+_\d{20}$", n)]


def test_the_derived_store_stays_the_same_size_through_20_filters_edits_and_class_changes(component, session, pack):
    indicator, aree, store = opportunity_map_with_indicator(session)

    def size():
        return sum(p.stat().st_size for p in (store, store.with_name(store.name + "-wal")) if p.exists())

    session.scope = frozenset({ALFA, BETA})
    session.scope_changed.emit(session.scope)
    fire(component.timer)
    first = size()
    scopes = [frozenset({ALFA}), frozenset({ALFA, BETA}), None]
    for turn in range(20):
        if turn % 3 == 0:  # a planner edits an area and saves
            feature = next(aree.getFeatures())
            assert aree.startEditing()
            aree.changeAttributeValue(feature.id(), aree.fields().indexOf("nome"), f"Area {turn}")
            assert aree.commitChanges()
        elif turn % 3 == 1:  # filters another Zona
            session.scope = scopes[turn % len(scopes)]
            session.scope_changed.emit(session.scope)
        else:  # re-classifies
            settings = Settings.load()
            settings.indicator_classes = 3 if settings.indicator_classes != 3 else 4
            settings.save()
            component.timer.start()
        fire(component.timer)
    assert indicator.isValid() and indicator.featureCount() > 0
    assert stamped_tables(store) == [indicator.source().split("layername=")[1]]  # only the one in use is kept
    assert size() <= 2 * first, (first, size())


def test_a_project_saved_before_its_indicator_table_was_replaced_reopens_with_the_indicator(
    component, session, pack, tmp_path
):
    project = QgsProject.instance()
    maps.load_entry(project, "indicatore_superficie", maps.make_context(session.catalogue), "opportunita")
    session.scope = frozenset({ALFA, BETA})
    session.scope_changed.emit(session.scope)
    fire(component.timer)
    saved = tmp_path / "prima.qgz"
    assert project.write(str(saved))
    session.scope_changed.emit(frozenset({ALFA}))  # a new table replaces (and drops) the saved one
    fire(component.timer)
    assert project.read(str(saved))
    indicator = next(lyr for lyr in project.mapLayers().values() if entry_id(lyr) == "indicatore_superficie")
    assert not indicator.isValid()  # its table is gone...
    fire(component.timer)
    assert indicator.isValid() and indicator.featureCount() > 0  # ...and is computed again
