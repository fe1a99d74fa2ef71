"""`make bench`: the project's speed, as ratios measured side by side in one run.

Writes out/bench.json ({"qgis": version, "rows": [{"name", "value", "unit", "baseline", "ratio",
"target", "holds"}]}); each QGIS version of the matrix writes its own (a root's out/ is
out/matrix/RELEASE/). `--table` then puts them side by side, a column per QGIS version, between the
bench-table markers of README.md. Each capability adds its rows below.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(function, repeat: int = 5) -> float:
    """Median wall time of `function()` in seconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def row(name, value, unit, baseline=None, target=None, ratio=None, higher_is_better=False):
    if ratio is None and baseline:
        ratio = value / baseline
    measured = ratio if ratio is not None else value
    holds = None if target is None else (measured >= target if higher_is_better else measured <= target)
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 4),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "holds": holds,
        "target_is": "min" if higher_is_better else "max",
    }


# --- rows -------------------------------------------------------------------------------------


def bench_maps():
    """Both maps from the demo pack, styled and scaled, vs the same bare QgsVectorLayers."""
    from qgis.core import QgsProject, QgsVectorLayer

    from remix_plugin.core.catalogue.maps import load_map, make_context
    from remix_plugin.core.data import datapack

    folder = Path(tempfile.mkdtemp())
    ctx = make_context(derived_store=folder / "derivati.gpkg")
    # one bare layer for each pack layer the two maps hold (a table shown in both maps counts twice, as loaded)
    tables = [
        e.pack_table()
        for m in ("opportunita", "realizzazioni")
        for e in ctx.catalogue.entries_for_map(m)
        if e.source("datapack")
    ]
    cold_stores = iter(range(100))

    def full(store=folder / "derivati.gpkg"):
        project = QgsProject()
        for map_id in ("opportunita", "realizzazioni"):
            load_map(project, map_id, make_context(ctx.catalogue, derived_store=store))
        project.clear()

    def cold():
        full(folder / f"vuoto_{next(cold_stores)}.gpkg")

    def bare():
        layers = [QgsVectorLayer(datapack.table_uri(ctx.pack, t), t, "ogr") for t in tables]
        assert all(lyr.isValid() for lyr in layers)

    full()  # warm the OS and QGIS caches for both sides alike
    bare()
    t_full, t_bare, t_cold = timed(full), timed(bare), timed(cold)
    return [
        row("Caricamento delle due mappe complete vs strati nudi", t_full * 1000, "ms", t_bare * 1000, 1.5),
        row(
            "… la prima volta (LUM e indicatori calcolati, non ancora nell'archivio dei derivati)",
            t_cold * 1000,
            "ms",
            t_bare * 1000,
        ),
    ]


def bench_startup():
    """QGIS Desktop start-up with and without the plugin (real window under Xvfb)."""
    from tests.desktop.qgis_desktop import build_zip, clean, make_profile, run_qgis, xvfb

    plugin_zip = build_zip()
    script = ROOT / "tests" / "desktop" / "startup_script.py"
    base = Path(tempfile.mkdtemp())
    with_plugin, without_plugin, own = [], [], []
    make_profile(base / "with", plugin_zip, enabled=True)
    make_profile(base / "without", plugin_zip, enabled=False)
    with xvfb() as display:
        run_qgis(base / "without", script, display)  # warm the OS caches
        for _ in range(3):
            without_plugin.append(run_qgis(base / "without", script, display)["_elapsed_s"])
            result = run_qgis(base / "with", script, display)
            with_plugin.append(result["_elapsed_s"])
            own.append(float(str(result["plugin_time"]).rstrip("s")))
    clean(base)
    t_with, t_without = statistics.median(with_plugin), statistics.median(without_plugin)
    return [
        row(
            "Costo del plugin all'avvio di QGIS (import + initGui, misurato da QGIS)",
            statistics.median(own) * 1000,
            "ms",
            target=150,
        ),
        row("Avvio di QGIS Desktop con il plugin vs senza", t_with * 1000, "ms", t_without * 1000),
    ]


