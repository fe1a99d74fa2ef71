"""Offline packages from the demo pack: what a field technician gets on a tablet with no network, the
check that comes before writing, «Aggiorna pacchetto», an interrupted packaging, and the headless faces."""

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsFeedback,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.staging import sha256
from remix_plugin.core.catalogue.maps import make_context
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.data.offline_manifest import DATA_FILE, STORE_FILE, read_manifest, verify_package
from remix_plugin.core.offline.package import OfflineRequest, plan_package, prepare, refresh_request, write_package
from remix_plugin.core.scope.model import resolve_scope
from tests.qgis.offline_fixtures import (
    catalogue_layers,
    intersecting,
    online,
    open_package,
    project_xml,
    style_of,
    to_tablet,
)
from tests.qgis.segnalazioni_fixtures import store_digest

ROOT = Path(__file__).resolve().parents[2]
BOTH = ("opportunita", "realizzazioni")


@pytest.fixture()
def ctx(demo_pack, tmp_path, isolated_settings):
    return make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")


@pytest.fixture()
def nord_milano(demo_pack):
    return resolve_scope(demo_pack, ["Nord Milano"])


def cli(*args, hold_at=None):
    """`python -m remix_plugin offline ARGS` in a child process; held at a checkpoint with tests/hold_at.py."""
    start = [str(ROOT / "tests" / "hold_at.py"), hold_at] if hold_at else ["-m", "remix_plugin"]
    return subprocess.Popen(
        [sys.executable, *start, "offline", *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def package(request, ctx, **options) -> Path:
    """A package written (nothing to ask about in these tests)."""
    plan, folder = prepare(request, ctx, **options)
    assert folder is not None, plan.issues
    return folder


def killed_at(process, point: str) -> None:
    """Wait until the process holds at the pause point, then kill it there (as a power cut would)."""
    try:
        for line in process.stderr:
            if line.startswith(f"REMIX_PAUSED {point}"):
                break
        else:
            raise AssertionError(f"never reached {point}: exit {process.wait(30)}")
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()


def geotiff(path: Path, extent, pixels: int) -> Path:
    """A one-band GeoTIFF over `extent` (EPSG:32632) of pixels x pixels, uncompressed."""
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(path), pixels, pixels, 1, gdal.GDT_Byte)
    x0, y0, x1, y1 = extent
    dataset.SetGeoTransform((x0, (x1 - x0) / pixels, 0, y1, 0, -(y1 - y0) / pixels))
    dataset.SetProjection("EPSG:32632")
    band = dataset.GetRasterBand(1)
    band.Fill(200)
    dataset = None
    return path


def test_a_zona_package_opens_on_another_machine_valid_styled_and_cut_like_the_filter(
    ctx, demo_pack, nord_milano, tmp_path
):
    plan, folder = prepare(OfflineRequest(out_dir=tmp_path / "ufficio", scope=nord_milano), ctx)
    assert plan.issues == [] and folder.name.startswith("REMIX_offline_zona_omogenea_nord_milano_")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert 0.8 < plan.estimate_bytes / size < 1.25  # the size the check announced is the size written
    filtered = online(make_context(pack=demo_pack, derived_store=tmp_path / "d2.gpkg"), BOTH, nord_milano)
    expected = catalogue_layers(filtered)
    tablet = to_tablet(folder, tmp_path / "tablet")
    project = open_package(tablet)
    layers = catalogue_layers(project)
    assert set(layers) == set(expected)
    assert all(layer.isValid() for layer in project.mapLayers().values())
    for key, layer in layers.items():
        source = expected[key]
        assert layer.featureCount() == source.featureCount(), key
        assert style_of(layer) == style_of(source), key
        assert (layer.hasScaleBasedVisibility(), layer.minimumScale(), layer.maximumScale()) == (
            source.hasScaleBasedVisibility(),
            source.minimumScale(),
            source.maximumScale(),
        ), key
    # the cut, against plain GEOS: what touches the six Comuni of Nord Milano, nothing else
    for table in ("aree_remix", "offerta_at_2020", "interventi_periferie"):
        assert layers[("opportunita", table)].featureCount() == intersecting(demo_pack, table, nord_milano) > 0
    # the frame stays whole under the selection, as the filter shows it
    assert layers[("opportunita", "comuni")].featureCount() == 133
    xml = project_xml(tablet)
    sources = re.findall(r"<datasource>([^<]*)</datasource>", xml)
    assert sources and all(s.startswith("./") for s in sources if s)
    assert "http" not in "".join(sources) and str(tmp_path) not in xml
    assert verify_package(tablet) == []


def test_styles_travel_in_the_geopackage_and_the_data_are_a_data_pack(ctx, nord_milano, tmp_path):
    folder = package(OfflineRequest(out_dir=tmp_path, maps=("realizzazioni",), scope=nord_milano), ctx)
    data = folder / DATA_FILE
    stations = QgsVectorLayer(f"{data}|layername=stazioni", "stazioni", "ogr")  # the table's default style
    reference = QgsVectorLayer(f"{ctx.pack}|layername=stazioni", "stazioni", "ogr")
    reference.loadNamedStyle(str(paths.STYLES / "stazioni.qml"))
    assert style_of(stations) == style_of(reference)
    assert not stations.hasScaleBasedVisibility()  # thresholds are per map, in the project's layers
    from remix_plugin.core.data.datapack import check_pack, read_metadata

    assert check_pack(data) is None
    metadata = read_metadata(data)
    assert metadata["dimostrativo"] == "true" and metadata["area"] == "Zona omogenea Nord Milano"
    manifest = read_manifest(folder)
    assert manifest["catalogo"]["versione"] == ctx.catalogue.version
    assert manifest["area"]["comuni"] == [
        "Bresso",
        "Cinisello Balsamo",
        "Cormano",
        "Cusano Milanino",
        "Paderno Dugnano",
        "Sesto San Giovanni",
    ]
    listed = {f["nome"]: f for f in manifest["file"]}
    assert listed[DATA_FILE]["sha256"] == sha256(data) and listed[STORE_FILE]["modificabile"]
    for source, name in paths.PACKAGE_FOLDERS.items():  # infobox templates and print layouts, found from the project
        copied = sorted(p.relative_to(folder / name).as_posix() for p in (folder / name).rglob("*") if p.is_file())
        assert copied == sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
        assert paths.for_project(open_package(folder), source) == folder / name
    assert paths.for_project(QgsProject(), paths.TEMPLATES) == paths.TEMPLATES


def test_segnalazioni_saved_offline_are_in_the_file_at_once(ctx, nord_milano, tmp_path):
    from remix_plugin.core.segnalazioni.layers import commit, new_feature, placed_store_layers

    folder = to_tablet(package(OfflineRequest(out_dir=tmp_path, scope=nord_milano), ctx), tmp_path / "tablet")
    project = open_package(folder)
    store = placed_store_layers(project, folder / STORE_FILE)
    assert store is not None and store.punti.isValid()
    assert store.aree.featureCount() == store.punti.featureCount() == 0  # nothing pre-filled
    layer = store.punti
    layer.startEditing()
    feature = new_feature(
        layer,
        QgsGeometry.fromWkt("POINT(515000 5044000)"),
        {
            "titolo": "Centro civico chiuso",
            "tipo": "criticita",
            "natura": "azioni",
            "comune_istat": "015209",
            "zona_omogenea": "Nord Milano",
            "tipo_servizio": "Centro civico",
        },
    )
    assert layer.addFeature(feature)
    commit(layer)
    on_disk = QgsVectorLayer(table_uri(folder / STORE_FILE, "segnalazioni_punti"), "p", "ogr")
    assert [(f["titolo"], f["comune"], f["modificata"]) for f in on_disk.getFeatures()] == [
        ("Centro civico chiuso", "Sesto San Giovanni", 1)
    ]


def test_the_check_lists_what_cannot_go_offline_and_nothing_is_written_until_accepted(ctx, tmp_path):
    entry = ctx.catalogue.entry("aree_dismesse_2010")
    entry.sources = [s for s in entry.sources if s["type"] == "arcgismapserver"]  # images only
    big = geotiff(tmp_path / "ortofoto.tif", (500000, 5030000, 530000, 5060000), 1500)  # ~2.1 MB
    request = OfflineRequest(out_dir=tmp_path / "out", basemap=big, limit_mb=2)
    plan = plan_package(request, ctx)
    try:
        text = " ".join(plan.issues)
        assert "Strato «Aree della rigenerazione (aree dismesse 2010)»: nessuna sorgente scaricabile" in text
        assert "Mappa di base «ortofoto.tif» troppo grande" in text and "oltre il limite di 2 MB" in text
        assert "Dimensione stimata del pacchetto" in text
        assert "aree_dismesse_2010" not in [i.entry_id for i in plan.items]
    finally:
        plan.release()
    assert prepare(request, make_context(ctx.catalogue, pack=ctx.pack))[1] is None
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    folder = prepare(request, make_context(ctx.catalogue, pack=ctx.pack), accept=True)[1]
    manifest = read_manifest(folder)
    assert any("aree dismesse 2010" in q for q in manifest["questioni"])
    assert manifest["mappa_di_base"]["file"] == "mappa_di_base.tif"
    project = open_package(to_tablet(folder, tmp_path / "tablet"))
    basemap = next(lyr for lyr in project.mapLayers().values() if isinstance(lyr, QgsRasterLayer))
    assert basemap.isValid() and basemap.width() == 1500
    assert "mappa_di_base.tif" in basemap.source() and "ortofoto" not in basemap.source()


def test_an_mbtiles_basemap_goes_in_and_a_wrong_file_is_named(ctx, nord_milano, tmp_path):
    tif = geotiff(tmp_path / "sfondo.tif", (510000, 5040000, 522000, 5049000), 256)
    mbtiles = tmp_path / "sfondo.mbtiles"
    gdal.Translate(str(mbtiles), str(tif), format="MBTiles")
    plan = plan_package(
        OfflineRequest(out_dir=tmp_path / "out", maps=("opportunita",), scope=nord_milano, basemap=mbtiles), ctx
    )
    assert plan.issues == [] and plan.basemap_bytes == mbtiles.stat().st_size
    folder = write_package(plan)
    project = open_package(folder)
    raster = next(lyr for lyr in project.mapLayers().values() if isinstance(lyr, QgsRasterLayer))
    assert raster.isValid() and raster.source().endswith("mappa_di_base.mbtiles")
    (tmp_path / "note.txt").write_text("non una mappa")
    with pytest.raises(RemixError, match="Mappa di base «note.txt»: usare un file GeoTIFF"):
        plan_package(OfflineRequest(out_dir=tmp_path, basemap=tmp_path / "note.txt"), ctx)


def test_cancelling_leaves_nothing(ctx, nord_milano, tmp_path):
    class CancelWhenWriting(QgsFeedback):
        def setProgress(self, value):
            super().setProgress(value)
            if value > 50:
                self.cancel()

    with pytest.raises(RemixError, match="annullata"):
        prepare(OfflineRequest(out_dir=tmp_path / "out", scope=nord_milano), ctx, CancelWhenWriting())
    assert list((tmp_path / "out").iterdir()) == []


def test_a_killed_packaging_leaves_no_package_presented_as_complete(demo_pack, tmp_path):
    out = tmp_path / "out"
    killed_at(cli("--data", demo_pack, "--zona", "Nord Milano", "--out", out, hold_at="progetto"), "progetto")
    left = list(out.iterdir())
    assert len(left) == 1 and left[0].name.startswith(".") and left[0].name.endswith(".tmp")
    assert (left[0] / DATA_FILE).exists() and not (left[0] / "manifest.json").exists()
    assert verify_package(left[0])[0].startswith(f"La cartella «{left[0]}» non è un pacchetto offline RE.MIX completo")
    again = cli("--data", demo_pack, "--zona", "Nord Milano", "--out", out)
    stdout, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    complete = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert len(complete) == 1 and verify_package(complete[0]) == []
    assert [p for p in out.iterdir() if p.name.startswith(".")] == []  # the killed run's folder is gone


def test_aggiorna_refreshes_the_catalogue_and_leaves_the_segnalazioni_alone(
    demo_pack, nord_milano, tmp_path, isolated_settings
):
    pack = tmp_path / "pack.gpkg"
    shutil.copyfile(demo_pack, pack)
    folder = package(
        OfflineRequest(out_dir=tmp_path / "out", scope=nord_milano),
        make_context(pack=pack, derived_store=tmp_path / "d.gpkg"),
    )
    from remix_plugin.core.segnalazioni.geometry import ComuniLookup
    from remix_plugin.core.segnalazioni.layers import add_segnalazione

    add_segnalazione(
        folder / STORE_FILE,
        {
            "titolo": "Ex area da rilevare",
            "tipo": "progetto",
            "natura": "azioni",
            "comune_istat": "015077",
            "tipo_servizio": "Spazi per associazioni",
        },
        None,
        ComuniLookup.for_pack(folder / DATA_FILE),
    )
    store_before = store_digest(folder / STORE_FILE)
    project = open_package(folder)  # the technician adds a layer of their own on the tablet, and saves
    own = QgsVectorLayer("Point?crs=EPSG:32632&field=nota:string(0)", "Rilievo del tecnico", "memory")
    project.addMapLayer(own)
    assert project.write()
    project.clear()
    # meanwhile CMM removes the Aree Remix of one Comune of the Zona
    remix = QgsVectorLayer(f"{pack}|layername=aree_remix", "aree_remix", "ogr")
    comune = min(f["pro_com_t"] for f in remix.getFeatures() if f["pro_com_t"] in nord_milano)
    paderno = [f.id() for f in remix.getFeatures() if f["pro_com_t"] == comune]
    assert paderno
    remix.startEditing()
    assert remix.deleteFeatures(paderno) and remix.commitChanges()
    before = read_manifest(folder)["strati"]
    layers_before = set(catalogue_layers(open_package(folder)))
    assert (
        prepare(refresh_request(folder), make_context(pack=pack, derived_store=tmp_path / "d3.gpkg"), refresh=folder)[1]
        == folder
    )
    after = {s["id"]: s["elementi"] for s in read_manifest(folder)["strati"]}
    assert after["aree_remix"] == {s["id"]: s["elementi"] for s in before}["aree_remix"] - len(paderno)
    assert store_digest(folder / STORE_FILE) == store_before
    assert verify_package(folder) == [] and read_manifest(folder)["aggiornato_il"]
    reopened = open_package(folder)
    assert all(layer.isValid() for layer in reopened.mapLayers().values())
    assert catalogue_layers(reopened)[("opportunita", "aree_remix")].featureCount() == after["aree_remix"]
    assert [lyr.name() for lyr in reopened.mapLayers().values() if lyr.name() == "Rilievo del tecnico"]
    assert [t.name() for t in reopened.layerTreeRoot().children()][:3] == [
        "Rilievo del tecnico",
        "Segnalazioni RE.MIX",
        "Mappa delle Realizzazioni",
    ]
    assert set(catalogue_layers(reopened)) == layers_before
    reopened.clear()
    plan, written = prepare(
        refresh_request(folder), make_context(pack=demo_pack, derived_store=tmp_path / "d4.gpkg"), refresh=folder
    )  # another data pack: asked first, nothing replaced
    assert written is None and "preparato dal pacchetto dati «pack.gpkg»" in " ".join(plan.issues)
    assert verify_package(folder) == []


def test_an_interrupted_aggiorna_is_not_complete_and_the_next_one_completes_it(demo_pack, nord_milano, tmp_path):
    folder = package(
        OfflineRequest(out_dir=tmp_path, maps=("opportunita",), scope=nord_milano),
        make_context(pack=demo_pack, derived_store=tmp_path / "d.gpkg"),
    )
    store_before = store_digest(folder / STORE_FILE)
    killed_at(cli("--data", demo_pack, "--update", folder, hold_at="progetto"), "progetto")
    assert verify_package(folder) == []  # killed before the swap: the package is still the old, complete one
    killed_at(cli("--data", demo_pack, "--update", folder, hold_at="scambio"), "scambio")
    assert verify_package(folder) == [
        f"La cartella «{folder}» non è un pacchetto offline RE.MIX completo: manca " "«manifest.json»."
    ]  # killed in the middle of the swap: not complete
    again = cli("--data", demo_pack, "--update", folder)
    stdout, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    assert "Pacchetto aggiornato" in stdout
    assert verify_package(folder) == [] and store_digest(folder / STORE_FILE) == store_before
    assert not [p for p in folder.iterdir() if p.name.startswith(".") or "aggiornamento" in p.name]


def test_cli_asks_with_exit_status_2_and_writes_with_force(demo_pack, tmp_path):
    out = tmp_path / "out"
    checked = cli("--data", demo_pack, "--limit-mb", "1", "--out", out)
    stdout, stderr = checked.communicate(timeout=300)
    assert checked.returncode == 2, stderr
    assert "da verificare: Dimensione stimata del pacchetto" in stdout and "--force" in stderr
    assert re.search(r"^Dimensione stimata: \d+,\d MB \(limite 1 MB\)$", stdout, re.M), stdout  # «1,9 MB»
    assert not out.exists() or not list(out.iterdir())
    forced = cli("--data", demo_pack, "--limit-mb", "1", "--force", "--map", "realizzazioni", "--out", out)
    stdout, stderr = forced.communicate(timeout=300)
    assert forced.returncode == 0, stderr
    folder = Path(stdout.strip().splitlines()[-1].split(": ", 1)[1].rsplit(" (", 1)[0])
    assert read_manifest(folder)["mappe"] == ["realizzazioni"] and verify_package(folder) == []
    wrong = cli("--data", demo_pack, "--comune", "Cassina de Pecchi", "--zona", "Ovest", "--out", out)
    _, stderr = wrong.communicate(timeout=300)
    assert wrong.returncode == 1 and "Zona omogenea «Ovest» sconosciuta" in stderr and "Traceback" not in stderr


def test_processing_algorithm_writes_the_same_package(demo_pack, tmp_path, qgis_processing, isolated_settings):
    from remix_plugin.processing.provider import RemixProvider

    provider = RemixProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    try:
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("remix:offline_package")
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        results, ok = algorithm.run(
            {
                "DATA": str(demo_pack),
                "COMUNI": "Cassina de' Pecchi;015146",
                "MAPS": [1],
                "LIMIT_MB": 100,
                "FORCE": False,
                "OUTPUT": str(tmp_path),
            },
            context,
            feedback,
        )
        assert ok
        manifest = read_manifest(Path(results["OUTPUT"]))
        assert manifest["area"]["comuni"] == ["Cassina de' Pecchi", "Milano"]
        assert manifest["mappe"] == ["realizzazioni"]
        results, ok = algorithm.run(
            {"DATA": str(demo_pack), "MAPS": [0, 1], "LIMIT_MB": 1, "OUTPUT": str(tmp_path / "piccolo")},
            context,
            feedback,
        )
        assert not ok
        assert not (tmp_path / "piccolo").exists() or list((tmp_path / "piccolo").iterdir()) == []
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
