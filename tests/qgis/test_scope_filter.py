"""The Zone omogenee / Comuni filter on real projects: both maps from the demo pack, an ArcGIS
FeatureServer layer served by Koop, a WMS overlay, and the real boundaries of ../shared/data.

Every count is checked against an independent one: QGIS Processing's "Estrai per posizione"
(native:extractbylocation, predicate intersects) run on the layer's original source."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProject,
    QgsRasterLayer,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.maps import load_entry, load_map, make_context
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY
from remix_plugin.core.scope.filtering import apply_scope, catalogue_layers, overlay_layers, restore, saved_scope
from remix_plugin.core.scope.model import comuni_table, describe_scope, resolve_scope, zones

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture()
def ctx(demo_pack, tmp_path, isolated_settings):
    return make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")


@pytest.fixture()
def both_maps(ctx):
    project = QgsProject()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, ctx)
    yield project
    project.clear()  # its layers closed while GDAL is still there, not whenever the project is collected


def vector_layers(project):
    return [layer for layer in catalogue_layers(project) if isinstance(layer, QgsVectorLayer)]


def originals(project):
    """Each catalogue layer's source before any filter: what the independent counts read."""
    return {layer.id(): (layer.source(), layer.providerType()) for layer in vector_layers(project)}


def independent_count(source, provider, pack, codes) -> int:
    import processing

    subset = '"pro_com_t" IN (' + ",".join(f"'{c}'" for c in sorted(codes)) + ")"
    comuni = QgsVectorLayer(f"{datapack.table_uri(pack, 'comuni')}|subset={subset}", "comuni", "ogr")
    raw = QgsVectorLayer(source, "originale", provider)
    assert comuni.isValid() and raw.isValid()
    result = processing.run(
        "native:extractbylocation", {"INPUT": raw, "PREDICATE": [0], "INTERSECT": comuni, "OUTPUT": "memory:"}
    )
    return result["OUTPUT"].featureCount()


def shown(layer) -> int:
    return sum(1 for _ in layer.getFeatures())


# --- every zone, every layer ---------------------------------------------------------------------


def test_the_pack_has_the_eight_zones(demo_pack):
    table = comuni_table(demo_pack)
    assert list(zones(table)) == ZONES
    assert len(table) == 133


@pytest.mark.parametrize("zona", ZONES)
def test_zone_filter_keeps_exactly_the_features_that_intersect_the_zone(both_maps, demo_pack, qgis_processing, zona):
    project = both_maps
    before = originals(project)
    full = {layer.id(): layer.featureCount() for layer in vector_layers(project)}
    codes = resolve_scope(demo_pack, [zona])
    report = apply_scope(project, codes, demo_pack)
    assert report.problems == []
    assert report.label == (f"Zona omogenea {zona}" if zona != "Milano" else "Milano")
    assert set(report.kept) == set(before)
    for layer in vector_layers(project):
        expected = independent_count(*before[layer.id()], demo_pack, codes)
        assert layer.featureCount() == shown(layer) == report.kept[layer.id()] == expected, layer.name()
    assert 0 < sum(report.kept.values()) < sum(full.values())
    boundaries = [lyr for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "comuni"]
    assert [lyr.featureCount() for lyr in boundaries] == [133, 133]  # the frame stays whole, under the veil

    cleared = apply_scope(project, None, demo_pack)
    assert cleared.scope is None and overlay_layers(project) == []
    for layer in vector_layers(project):
        assert (layer.featureCount(), layer.subsetString()) == (full[layer.id()], ""), layer.name()
        assert layer.source() == before[layer.id()][0]
    assert saved_scope(project) is None