def bench_pgt(pack=None):
    """Pacchetto PGT for Milano with 500 Ambiti di Trasformazione (CP1252 shapefile in EPSG:3003):
    check, coherence reading against the demo pack, GeoPackage, CSV, PDF and manifest."""
    from remix_plugin.core.data import datapack
    from remix_plugin.core.pgt.check import SourceLayer, comune_from_pack, open_source
    from remix_plugin.core.pgt.package import create_package, verify
    from remix_plugin.core.pgt.themes import complete_mapping, load_themes
    from tests.conftest import SHARED_DATA
    from tests.qgis.pgt_files import comune_geometry, many_areas_shapefile

    pack = pack or datapack.demo_pack_path()
    work = Path(tempfile.mkdtemp())
    shapefile = many_areas_shapefile(work / "tecnico", comune_geometry(SHARED_DATA, "015146"), count=500)
    themes = load_themes()
    comune = comune_from_pack(pack, "015146")

    def check_and_package():
        sources = {"ambiti_trasformazione": SourceLayer.from_layer(open_source(str(shapefile)))}
        mapping = complete_mapping(themes, {t: s.field_names() for t, s in sources.items()}, {})
        check, reading = verify(pack, comune, sources, mapping, themes)
        assert check.results["ambiti_trasformazione"].layer.featureCount() == 500
        create_package(check, reading, work / "invio")

    seconds = timed(check_and_package, repeat=3)
    return [row("Verifica + pacchetto PGT (PDF compreso) per un Comune con 500 aree", seconds, "s", target=10)]


def bench_zone_filter():
    """Applying and clearing a Zona omogenea filter (each of the 8 zones in turn) with both maps
    loaded from the demo pack. The third row, for reference: QGIS giving the same layers a new
    source with a fixed subset string in its ordinary way (one GeoPackage opening per layer)."""
    from qgis.core import QgsDataProvider, QgsProject, QgsVectorLayer

    from remix_plugin.core.catalogue.maps import load_map, make_context
    from remix_plugin.core.scope.filtering import apply_scope, catalogue_layers
    from remix_plugin.core.scope.model import comuni_table, resolve_scope, zones

    ctx = make_context(derived_store=Path(tempfile.mkdtemp()) / "derivati.gpkg")
    project = QgsProject()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, ctx)
    scopes = [resolve_scope(ctx.pack, [z]) for z in zones(comuni_table(ctx.pack))]
    apply_scope(project, scopes[0], ctx.pack)  # warm caches (Comuni, styles)
    apply_scope(project, None, ctx.pack)
    applying, clearing = [], []
    for _ in range(2):
        for scope in scopes:
            started = time.perf_counter()
            apply_scope(project, scope, ctx.pack)
            applying.append(time.perf_counter() - started)
            started = time.perf_counter()
            apply_scope(project, None, ctx.pack)
            clearing.append(time.perf_counter() - started)
    layers = [lyr for lyr in catalogue_layers(project) if isinstance(lyr, QgsVectorLayer)]
    sources = [lyr.source() for lyr in layers]

    def resource(subset):
        for layer, source in zip(layers, sources):
            layer.setDataSource(source + subset, layer.name(), layer.providerType(), QgsDataProvider.ProviderOptions())

    reference = timed(lambda: (resource('|subset="fid" > 0'), resource("")), repeat=5) / 2
    return [
        row(
            f"Filtro per Zona omogenea, due mappe ({len(layers)} strati filtrabili): applicare",
            statistics.median(applying) * 1000,
            "ms",
            target=200,
        ),
        row("Filtro per Zona omogenea, due mappe: togliere", statistics.median(clearing) * 1000, "ms", target=200),
        row("Riferimento: QGIS dà agli stessi strati una sorgente con filtro fisso", reference * 1000, "ms"),
    ]


