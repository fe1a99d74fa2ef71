"""The two maps of the portal loaded from the demo pack, as a planner sees them in the layer tree."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer, QgsLayerTreeGroup, QgsProject

from remix_plugin.core.catalogue.maps import load_entry, load_map, make_context, set_basemap
from remix_plugin.core.catalogue.model import load_catalogue
from remix_plugin.core.data.layers import ENTRY_PROPERTY, MAP_PROPERTY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def ctx(demo_pack, tmp_path, isolated_settings):
    return make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")


def catalogue_layers(project, map_id=None):
    return {
        lyr.customProperty(ENTRY_PROPERTY): lyr
        for lyr in project.mapLayers().values()
        if map_id is None or lyr.customProperty(MAP_PROPERTY) == map_id
    }


@pytest.mark.parametrize(
    "map_id,title", [("opportunita", "Mappa delle Opportunità"), ("realizzazioni", "Mappa delle Realizzazioni")]
)
def test_map_loads_as_group_of_subgroups_with_every_entry(ctx, map_id, title):
    project = QgsProject()
    report = load_map(project, map_id, ctx)
    assert report.problems == []
    group = project.layerTreeRoot().children()[0]
    assert isinstance(group, QgsLayerTreeGroup) and group.name() == title
    expected_groups = [ctx.catalogue.groups[g] for g in ctx.catalogue.map(map_id).groups]
    assert [g.name() for g in group.children()] == expected_groups
    expected = [e.id for e in ctx.catalogue.entries_for_map(map_id)]
    assert sorted(report.added) == sorted(expected)
    layers = catalogue_layers(project, map_id)
    assert set(layers) == set(expected)
    assert all(lyr.isValid() and lyr.featureCount() > 0 for lyr in layers.values())
    assert project.crs().authid() == "EPSG:32632"


def test_layers_are_styled_from_their_qml_and_scaled_by_the_catalogue(ctx):
    project = QgsProject()
    load_map(project, "realizzazioni", ctx)
    layers = catalogue_layers(project)
    for entry in ctx.catalogue.entries_for_map("realizzazioni"):
        layer = layers[entry.id]
        scale = entry.maps["realizzazioni"]
        assert layer.hasScaleBasedVisibility() == scale.limited, entry.id
        assert (layer.minimumScale(), layer.maximumScale()) == (scale.min_scale, scale.max_scale), entry.id
    assert isinstance(layers["servizi_sovracomunali"].renderer(), QgsCategorizedSymbolRenderer)
    assert isinstance(layers["stazioni"].renderer(), QgsCategorizedSymbolRenderer)
    assert isinstance(
        layers["indicatore_finanziamento"].renderer(), (QgsGraduatedSymbolRenderer, QgsCategorizedSymbolRenderer)
    )
    assert layers["lum"].featureCount() == layers["stazioni"].featureCount()
    # the same entry has another range in the other map (§2.5)
    load_map(project, "opportunita", ctx)
    aree = [lyr for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "aree_remix"]
    assert sorted(lyr.minimumScale() for lyr in aree) == [250000, 500000]


def test_layer_tree_tooltip_says_source_date_and_demonstrative(ctx):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    layer = catalogue_layers(project)["aree_dismesse_2010"]
    assert layer.title() == "Aree della rigenerazione (aree dismesse 2010)"
    assert "Regione Lombardia" in layer.abstract() and "Aggiornamento: 2010" in layer.abstract()
    assert "Dati dimostrativi" in layer.abstract()
    hidden = [c.name for c in layer.attributeTableConfig().columns() if c.hidden and c.name]
    assert "nome" not in hidden and "fid" in hidden


def test_loading_twice_does_not_duplicate(ctx, demo_pack, tmp_path):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    count = len(project.mapLayers())
    again = load_map(project, "opportunita", make_context(pack=demo_pack, derived_store=tmp_path / "d.gpkg"))
    assert again.added == [] and len(again.kept) == count
    assert len(project.mapLayers()) == count
    assert len(project.layerTreeRoot().children()) == 1


def test_single_entry_goes_into_its_map_group_in_catalogue_order(ctx):
    project = QgsProject()
    load_entry(project, "offerta_pa_2020", ctx)
    load_entry(project, "aree_remix", ctx)
    report = load_entry(project, "aree_remix", ctx)
    assert report.added == [] and report.kept == ["aree_remix"]
    group = project.layerTreeRoot().children()[0]
    sub = group.children()[0]
    assert sub.name() == "Offerta / Opportunità"
    assert [n.layer().customProperty(ENTRY_PROPERTY) for n in sub.findLayers()] == ["aree_remix", "offerta_pa_2020"]


def test_broken_and_missing_sources_are_named_and_the_rest_loads(ctx, tmp_path):
    entry = ctx.catalogue.entry("aree_remix")
    entry.sources = [{"type": "datapack", "table": "tabella_sparita"}]
    broken_style = tmp_path / "rotto.qml"
    broken_style.write_text("<qgis><renderer-v2 type='nonesiste'", encoding="utf-8")
    ctx.catalogue.entry("offerta_at_2020").style = "../" * 10 + str(broken_style).lstrip("/")
    ctx.catalogue.entry("offerta_pa_2020").style = "mancante.qml"
    project = QgsProject()
    report = load_map(project, "opportunita", ctx)
    text = " ".join(report.problems)
    assert "Strato «Aree della Rigenerazione Remix»" in text and "tabella_sparita" in text
    assert "Strato «Offerta Indagine Ambiti di Trasformazione 2020»: file di stile" in text
    assert "Strato «Offerta Indagine Piani Attuativi 2020»: file di stile «mancante.qml» mancante" in text
    layers = catalogue_layers(project)
    assert "aree_remix" not in layers
    assert layers["offerta_at_2020"].isValid() and layers["offerta_pa_2020"].isValid()
    assert len(layers) == len(ctx.catalogue.entries_for_map("opportunita")) - 1


def test_unreachable_basemap_is_reported_and_the_map_stays(ctx):
    ctx.settings.service_overrides = {
        "osm_tiles": "http://127.0.0.1:9",
        "opentopomap": "http://127.0.0.1:9",
        "esri_tiles": "http://127.0.0.1:9",
        "rl_wms_basemap": "http://127.0.0.1:9",
    }
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    before = len(project.mapLayers())
    assert set_basemap(project, "light", ctx) == []
    assert set_basemap(project, "pro", ctx) == []
    assert any("Mappa di base «OpenStreetMap» non raggiungibile" in p for p in ctx.problems)
    assert any("Ortofoto regionale" in p for p in ctx.problems)
    assert len(project.mapLayers()) == before


def test_cli_project_writes_a_project_that_reopens_with_every_layer(demo_pack, tmp_path):
    out = tmp_path / "opportunita.qgz"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "remix_plugin",
            "project",
            "--map",
            "opportunita",
            "--out",
            str(out),
            "--data",
            str(demo_pack),
            "--png",
            str(tmp_path / "o.png"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "o.png").stat().st_size > 10_000
    project = QgsProject()
    assert project.read(str(out))
    layers = catalogue_layers(project)
    assert set(layers) == {e.id for e in load_catalogue().entries_for_map("opportunita")}
    assert all(lyr.isValid() for lyr in layers.values())


def test_cli_errors_are_one_italian_line(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "remix_plugin",
            "project",
            "--map",
            "opportunita",
            "--out",
            str(tmp_path / "x.qgz"),
            "--data",
            str(tmp_path / "manca.gpkg"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [f"errore: Pacchetto dati «{tmp_path / 'manca.gpkg'}» non trovato."]


def test_cli_catalogue_json_lists_every_entry(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "remix_plugin", "catalogue", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["entries"]) == len(load_catalogue().entries) and all(e["valid"] for e in data["entries"])