def test_selection_is_outlined_on_top_and_the_extent_is_the_selection(both_maps, demo_pack):
    codes = resolve_scope(demo_pack, ["Nord Milano"])
    report = apply_scope(both_maps, codes, demo_pack)
    [overlay] = overlay_layers(both_maps)
    assert both_maps.layerTreeRoot().children()[0].layer() is overlay
    assert overlay.name() == "Selezione: Zona omogenea Nord Milano"
    assert overlay.renderer().type() == "invertedPolygonRenderer"  # the rest greyed, the selection a hole
    assert {f["pro_com_t"] for f in overlay.getFeatures()} == set(codes)
    whole = apply_scope(both_maps, None, demo_pack).extent
    assert whole.contains(report.extent) and report.extent.area() < whole.area() / 4


def test_layers_loaded_later_get_the_active_filter(ctx, demo_pack, qgis_processing):
    project = QgsProject()
    load_map(project, "opportunita", ctx)
    codes = resolve_scope(demo_pack, ["Sud Ovest"])
    apply_scope(project, codes, demo_pack)
    load_entry(project, "stazioni", ctx, "realizzazioni")
    [stazioni] = [lyr for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "stazioni"]
    source = stazioni.source()
    assert stazioni.subsetString() == ""
    report = apply_scope(project, codes, demo_pack)  # what the GUI does when a map is loaded
    assert stazioni.featureCount() == report.kept[stazioni.id()] == independent_count(source, "ogr", demo_pack, codes)
    assert stazioni.featureCount() < datapack.open_table(demo_pack, "stazioni").featureCount()


# --- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Cassina de' Pecchi", "cassina de pecchi", "CASSINA DE’ PECCHI", "Càssina dè Pecchi", "015060"]
)
def test_comune_with_an_apostrophe_is_found_however_it_is_typed(demo_pack, typed):
    assert resolve_scope(demo_pack, comuni=[typed]) == {"015060"}


def test_accented_and_apostrophe_names_filter_and_label(both_maps, demo_pack, qgis_processing):
    before = originals(both_maps)
    codes = resolve_scope(demo_pack, ["Nord Milano"], ["Trezzo sull’Adda", "Cassàno d'Àdda"])
    assert codes == resolve_scope(demo_pack, ["nord milano"]) | {"015221", "015059"}
    report = apply_scope(both_maps, codes, demo_pack)
    assert report.label == "Zona omogenea Nord Milano, Cassano d'Adda, Trezzo sull'Adda"
    for layer in vector_layers(both_maps)[:6]:
        assert layer.featureCount() == independent_count(*before[layer.id()], demo_pack, codes), layer.name()


def test_unknown_zone_lists_the_valid_zones(demo_pack):
    with pytest.raises(RemixError) as error:
        resolve_scope(demo_pack, ["Brianza"])
    assert "«Brianza» sconosciuta" in error.value.message
    assert "Zone valide: " + ", ".join(ZONES) in error.value.message


def test_unknown_comune_lists_the_valid_comuni(demo_pack):
    with pytest.raises(RemixError) as error:
        resolve_scope(demo_pack, comuni=["Monza"])
    message = error.value.message
    assert "«Monza» sconosciuto" in message
    assert all(name in message for _, name, _ in comuni_table(demo_pack))


def test_describe_names_whole_zones_and_loose_comuni(demo_pack):
    table = comuni_table(demo_pack)
    assert describe_scope(table, None) == "Tutta la Città metropolitana"
    assert describe_scope(table, frozenset({"015146"})) == "Milano"
    assert (
        describe_scope(table, resolve_scope(demo_pack, ["Sud Est", "Sud Ovest"]))
        == "Zona omogenea Sud Est, Zona omogenea Sud Ovest"
    )


# --- project state ----------------------------------------------------------------------------------


