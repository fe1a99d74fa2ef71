"""The indicators say what they compare (issue #18): the reference set (every Comune, or the filter's) is a
choice of the dock, saved, used and written the same by the Scheda comunale; few values make few classes
and a warning; the Comune clicked is outlined on the map. Real QGIS classifiers, dock, canvas and atlas,
over the hand-built world of tests/qgis/indicator_fixtures.py (4 Comuni)."""

import re

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.gui import QgsRubberBand

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.indicators.classification import classify
from tests.qgis.indicator_fixtures import X0, Y0, write_world_pack
from tests.qgis.test_catalogue_gui import wait_for_tasks

ALFA, BETA = "015001", "015002"


@pytest.mark.parametrize("values,most", [([1, 2, 3, 4], 3), ([1, 2, 3, 4, 5], 4), ([1, 2, 3, 4, 5, 6], 5)])
@pytest.mark.parametrize("method", ["jenks", "quantile", "pretty"])
def test_four_to_six_values_never_make_more_classes_than_values_minus_one(values, most, method):
    for asked in (5, 7):
        classes = classify([0, 0] + values, method, asked)
        assert 2 <= classes.count <= most, (values, method, asked, classes.count)
        assert classes.values == len(values)
        assert classes.warning.startswith(f"Attenzione: solo {len(values)} Comuni con un valore")


def test_two_values_still_make_two_classes_and_enough_values_warn_of_nothing():
    assert classify([3, 8], "jenks", 5).count == 2
    many = classify(list(range(1, 40)), "jenks", 5)
    assert many.count == 5 and many.warning == ""


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
def dock(qgis_iface, pack, qgis_new_project):
    from remix_plugin.gui.indicators_dock import IndicatorsDock
    from remix_plugin.gui.session import Session

    session = Session(qgis_iface)
    widget = IndicatorsDock(session, qgis_iface)
    widget.measure()
    wait_for_tasks()
    yield widget
    widget.clear_outline()
    widget.deleteLater()
    wait_for_tasks()
    QgsProject.instance().clear()


def filter_to(dock, codes):
    dock.session.scope = frozenset(codes)
    dock.scope_changed(dock.session.scope)
    dock.retry.stop()
    dock.measure()
    wait_for_tasks()


def comuni_listed(dock):
    return sorted(dock.table.item(row, 0).text() for row in range(dock.table.rowCount()))


def scheda_note_and_class(pack, scope, code):
    from remix_plugin.core.printing.atlas import atlas_data

    data = atlas_data(pack, scope)
    feature = next(f for f in data.coverage.getFeatures() if f["pro_com_t"] == code)
    return data.method_note, feature["superficie_classe"]


def test_with_a_filter_the_dock_and_the_scheda_class_over_the_same_comuni_and_say_which(dock, pack):
    filter_to(dock, {ALFA, BETA})
    assert comuni_listed(dock) == ["Alfa", "Beta"]  # the filter's Comuni are listed …
    assert dock.referenceCombo.currentData() == "cmm"  # … classed among all four by default, and it is written
    written = "classi calcolate sui 4 Comuni della Città metropolitana"
    assert written in dock.scopeLabel.text()
    note, classe = scheda_note_and_class(pack, dock.session.scope, BETA)
    assert written in note and classe == dock.result.figure(BETA).classe

    dock.referenceCombo.setCurrentIndex(dock.referenceCombo.findData("filtro"))
    dock.retry.stop()
    dock.measure()
    wait_for_tasks()
    assert Settings.load().indicator_reference == "filtro"  # the Scheda comunale reads the same choice
    assert comuni_listed(dock) == ["Alfa", "Beta"] and dock.result.measurement.comuni.scoped
    written = "classi calcolate sui 2 Comuni del filtro"
    assert written in dock.scopeLabel.text()
    note, classe = scheda_note_and_class(pack, dock.session.scope, BETA)
    assert written in note and classe == dock.result.figure(BETA).classe


def test_without_a_filter_the_filter_choice_is_off(dock):
    item = dock.referenceCombo.model().item(dock.referenceCombo.findData("filtro"))
    assert not item.isEnabled() and item.toolTip()
    assert "classi calcolate sui 4 Comuni della Città metropolitana" in dock.scopeLabel.text()


def test_few_values_are_said_in_one_line_under_the_options(dock):
    assert dock.result.classes.values == 3  # three Comuni with an area, one with none
    assert dock.result.classes.count <= 2
    assert not dock.warningLabel.isHidden()
    assert "Attenzione: solo 3 Comuni con un valore" in dock.warningLabel.text()


def rubber_bands(canvas, before=()):
    """The rubber bands shown on the canvas, other than those of `before` (docks of earlier tests not yet
    deleted: deleteLater waits for an event loop the tests do not run)."""
    return [
        item
        for item in canvas.scene().items()
        if isinstance(item, QgsRubberBand) and item.isVisible() and item not in before
    ]


def test_a_comune_clicked_is_outlined_on_the_map(dock, qgis_canvas):
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
    before = rubber_bands(qgis_canvas)
    assert dock.select_comune(ALFA)
    bands = rubber_bands(qgis_canvas, before)
    assert len(bands) == 1
    box = bands[0].asGeometry().boundingBox()
    assert box.contains(QgsRectangle(X0 + 10, Y0 + 10, X0 + 990, Y0 + 990)) and box.width() < 1100  # Alfa's square
    assert dock.select_comune(BETA)
    bands = rubber_bands(qgis_canvas, before)
    assert len(bands) == 1 and bands[0].asGeometry().boundingBox().xMinimum() >= X0 + 990  # moved to Beta
    dock.table.clearSelection()
    assert rubber_bands(qgis_canvas, before) == []
    assert dock.select_comune(ALFA) and len(rubber_bands(qgis_canvas, before)) == 1
    dock.hide()  # closing the dock clears the map too
    dock.visibilityChanged.emit(False)
    assert rubber_bands(qgis_canvas, before) == []


def test_one_italian_number_format_in_the_table_and_the_trace(dock):
    dock.indicatorCombo.setCurrentIndex(dock.indicatorCombo.findData("finanziamento"))
    wait_for_tasks()
    cells = [
        dock.table.item(r, c).text() for r in range(dock.table.rowCount()) for c in range(dock.table.columnCount())
    ]
    assert "€ 0" in cells and not any(cell.endswith(",00") and cell.strip("0,") == "" for cell in cells)
    assert dock.select_comune(ALFA)
    notes = [dock.traceTree.topLevelItem(i).text(4) for i in range(dock.traceTree.topLevelItemCount())]
    assert notes and all("interventi_comuni" not in note for note in notes)
    assert not any(re.search(r"\d\.\d", note) for note in notes)  # «quota 33,3 %», never «quota 0.3333»
    assert any(re.search(r"quota \d+(,\d)? %", note) for note in notes)


def test_the_filters_comuni_classed_among_all_go_to_the_map_alone_and_say_so(dock):
    filter_to(dock, {ALFA, BETA})
    layer = dock.add_to_map()
    assert sorted(f["pro_com_t"] for f in layer.getFeatures()) == [ALFA, BETA]
    assert "2 Comuni, classi su 4" in layer.name()
