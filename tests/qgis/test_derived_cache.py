"""Derived layers (indicators, LUM) are reused from the derived store only while their inputs are the same:
a second load is fast, and an edited pack, another scope or other classes give freshly computed layers."""

import shutil

import pytest
from osgeo import ogr
from qgis.core import QgsProject

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.maps import load_map, make_context
from remix_plugin.core.data.layers import ENTRY_PROPERTY

PROJECTS = []


@pytest.fixture(autouse=True)
def projects():
    yield
    PROJECTS.clear()


def derived(project):
    return {
        lyr.customProperty(ENTRY_PROPERTY): lyr
        for lyr in project.mapLayers().values()
        if lyr.customProperty(ENTRY_PROPERTY) in ("indicatore_superficie", "lum")
    }


def load(pack, store, scope=None, classes=None):
    settings = Settings()
    if classes:
        settings.indicator_classes = classes
    ctx = make_context(pack=pack, settings=settings, derived_store=store)
    ctx.comuni_scope = scope
    project = QgsProject()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, ctx)
    PROJECTS.append(project)  # the layers live as long as their project: keep them for the test's asserts
    return project, derived(project)


def surface(layer, code):
    return next(f["superficie_ha"] for f in layer.getFeatures() if f["pro_com_t"] == code)


@pytest.fixture()
def pack(demo_pack, tmp_path):
    copy = tmp_path / "pacchetto.gpkg"
    shutil.copyfile(demo_pack, copy)
    return copy


def test_same_inputs_reuse_the_stored_layers(pack, tmp_path):
    store = tmp_path / "derivati.gpkg"
    _, first = load(pack, store)
    _, again = load(pack, store)
    assert set(first) == {"indicatore_superficie", "lum"}
    for entry in first:
        assert again[entry].source() == first[entry].source()
        assert str(store) in again[entry].source()


def test_an_edited_pack_a_scope_or_other_classes_recompute(pack, tmp_path):
    store = tmp_path / "derivati.gpkg"
    _, before = load(pack, store)
    indicator = before["indicatore_superficie"]
    code = next(f["pro_com_t"] for f in indicator.getFeatures() if f["superficie_ha"] > 0)
    source = ogr.Open(str(pack), 1)
    for table in (
        "aree_remix",
        "aree_dismesse_2010",
        "ambiti_rigenerazione_8bis_40bis",
        "aree_rigenerazione_pgt",
        "offerta_at_2020",
        "offerta_pa_2020",
    ):
        source.ExecuteSQL(f"DELETE FROM {table} WHERE pro_com_t = '{code}'")
    source = None
    _, edited = load(pack, store)
    assert edited["indicatore_superficie"].source() != indicator.source()
    assert surface(indicator, code) > 0 and surface(edited["indicatore_superficie"], code) == 0
    assert edited["lum"].source() != before["lum"].source()  # same stations, but the pack changed: not trusted

    _, scoped = load(pack, store, scope=frozenset({code, "015146"}))
    assert scoped["indicatore_superficie"].featureCount() == 2

    _, three = load(pack, store, classes=3)
    assert three["indicatore_superficie"].source() != edited["indicatore_superficie"].source()
    assert {f["classe_n"] for f in three["indicatore_superficie"].getFeatures()} <= {0, 1, 2, 3}