def test_filter_survives_save_and_reopen_and_user_subsets_are_kept(both_maps, demo_pack, tmp_path, qgis_processing):
    project = both_maps
    [aree] = [lyr for lyr in vector_layers(project) if lyr.customProperty(ENTRY_PROPERTY) == "aree_remix"][:1]
    aree.setSubsetString('"fid" <= 40')  # the user's own filter
    user_source = aree.source()
    before = originals(project)
    codes = resolve_scope(demo_pack, ["Alto Milanese"])
    report = apply_scope(project, codes, demo_pack)
    assert aree.featureCount() == independent_count(user_source, "ogr", demo_pack, codes) < 40
    path = tmp_path / "filtrato.qgz"
    assert project.write(str(path))

    reopened = QgsProject()
    assert reopened.read(str(path))
    assert saved_scope(reopened) == codes
    counts = {lyr.id(): lyr.featureCount() for lyr in vector_layers(reopened)}
    assert counts == report.kept  # saved filtered, even for QGIS without the plugin
    assert [o.name() for o in overlay_layers(reopened)] == ["Selezione: Zona omogenea Alto Milanese"]
    restored = restore(reopened, demo_pack)
    assert restored.scope == codes and restored.kept == report.kept

    apply_scope(reopened, None, demo_pack)
    reopened_aree = reopened.mapLayer(aree.id())
    assert reopened_aree.subsetString() == '"fid" <= 40' and reopened_aree.featureCount() == 40
    for layer in vector_layers(reopened):
        assert layer.source() == before[layer.id()][0], layer.name()


def test_a_subset_the_user_changes_while_filtered_stays_theirs(both_maps, demo_pack):
    layer = vector_layers(both_maps)[0]
    apply_scope(both_maps, resolve_scope(demo_pack, ["Sud Est"]), demo_pack)
    layer.setSubsetString('"fid" < 5')
    apply_scope(both_maps, None, demo_pack)
    assert layer.subsetString() == '"fid" < 5'


def test_restore_without_a_saved_filter_changes_nothing(both_maps, demo_pack):
    sources = originals(both_maps)
    assert restore(both_maps, demo_pack) is None
    assert originals(both_maps) == sources


# --- the command line ----------------------------------------------------------------------------------


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "remix_plugin", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_project_with_zona_and_comune_writes_a_filtered_project(demo_pack, tmp_path, qgis_processing):
    out = tmp_path / "nord_milano.qgz"
    result = run_cli(
        "project",
        "--map",
        "realizzazioni",
        "--data",
        str(demo_pack),
        "--zona",
        "Nord Milano",
        "--comune",
        "Cassina de' Pecchi",
        "--out",
        str(out),
        "--png",
        str(tmp_path / "nord_milano.png"),
    )
    assert result.returncode == 0, result.stderr
    assert "Filtro: Zona omogenea Nord Milano, Cassina de' Pecchi" in result.stdout
    project = QgsProject()
    assert project.read(str(out))
    codes = resolve_scope(demo_pack, ["Nord Milano"], ["015060"])
    assert saved_scope(project) == codes
    [parchi] = [lyr for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "parchi"]
    assert parchi.featureCount() == independent_count(datapack.table_uri(demo_pack, "parchi"), "ogr", demo_pack, codes)
    assert (tmp_path / "nord_milano.png").stat().st_size > 10_000