def make_opportunity_pack(path: Path, count: int, source_pack: Path, seed: int = 4) -> int:
    """A pack with `count` opportunity polygons over the Comuni of `source_pack` (bench only, never committed).

    Sites lie inside the Comuni on a jittered grid and cover about 5 % of the land, each table
    without overlaps of its own; 30 % of the sites are recorded again by a second database with a
    slightly different outline (the overlaps the indicator must count once), 2 % are large ambiti
    overlapping their neighbours, 0.1 % are invalid bow-ties. A third of the Offerta are «libero».
    """
    import math
    import random

    from osgeo import ogr, osr
    from qgis.core import QgsGeometry, QgsPointXY

    from remix_plugin.core.data import datapack
    from remix_plugin.core.data.comuni_index import Comuni
    from remix_plugin.core.data.layers import write_to_gpkg
    from remix_plugin.core.indicators.opportunity_area import SOURCES

    rnd = random.Random(seed)
    for table in ("comuni", "zone_omogenee", "metadata"):
        write_to_gpkg(datapack.open_table(source_pack, table), path, table)
    comuni = Comuni.from_layer(datapack.open_table(path, "comuni"))
    extent = comuni.extent()
    spacing = math.sqrt(sum(g.area() for g in comuni.geometries) / (count / 1.3))
    radius = math.sqrt(0.05 * spacing * spacing / math.pi)
    tables = [t for t, _ in SOURCES]
    dataset = ogr.Open(str(path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    layers = {}
    for table in tables:
        layers[table] = dataset.CreateLayer(table, srs, ogr.wkbMultiPolygon, ["GEOMETRY_NAME=geom"])
        for name in ("id", "nome", "pro_com_t", "fonte", "aggiornamento", "stato_suolo"):
            layers[table].CreateField(ogr.FieldDefn(name, ogr.OFTString))
    dataset.StartTransaction()
    made = 0

    def polygon(x, y, r):
        k = rnd.randint(6, 14)
        ring = [
            (
                x + r * rnd.uniform(0.75, 1) * math.cos(2 * math.pi * j / k),
                y + r * rnd.uniform(0.75, 1) * math.sin(2 * math.pi * j / k),
            )
            for j in range(k)
        ]
        if rnd.random() < 0.001:
            ring[1], ring[2] = ring[2], ring[1]
        return ogr.CreateGeometryFromWkt(
            "MULTIPOLYGON(((" + ", ".join(f"{a:.2f} {b:.2f}" for a, b in ring + ring[:1]) + ")))"
        )

    def add(table, geometry, code):
        layer = layers[table]
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(geometry)
        for name, value in (
            ("id", str(made)),
            ("nome", f"Area {made}"),
            ("pro_com_t", code),
            ("fonte", "generato per il bench"),
            ("aggiornamento", "2024"),
        ):
            feature.SetField(name, value)
        if table.startswith("offerta"):
            feature.SetField("stato_suolo", rnd.choice(("libero", "parzialmente edificato", "edificato")))
        layer.CreateFeature(feature)

    cells = [
        (i, j) for i in range(int(extent.width() / spacing) + 1) for j in range(int(extent.height() / spacing) + 1)
    ]
    while made < count:
        rnd.shuffle(cells)
        for i, j in cells:
            if made >= count:
                break
            x = extent.xMinimum() + (i + rnd.uniform(0.2, 0.8)) * spacing
            y = extent.yMinimum() + (j + rnd.uniform(0.2, 0.8)) * spacing
            point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            number = comuni.comune_at(point)
            if number is None:
                continue
            r = radius * rnd.uniform(0.6, 1.4) * (5 if rnd.random() < 0.02 else 1)
            table = rnd.choice(tables)
            add(table, polygon(x, y, r), comuni.codes[number])
            made += 1
            if rnd.random() < 0.3 and made < count:
                add(
                    rnd.choice([t for t in tables if t != table]),
                    polygon(x + rnd.uniform(-0.5, 0.5) * r, y + rnd.uniform(-0.5, 0.5) * r, r * rnd.uniform(0.7, 1.2)),
                    comuni.codes[number],
                )
                made += 1
    dataset.CommitTransaction()
    dataset = None
    return made


def _bare_read(pack: Path, tables) -> int:
    """Every feature of the tables, with its attributes and geometry: what just reading the input costs."""
    from remix_plugin.core.data import datapack

    count = 0
    for table in tables:
        for feature in datapack.open_table(pack, table).getFeatures():
            feature.geometry()
            count += 1
    return count


def _processing_superficie(pack: Path) -> dict:
    """The indicator as a QGIS user would chain it: merge, fix geometries, intersect with the Comuni,
    dissolve by Comune, area. (A plain union-then-intersect did not finish on 100 000 polygons.)"""
    import processing
    from qgis.core import QgsVectorLayer

    from remix_plugin.core.data import datapack
    from remix_plugin.core.indicators.opportunity_area import SOURCES

    layers = []
    for table, expression in SOURCES:
        layer = QgsVectorLayer(datapack.table_uri(pack, table), table, "ogr")
        if expression:
            layer.setSubsetString("\"stato_suolo\" <> 'libero'")
        layers.append(layer)
    merged = processing.run(
        "native:mergevectorlayers", {"LAYERS": layers, "CRS": "EPSG:32632", "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    fixed = processing.run("native:fixgeometries", {"INPUT": merged, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    cut = processing.run(
        "native:intersection",
        {
            "INPUT": fixed,
            "OVERLAY": datapack.table_uri(pack, "comuni"),
            "INPUT_FIELDS": ["fid"],
            "OVERLAY_FIELDS": ["pro_com_t"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    dissolved = processing.run("native:dissolve", {"INPUT": cut, "FIELD": ["pro_com_t"], "OUTPUT": "TEMPORARY_OUTPUT"})[
        "OUTPUT"
    ]
    return {f["pro_com_t"]: f.geometry().area() for f in dissolved.getFeatures()}


def _processing_finanziamento(pack: Path) -> dict:
    """Funding per Comune as a Processing chain: join each interventi table to the shares, merge, weight, aggregate."""
    import processing

    from remix_plugin.core.data import datapack
    from remix_plugin.core.indicators.funding import SHARES_TABLE, SOURCES

    joined = [
        processing.run(
            "native:joinattributestable",
            {
                "INPUT": datapack.table_uri(pack, SHARES_TABLE),
                "FIELD": "cup",
                "INPUT_2": datapack.table_uri(pack, table),
                "FIELD_2": "cup",
                "FIELDS_TO_COPY": ["importo_finanziato", "importo_cofinanziato"],
                "METHOD": 1,
                "DISCARD_NONMATCHING": True,
                "PREFIX": "",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )["OUTPUT"]
        for table in SOURCES
    ]
    merged = processing.run("native:mergevectorlayers", {"LAYERS": joined, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    totals = processing.run(
        "native:aggregate",
        {
            "INPUT": merged,
            "GROUP_BY": '"pro_com_t"',
            "OUTPUT": "TEMPORARY_OUTPUT",
            "AGGREGATES": [
                {
                    "aggregate": "first_value",
                    "delimiter": ",",
                    "input": '"pro_com_t"',
                    "length": 6,
                    "name": "pro_com_t",
                    "precision": 0,
                    "type": 10,
                },
                {
                    "aggregate": "sum",
                    "delimiter": ",",
                    "input": '"importo_finanziato" * "quota"',
                    "length": 0,
                    "name": "finanziamento",
                    "precision": 2,
                    "type": 6,
                },
            ],
        },
    )["OUTPUT"]
    return {f["pro_com_t"]: f["finanziamento"] for f in totals.getFeatures()}


def _start_processing():
    from qgis.core import QgsApplication

    plugins = str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins")
    if plugins not in sys.path:
        sys.path.append(plugins)
    from processing.core.Processing import Processing

    Processing.initialize()


def bench_indicators_demo():
    """Both indicators for the 133 Comuni of the demo pack, vs the Processing chains and a bare read."""
    from remix_plugin.core.data import datapack
    from remix_plugin.core.indicators import funding, opportunity_area
    from remix_plugin.core.indicators.synthesis import compute_all

    _start_processing()
    pack = datapack.demo_pack_path()
    tables = [t for t, _ in opportunity_area.SOURCES] + list(funding.SOURCES) + [funding.SHARES_TABLE, "comuni"]
    ours = timed(lambda: compute_all(pack))
    chain = timed(lambda: (_processing_superficie(pack), _processing_finanziamento(pack)), repeat=3)
    bare = timed(lambda: _bare_read(pack, tables))
    return [
        row(
            "Indicatori (entrambi, 133 Comuni, pacchetto dimostrativo) vs catena Processing",
            ours * 1000,
            "ms",
            chain * 1000,
            0.2,
        ),
        row(
            "Indicatori (entrambi, 133 Comuni, pacchetto dimostrativo) vs lettura nuda degli stessi strati",
            ours * 1000,
            "ms",
            bare * 1000,
            3,
        ),
    ]


def bench_indicators_scaling():
    """Indicator 1 on generated packs of 10 000, 100 000 and 1 000 000 opportunity polygons: vs the
    Processing chain (up to 100 000: at 1 000 000 it would take several minutes) and vs a bare read."""
    from remix_plugin.core.data import datapack
    from remix_plugin.core.indicators.opportunity_area import SOURCES
    from remix_plugin.core.indicators.synthesis import measure

    _start_processing()
    source = datapack.demo_pack_path()
    work = Path(tempfile.mkdtemp())
    rows, per_polygon = [], {}
    try:
        for count, repeat in ((10000, 3), (100000, 3), (1000000, 1)):
            pack = work / f"aree_{count}.gpkg"
            make_opportunity_pack(pack, count, source)
            label = f"{count:,}".replace(",", ".")
            tables = [t for t, _ in SOURCES]
            _bare_read(pack, tables)  # warm the OS cache for every side alike
            ours = timed(lambda pack=pack: measure("superficie", pack), repeat)
            bare = timed(lambda pack=pack, tables=tables: _bare_read(pack, tables), repeat)
            per_polygon[count] = ours / count
            if count <= 100000:
                chain = timed(lambda pack=pack: _processing_superficie(pack), 1)
                rows.append(row(f"Superficie su {label} poligoni generati vs catena Processing", ours, "s", chain, 0.2))
            rows.append(row(f"Superficie su {label} poligoni generati vs lettura nuda", ours, "s", bare, 3))
            if count == 100000:
                rows.append(row("Superficie su 100.000 poligoni generati (tempo)", ours, "s", target=10))
            pack.unlink()
        rows.append(
            row(
                "Crescita: costo per poligono a 1.000.000 rispetto a 100.000 (1 = lineare)",
                per_polygon[1000000] * 1e6,
                "µs",
                per_polygon[100000] * 1e6,
                1.3,
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def bench_segnalazioni():
    """Sync of 10 000 new segnalazioni with a real PostgreSQL + PostGIS (its own throwaway cluster, set up by
    central-setup), as a Comune role under row-level security, a sync with nothing to do, and 10 000 received
    into a new local file. Credentials: a pg_service file
    and a .pgpass of the bench's own, as libpq reads them (no password in any connection string)."""
    import shutil

    from remix_plugin.core.segnalazioni.central_setup import central_setup, grant
    from remix_plugin.core.segnalazioni.geometry import ComuniLookup
    from remix_plugin.core.segnalazioni.sync import sync
    from tests.qgis.segnalazioni_fixtures import build_pack, bulk, superuser_conninfo
    from tests.servers.postgis import PostgisServer

    work = Path(tempfile.mkdtemp(prefix="remix-bench-segnalazioni-"))
    server = PostgisServer().start()
    saved_env = {k: os.environ.get(k) for k in ("PGSERVICEFILE", "PGPASSFILE")}
    try:
        (work / "pg_service.conf").write_text(
            f"[remix_bench]\nhost={server.host}\nport={server.port}\n" f"user={server.user}\n"
        )
        (work / "pgpass").write_text(f"{server.host}:{server.port}:*:{server.user}:{server.password}\n")
        (work / "pgpass").chmod(0o600)
        os.environ.update(PGSERVICEFILE=str(work / "pg_service.conf"), PGPASSFILE=str(work / "pgpass"))
        pack = build_pack(work / "pack.gpkg", ROOT.parent / "shared" / "data")
        template = work / "diecimila.gpkg"
        lookup = ComuniLookup.for_pack(pack)
        bulk(template, lookup, 10000)
        push, pull = [], []
        for n in range(3):
            server.psql(f"CREATE DATABASE bench_{n} OWNER {server.user}", dbname="postgres")
            server.psql("CREATE EXTENSION postgis", dbname=f"bench_{n}")
            # set up by CMM, the bench's login a Comune role (of every Comune: row-level security on each row)
            central_setup(superuser_conninfo(server, f"bench_{n}"))
            grant(superuser_conninfo(server, f"bench_{n}"), server.user, "comune", [c.code for c in lookup.all()])
            central = f"service=remix_bench dbname=bench_{n}"
            local = work / f"locale_{n}.gpkg"
            shutil.copy(template, local)
            started = time.perf_counter()
            assert sync(local, central).sent_new == 10000
            push.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert sync(work / f"ricevuto_{n}.gpkg", central).received_new == 10000
            pull.append(time.perf_counter() - started)
        idle = timed(lambda: sync(local, central), 5)
    finally:
        server.stop()
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(work, ignore_errors=True)
    return [
        row(
            "Sincronizzazione di 10 000 segnalazioni nuove verso PostGIS (ruolo di Comune, sicurezza per riga)",
            statistics.median(push),
            "s",
            target=10,
        ),
        row("Risincronizzazione senza modifiche (10 000 segnalazioni)", idle, "s", target=1),
        row("Ricezione di 10 000 segnalazioni in un archivio locale nuovo", statistics.median(pull), "s", target=10),
    ]


def bench_offline():
    """«Prepara pacchetto offline» for the whole Città metropolitana, both maps, from the demo pack (plan,
    GeoPackage with styles, segnalazioni store, templates and layouts, project, manifest); and its size."""
    from remix_plugin.core.catalogue.maps import make_context
    from remix_plugin.core.offline.package import OfflineRequest, prepare

    work = Path(tempfile.mkdtemp(prefix="remix-bench-offline-"))
    runs = iter(range(100))
    made = []

    def package():
        made.append(
            prepare(
                OfflineRequest(out_dir=work / f"giro_{next(runs)}"), make_context(derived_store=work / "derivati.gpkg")
            )[1]
        )

    try:
        package()  # warm the derived store (LUM, indicators) and the OS caches
        elapsed = timed(package, 3)
        size = sum(f.stat().st_size for f in made[-1].rglob("*") if f.is_file())
        manifest = json.loads((made[-1] / "manifest.json").read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        row(
            "Pacchetto offline: tutta la Città metropolitana, due mappe, dal pacchetto dimostrativo",
            elapsed,
            "s",
            target=30,
        ),
        row(
            f"… dimensione del pacchetto ({len(manifest['strati'])} tabelle, {len(manifest['file'])} file)",
            size / 1024 / 1024,
            "MB",
        ),
    ]


def bench_infobox():
    """«Informazioni RE.MIX» with both maps of the demo pack loaded: a click on a PINQuA intervento in Rho
    at about 1:5.000 (the features hit, the first infobox rendered and shown in the dock's QTextBrowser);
    and the «RE.MIX» locator filter answering through QGIS's own locator (its thread, its signals) over
    every searchable feature of the pack, the index already built; the building, for reference."""
    from types import SimpleNamespace

    from qgis.core import QgsApplication, QgsLocator, QgsLocatorContext, QgsMapSettings, QgsProject, QgsRectangle
    from qgis.PyQt.QtCore import QSize

    from remix_plugin.core.catalogue.maps import load_map, make_context
    from remix_plugin.core.infobox.content import infobox_html
    from remix_plugin.core.infobox.identify import identify
    from remix_plugin.core.infobox.places import build_places
    from remix_plugin.gui.infobox_dock import InfoboxDock
    from remix_plugin.gui.locator_filter import PlaceIndex, RemixLocatorFilter

    ctx = make_context(derived_store=Path(tempfile.mkdtemp()) / "derivati.gpkg")
    project = QgsProject()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, ctx)
    root = project.layerTreeRoot()
    settings = QgsMapSettings()
    settings.setLayers([lyr for lyr in root.layerOrder() if root.findLayer(lyr.id()).isVisible()])
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(QSize(1000, 800))
    pinqua = next(
        lyr for lyr in project.mapLayers().values() if lyr.customProperty("remix/entry_id") == "interventi_pinqua"
    )
    target = next(pinqua.getFeatures("\"cup\" = 'C41I21000020001'")).geometry().pointOnSurface().asPoint()
    settings.setExtent(QgsRectangle(target.x() - 660, target.y() - 530, target.x() + 660, target.y() + 530))
    dock = InfoboxDock()
    hits = []

    def click():
        hits[:] = identify(settings, target, ctx.catalogue)
        dock.set_hits(hits, lambda hit: infobox_html(hit.layer, hit.feature, hit.entry, None, ctx.pack))

    click()  # templates compiled, caches warm
    if not hits or hits[0].entry.id != "interventi_pinqua":
        raise RuntimeError(f"il clic non tocca l'intervento: {[h.key for h in hits]}")
    t_click = timed(click, repeat=20)

    index = PlaceIndex(SimpleNamespace(scope=None, catalogue=ctx.catalogue))
    locator = QgsLocator()
    locator.registerFilter(RemixLocatorFilter(index, lambda *chosen: None))
    answers = []
    locator.foundResult.connect(lambda result: answers.append(result.displayString))

    def search():
        answers.clear()
        locator.fetchResults("rmx cassina de pecchi", QgsLocatorContext())
        while locator.isRunning():
            QgsApplication.processEvents()
        QgsApplication.processEvents()
        if answers[:1] != ["Cassina de' Pecchi"]:
            raise RuntimeError(f"la ricerca non trova il Comune: {answers[:5]}")

    search()  # builds the index
    t_search = timed(search, repeat=20)
    t_build = timed(lambda: build_places(ctx.pack, ctx.catalogue), repeat=5)
    count = len(index.current.places)
    dock.deleteLater()
    project.clear()
    return [
        row(
            f"Clic → infobox mostrata, due mappe caricate ({len(hits)} elementi toccati)",
            t_click * 1000,
            "ms",
            target=50,
        ),
        row(
            f"Ricerca «RE.MIX» nella barra di QGIS, risposta su {count} elementi del pacchetto",
            t_search * 1000,
            "ms",
            target=100,
        ),
        row(
            "… costruzione dell'indice della ricerca (prima ricerca dopo un cambio di pacchetto o di filtro)",
            t_build * 1000,
            "ms",
        ),
    ]


def bench_print():
    """CMM print layouts: the A3 landscape PDF of the whole Mappa delle Realizzazioni as loaded in QGIS (what the
    user waits for after «Esporta»), and the Scheda comunale atlas of the 133 Comuni from the demo pack
    (indicators, interventi, layers and 133 pages in one PDF)."""
    from qgis.core import QgsProject

    from remix_plugin.core.catalogue.maps import load_map, make_context
    from remix_plugin.core.printing import export
    from remix_plugin.core.printing.atlas import print_atlas
    from remix_plugin.core.scope.model import ALL_CMM

    work = Path(tempfile.mkdtemp(prefix="remix-bench-print-"))
    try:
        ctx = make_context(derived_store=work / "derivati.gpkg")
        project = QgsProject()
        load_map(project, "realizzazioni", ctx)
        sheet = export.template("A3_orizzontale")
        view = export.project_view(project, "realizzazioni")
        a3 = timed(
            lambda: export.print_map(
                project, sheet, view, "Mappa delle Realizzazioni", ALL_CMM, work / "a3.pdf", ctx.pack, ctx.catalogue
            ),
            3,
        )
        atlas = timed(lambda: print_atlas(ctx.pack, None, work / "schede.pdf"), 1)
        size = (work / "schede.pdf").stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        row("Stampa A3 orizzontale in PDF della Mappa delle Realizzazioni completa", a3, "s", target=5),
        row("Schede comunali (atlante) dei 133 Comuni in un PDF", atlas, "s", target=90),
        row("… dimensione del PDF delle 133 schede", size / 1024 / 1024, "MB"),
    ]


BENCHES = [
    bench_maps,
    bench_startup,
    bench_pgt,
    bench_zone_filter,
    bench_indicators_demo,
    bench_indicators_scaling,
    bench_segnalazioni,
    bench_offline,
    bench_infobox,
    bench_print,
]


def _cell(r) -> str:
    if r is None:
        return ""
    if r.get("value") is None:
        return f"errore: {r.get('error', '')}"
    ratio = "" if r["ratio"] is None else f" (×{r['ratio']} di {r['baseline']})"
    holds = "" if r["holds"] is None else (" ✓" if r["holds"] else " **NO**")
    return f"{r['value']} {r['unit']}{ratio}{holds}"


def write_readme_table(runs):
    """`runs`: [(QGIS version, rows)], oldest first: a row per measure, a column per version."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench-table -->", "<!-- /bench-table -->"
    if start not in text or end not in text:
        return
    names = list(dict.fromkeys(r["name"] for _, rows in runs for r in rows))
    by_version = [{r["name"]: r for r in rows} for _, rows in runs]
    lines = [
        "| misura | obiettivo | " + " | ".join(f"QGIS {v}" for v, _ in runs) + " |",
        "|---|---|" + "---|" * len(runs),
    ]
    for name in names:
        found = [rows.get(name) for rows in by_version]
        r = next(x for x in found if x)
        target = "" if r["target"] is None else ("≥ " if r.get("target_is") == "min" else "≤ ") + str(r["target"])
        target += " (rapporto)" if r["target"] is not None and r["baseline"] is not None else ""
        lines.append(f"| {name} | {target} | " + " | ".join(_cell(x) for x in found) + " |")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail, encoding="utf-8")


def collected_runs():
    """The bench.json of every version measured (the host's and each root's), oldest QGIS first."""
    runs = []
    for path in [ROOT / "out" / "bench.json", *sorted((ROOT / "out" / "matrix").glob("*/bench.json"))]:
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                runs.append((data["qgis"].split("-")[0], data["rows"]))
    return sorted(runs, key=lambda run: [int(n) for n in run[0].split(".")])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "out" / "bench.json"))
    parser.add_argument("--only", help="run only the benches whose function name contains this")
    parser.add_argument(
        "--table",
        action="store_true",
        help="only write README's table from the bench.json of every QGIS version measured",
    )
    args = parser.parse_args()
    if args.table:
        write_readme_table(collected_runs())
        return 0
    from qgis.core import Qgis

    from remix_plugin.cli import start_qgis

    start_qgis()
    rows = []
    for bench in BENCHES:
        if args.only and args.only not in bench.__name__:
            continue
        try:
            rows += bench()
        except Exception as exc:  # a broken bench is a row that says so, not a missing row
            rows.append(
                {
                    "name": bench.__name__,
                    "value": None,
                    "unit": "",
                    "baseline": None,
                    "ratio": None,
                    "target": None,
                    "holds": False,
                    "error": repr(exc),
                }
            )
        for r in rows[-3:]:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps({"qgis": Qgis.QGIS_VERSION, "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
