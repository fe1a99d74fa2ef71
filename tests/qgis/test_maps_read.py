"""Maps that read (issue #18): one map drawn at a time, the Zone omogenee named once each, inside the zone and
under the Comuni, the Comuni named at 1:100.000 without a basemap, and a catalogue dock whose columns show
whole names. Real layers, the real labeling engine, the real dock."""

import pytest
from qgis.core import (
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QFontMetrics

from remix_plugin.core.catalogue.maps import load_entry, load_map, make_context, map_group, set_basemap
from remix_plugin.core.catalogue.sources import xyz_uri
from remix_plugin.core.data.layers import ENTRY_PROPERTY, MAP_PROPERTY

WIDTH_PX, DPI = 1000, 96  # a 1000 px wide map at 96 dpi: 264,6 mm of screen


@pytest.fixture()
def ctx(demo_pack, tmp_path, isolated_settings):
    return make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")


def layer_of(project, entry_id, map_id="opportunita"):
    return next(
        lyr
        for lyr in project.mapLayers().values()
        if lyr.customProperty(ENTRY_PROPERTY) == entry_id and lyr.customProperty(MAP_PROPERTY) == map_id
    )


def labels_at(layers, centre, scale):
    """The labels the real engine places for `layers` on a WIDTH_PX square map at 1:`scale` around `centre`."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setOutputSize(QSize(WIDTH_PX, WIDTH_PX))
    settings.setOutputDpi(DPI)
    half = scale * WIDTH_PX / DPI * 0.0254 / 2  # metres on the ground for half the map
    settings.setExtent(QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    results = job.takeLabelingResults()
    return results.allLabels() if results is not None else []


def test_loading_the_second_map_hides_the_first_so_nothing_is_drawn_twice(ctx):
    project = QgsProject()
    first = load_map(project, "opportunita", ctx)
    assert first.hidden == []
    second = load_map(project, "realizzazioni", ctx)
    opportunita = map_group(project, "opportunita", "", create=False)
    realizzazioni = map_group(project, "realizzazioni", "", create=False)
    assert second.hidden == ["opportunita"]
    assert not opportunita.itemVisibilityChecked() and realizzazioni.itemVisibilityChecked()
    assert layer_of(project, "zone_omogenee", "opportunita").id() in project.mapLayers()  # hidden, not removed
    visible_zones = [
        node
        for node in project.layerTreeRoot().findLayers()
        if node.layer().customProperty(ENTRY_PROPERTY) == "zone_omogenee" and node.isVisible()
    ]
    assert len(visible_zones) == 1  # the zone names are drawn once

    again = load_map(project, "opportunita", ctx)  # asked for again: shown, the other one hidden
    assert again.hidden == ["realizzazioni"] and opportunita.itemVisibilityChecked()
    assert not realizzazioni.itemVisibilityChecked()


def test_one_layer_from_the_catalogue_does_not_switch_a_map_off(ctx):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    report = load_entry(project, "stazioni", ctx)  # a Mappa delle Realizzazioni layer, alone
    assert report.added == ["stazioni"] and report.hidden == []
    assert map_group(project, "opportunita", "", create=False).itemVisibilityChecked()


def test_zone_labels_are_inside_the_zone_once_below_the_comuni_and_off_when_zoomed_in(ctx):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    zone = layer_of(project, "zone_omogenee").labeling().settings()
    comune = layer_of(project, "comuni").labeling().settings()
    assert zone.placement == QgsPalLayerSettings.Placement.OverPoint
    assert zone.centroidWhole and zone.centroidInside  # a point inside the whole zone, not the visible part
    assert not zone.labelPerPart  # one label per zone, not one per island
    assert zone.priority < comune.priority  # a Comune's own name wins where they meet
    assert zone.scaleVisibility and zone.maximumScale == 100000  # gone when zoomed in past 1:100.000
    assert zone.minimumScale == 0


def test_the_engine_names_each_zone_once_and_none_at_the_scale_of_a_comune(ctx):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    zones = layer_of(project, "zone_omogenee")
    centre = zones.extent().center()
    labels = [label for label in labels_at([zones], centre, 600000) if label.layerID == zones.id()]
    names = [label.labelText for label in labels]
    assert names and len(names) == len(set(names))  # every zone shown is named once
    assert len({label.featureId for label in labels}) == len(labels)
    for label in labels:  # the name sits inside its zone
        feature = zones.getFeature(label.featureId)
        assert feature.geometry().contains(label.labelRect.center())
    assert [label for label in labels_at([zones], centre, 50000) if label.layerID == zones.id()] == []


def test_comuni_are_named_at_1_100000_without_a_basemap_and_from_1_60000_with_one(ctx):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    comuni = layer_of(project, "comuni")
    assert comuni.labeling().settings().minimumScale == 150000  # no basemap: names from 1:150.000
    centre = comuni.extent().center()
    assert [label for label in labels_at([comuni], centre, 100000) if label.layerID == comuni.id()]

    basemap = QgsRasterLayer(xyz_uri("http://127.0.0.1:9/tiles/{z}/{x}/{y}.png", 19), "Prova", "wms")
    basemap.setCustomProperty("remix/basemap", "prova")
    assert set_basemap(project, "light", ctx, [basemap]) == ["prova"]
    assert comuni.labeling().settings().minimumScale == 60000  # the basemap has its own names: the QML's
    set_basemap(project, "none", ctx)
    assert comuni.labeling().settings().minimumScale == 150000


@pytest.fixture()
def dock(qgis_iface, demo_pack, isolated_settings, qgis_new_project):
    from remix_plugin.gui.catalogue_dock import CatalogueDock
    from remix_plugin.gui.session import Session

    widget = CatalogueDock(Session(qgis_iface))
    widget.resize(320, 600)  # the default width of a dock on a 1920×1080 screen
    yield widget
    widget.deleteLater()


def test_catalogue_columns_are_as_wide_as_their_longest_text_with_tooltips(dock):
    tree = dock.tree
    for column in range(tree.columnCount()):
        widest = 0
        for index in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(index)
            for item, depth in [(group, 0)] + [(group.child(i), 1) for i in range(group.childCount())]:
                text = QFontMetrics(item.font(column)).horizontalAdvance(item.text(column))
                widest = max(widest, text + (tree.indentation() * (depth + 1) if column == 0 else 0))
                if depth and item.text(column):
                    assert item.toolTip(column), (item.text(0), column)
        assert tree.columnWidth(column) >= widest, (tree.headerItem().text(column), tree.columnWidth(column), widest)
        assert tree.headerItem().toolTip(column)
    assert tree.columnWidth(0) > 104  # «Strato» is no longer cut to six characters