def test_cli_unknown_zone_is_one_clear_error_line(demo_pack, tmp_path):
    result = run_cli(
        "project",
        "--map",
        "opportunita",
        "--data",
        str(demo_pack),
        "--zona",
        "Brianza",
        "--out",
        str(tmp_path / "x.qgz"),
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(
        "errore: Zona omogenea «Brianza» sconosciuta. Zone valide: Adda Martesana, Alto Milanese,"
    )
    assert not (tmp_path / "x.qgz").exists()


# --- other kinds of source ------------------------------------------------------------------------------


@pytest.mark.servers
def test_arcgis_featureserver_layer_is_filtered_natively_from_qgis_328_and_given_back(
    koop_server, demo_pack, tmp_path, isolated_settings, qgis_processing
):
    # native EPSG:32632 like Regione Lombardia's services: QGIS 3.22 sends the catalogue's bbox without inSR
    koop_server.publish(datapack.table_uri(demo_pack, "aree_dismesse_2010"), "aree_dismesse_2010", crs=datapack.CRS)
    settings = Settings(source_mode="remote", service_overrides={"rl_arcgish": koop_server.url})
    ctx = make_context(pack=demo_pack, settings=settings, derived_store=tmp_path / "derivati.gpkg")
    entry = ctx.catalogue.entry("aree_dismesse_2010")
    entry.sources = [
        dict(s, path="aree_dismesse_2010/FeatureServer/0") for s in entry.sources if s["type"] == "arcgisfeatureserver"
    ]  # Koop's layout of the same service
    project = QgsProject()
    load_entry(project, entry.id, ctx, "opportunita")
    [layer] = project.mapLayers().values()
    assert layer.providerType() == "arcgisfeatureserver"
    source, full, renderer = layer.source(), layer.featureCount(), layer.renderer().type()
    codes = resolve_scope(demo_pack, ["Magentino e Abbiatense"])
    report = apply_scope(project, codes, demo_pack)
    assert report.problems == []
    # QGIS's own subset strings on arcgisfeatureserver from 3.28; before, a virtual layer over the service
    native = Qgis.QGIS_VERSION_INT >= 32800
    assert (layer.providerType(), bool(layer.subsetString())) == (
        ("arcgisfeatureserver", True) if native else ("virtual", False)
    )
    assert layer.isValid() and layer.customProperty(ENTRY_PROPERTY) == "aree_dismesse_2010"
    assert layer.featureCount() == shown(layer) == independent_count(source, "arcgisfeatureserver", demo_pack, codes)
    assert 0 < layer.featureCount() < full
    assert layer.renderer().type() == renderer  # the CMM style is kept

    path = tmp_path / "remoto.qgz"
    assert project.write(str(path))
    reopened = QgsProject()
    assert reopened.read(str(path))
    again = reopened.mapLayer(layer.id())
    assert again.isValid() and again.featureCount() == layer.featureCount()
    apply_scope(reopened, None, demo_pack)
    assert (again.providerType(), again.source(), again.featureCount()) == ("arcgisfeatureserver", source, full)


@pytest.mark.servers
def test_wms_overlay_is_left_whole_and_said_so(wms_server, ctx, demo_pack):
    project = QgsProject()
    load_entry(project, "parchi", ctx, "realizzazioni")
    overlay = QgsRasterLayer(wms_server.wms_uri("comuni", "EPSG:32632"), "Confini WMS", "wms")
    assert overlay.isValid()
    overlay.setCustomProperty(ENTRY_PROPERTY, "wms_di_prova")
    project.addMapLayer(overlay)
    source = overlay.source()
    report = apply_scope(project, resolve_scope(demo_pack, ["Sud Ovest"]), demo_pack)
    assert report.unfiltered == ["Confini WMS"] and len(report.kept) == 1
    assert overlay.source() == source and overlay.isValid()


# --- real boundaries and zone membership (../shared/data) -----------------------------------------------


def real_membership(shared_data):
    with open(shared_data / "zone_omogenee_comuni.csv", encoding="utf-8") as handle:
        return {row["com_istat_code"]: row for row in csv.DictReader(handle)}


def test_the_zone_of_each_of_the_133_comuni_matches_the_real_membership(demo_pack, shared_data):
    real = real_membership(shared_data)
    table = comuni_table(demo_pack)
    assert {code: zona for code, _, zona in table} == {code: row["zona_omogenea"] for code, row in real.items()}
    for zona in ZONES:
        assert resolve_scope(demo_pack, [zona]) == {c for c, row in real.items() if row["zona_omogenea"] == zona}


def write_table(path, name, source, attributes):
    """A GeoJSON of ../shared/data as a pack-shaped GeoPackage table in EPSG:32632."""
    layer = QgsVectorLayer(str(source), name, "ogr")
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(datapack.CRS), QgsProject.instance())
    kind = "MultiPolygon" if layer.geometryType() == 2 else "Point"
    out = QgsVectorLayer(
        f"{kind}?crs={datapack.CRS}&" + "&".join(f"field={f}:string" for f in attributes(None)), name, "memory"
    )
    features = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        geometry.transform(transform)
        if kind == "MultiPolygon":
            geometry.convertToMultiType()
        new = QgsFeature(out.fields())
        new.setGeometry(geometry)
        new.setAttributes(attributes(feature))
        features.append(new)
    out.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", name
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer if path.exists() else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    error = QgsVectorFileWriter.writeAsVectorFormatV3(out, str(path), QgsProject.instance().transformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error


@pytest.fixture(scope="module")
def real_pack(qgis_app, shared_data, tmp_path_factory):
    """The real 133 boundaries and zones, and the real railway stations, as a small data pack."""
    real = real_membership(shared_data)
    path = tmp_path_factory.mktemp("reale") / "reale.gpkg"
    write_table(
        path,
        "comuni",
        shared_data / "comuni_cmm.geojson",
        lambda f: ["pro_com_t", "comune", "zona_omogenea"]
        if f is None
        else [f["com_istat_code"], f["name"], real[f["com_istat_code"]]["zona_omogenea"]],
    )
    write_table(
        path,
        "stazioni",
        shared_data / "stazioni_ferroviarie_cmm.geojson",
        lambda f: ["nome", "com_istat_code", "in_cmm"]
        if f is None
        else [f["stop_name"], f["com_istat_code"] or "", str(f["in_cmm"])],
    )
    return path


@pytest.mark.parametrize("zona", ZONES)
def test_real_stations_kept_are_those_of_the_zone_comuni(real_pack, shared_data, zona):
    project = QgsProject()
    stazioni = QgsVectorLayer(datapack.table_uri(real_pack, "stazioni"), "Stazioni", "ogr")
    stazioni.setCustomProperty(ENTRY_PROPERTY, "stazioni")
    project.addMapLayer(stazioni)
    codes = resolve_scope(real_pack, [zona])
    apply_scope(project, codes, real_pack)
    kept = {f["nome"] for f in stazioni.getFeatures()}
    expected = {
        f["nome"]
        for f in datapack.open_table(real_pack, "stazioni").getFeatures()
        if f["in_cmm"] == "1" and f["com_istat_code"] in codes
    }
    assert kept == expected


def test_an_area_saved_in_the_pack_after_filtering_is_found_when_the_filter_is_applied_again(
    demo_pack, tmp_path, isolated_settings
):
    """Which Comuni each feature touches is worked out once per file as it is: an edit saved to the pack is seen."""
    import shutil

    from qgis.core import QgsGeometry

    pack = Path(shutil.copy(demo_pack, tmp_path / "pacchetto.gpkg"))
    project = QgsProject()
    load_map(project, "opportunita", make_context(pack=pack, derived_store=tmp_path / "derivati.gpkg"))
    [aree] = [lyr for lyr in vector_layers(project) if lyr.customProperty(ENTRY_PROPERTY) == "aree_remix"]
    nord = resolve_scope(pack, ["Nord Milano"])
    before = apply_scope(project, nord, pack).kept[aree.id()]
    assert apply_scope(project, resolve_scope(pack, ["Sud Est"]), pack).kept[aree.id()] != before
    assert apply_scope(project, nord, pack).kept[aree.id()] == before  # back and forth: the same answer

    editable = QgsVectorLayer(datapack.table_uri(pack, "aree_remix"), "modifica", "ogr")
    comune = next(f for f in datapack.open_table(pack, "comuni").getFeatures() if f["comune"] == "Bresso")
    feature = QgsFeature(editable.fields())
    feature.setGeometry(QgsGeometry.collectGeometry([comune.geometry().pointOnSurface().buffer(30, 4)]))
    feature["id"], feature["pro_com_t"] = "NUOVA-1", comune["pro_com_t"]
    assert editable.dataProvider().addFeatures([feature])[0]
    del editable

    assert apply_scope(project, nord, pack, force=True).kept[aree.id()] == before + 1
    assert apply_scope(project, None, pack).kept[aree.id()] == aree.featureCount()
