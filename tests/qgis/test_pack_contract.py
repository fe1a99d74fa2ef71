"""The data-pack contract (docs/DATA_PACK.md) enforced by every command: a pack in another CRS or without
a required table is refused with one Italian line naming what is wrong, never used quietly."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import gdal

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    done = subprocess.run(
        [sys.executable, "-m", "remix_plugin", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT / "out")},
    )
    return done.returncode, done.stderr.strip().splitlines()


@pytest.fixture(scope="module")
def pack_in_4326(demo_pack, tmp_path_factory):
    """The demo pack with its Comuni and Zone as someone might export them from a web map: WGS 84 (EPSG:4326)."""
    out = tmp_path_factory.mktemp("wgs84") / "pacchetto_wgs84.gpkg"
    shutil.copy(demo_pack, out)
    for table in ("comuni", "zone_omogenee"):
        dataset = gdal.OpenEx(str(out), gdal.OF_VECTOR | gdal.OF_UPDATE)
        dataset.ExecuteSQL(f"DROP TABLE {table}")
        dataset = None
        gdal.VectorTranslate(
            str(out),
            str(demo_pack),
            options=gdal.VectorTranslateOptions(
                accessMode="update", layers=[table], layerName=table, dstSRS="EPSG:4326"
            ),
        )
    return out


@pytest.fixture(scope="module")
def pack_without_metadata(demo_pack, tmp_path_factory):
    out = tmp_path_factory.mktemp("senza") / "senza_metadata.gpkg"
    shutil.copy(demo_pack, out)
    dataset = gdal.OpenEx(str(out), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("DROP TABLE metadata")
    dataset = None
    return out


@pytest.mark.parametrize(
    "command",
    [
        ["indicators", "--out", "{tmp}/x.csv"],
        ["project", "--map", "opportunita", "--out", "{tmp}/p.qgz"],
        ["atlas", "--zona", "Nord Milano", "--out", "{tmp}/a.pdf"],
    ],
)
def test_a_pack_in_another_crs_is_refused_naming_both_crs(pack_in_4326, tmp_path, command):
    code, stderr = cli(*[part.format(tmp=tmp_path) for part in command], "--data", pack_in_4326)
    assert code == 1 and len(stderr) == 1, stderr
    assert "pacchetto_wgs84.gpkg" in stderr[0] and "EPSG:4326" in stderr[0] and "EPSG:32632" in stderr[0]
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize(
    "command",
    [
        ["indicators", "--out", "{tmp}/x.csv"],
        [
            "segnalazioni",
            "new",
            "--local",
            "{tmp}/s.gpkg",
            "--tipo",
            "criticita",
            "--natura",
            "azioni",
            "--titolo",
            "Prova",
            "--comune",
            "Rho",
        ],
    ],
)
def test_a_pack_without_metadata_is_refused_by_every_command(pack_without_metadata, tmp_path, command):
    code, stderr = cli(*[part.format(tmp=tmp_path) for part in command], "--data", pack_without_metadata)
    assert code == 1 and len(stderr) == 1, stderr
    assert "senza_metadata.gpkg" in stderr[0] and "mancano le tabelle metadata" in stderr[0]
    assert list(tmp_path.iterdir()) == []


def test_the_demo_pack_follows_the_contract(demo_pack):
    from remix_plugin.core.data.datapack import check_pack

    assert check_pack(demo_pack) is None
    with sqlite3.connect(demo_pack) as db:
        assert {row[0] for row in db.execute("SELECT DISTINCT srs_id FROM gpkg_geometry_columns")} == {32632}


def table_as_points(demo_pack: Path, out: Path, table: str) -> Path:
    """The demo pack with one table exported as its centroids (a common slip when a table is made from a CSV
    of places)."""
    shutil.copy(demo_pack, out)
    dataset = gdal.OpenEx(str(out), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL(f"DROP TABLE {table}")
    dataset = None
    gdal.VectorTranslate(
        str(out),
        str(demo_pack),
        options=gdal.VectorTranslateOptions(
            accessMode="update",
            SQLStatement=f"SELECT ST_Centroid(geom) AS geom, * FROM {table}",
            SQLDialect="SQLite",
            layerName=table,
            geometryType="POINT",
        ),
    )
    return out


@pytest.fixture(scope="module")
def pack_with_comuni_as_points(demo_pack, tmp_path_factory):
    return table_as_points(demo_pack, tmp_path_factory.mktemp("punti") / "comuni_punti.gpkg", "comuni")


@pytest.mark.parametrize(
    "command",
    [
        ["indicators", "--out", "{tmp}/x.csv"],
        ["atlas", "--zona", "Milano", "--out", "{tmp}/a.pdf"],
        ["offline", "--zona", "Milano", "--out", "{tmp}/offline"],
    ],
)
def test_comuni_as_points_are_refused_with_a_message_not_a_traceback(pack_with_comuni_as_points, tmp_path, command):
    code, stderr = cli(*[part.format(tmp=tmp_path) for part in command], "--data", pack_with_comuni_as_points)
    assert code == 1 and len(stderr) == 1, stderr
    assert "«comuni» deve avere poligoni" in stderr[0] and "POINT" in stderr[0].upper()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["project", "print"])
def test_a_map_table_of_the_wrong_geometry_type_is_left_out_naming_table_and_types(demo_pack, tmp_path, command):
    """Aree Remix stored as points: the map loads without that layer and says why in one Italian line (not
    QGIS's English complaint about the CMM style); the indicator that needs the areas says what it needs."""
    pack = table_as_points(demo_pack, tmp_path / "aree_punti.gpkg", "aree_remix")
    out = tmp_path / ("mappa.qgz" if command == "project" else "mappa.pdf")
    code, stderr = cli(command, "--map", "opportunita", "--out", out, "--data", pack)
    assert code == 0 and out.exists(), stderr
    assert (
        "avviso: Strato «Aree della Rigenerazione Remix»: tabella «aree_remix» del pacchetto dati: geometrie di "
        "tipo «punti», attese «poligoni» (il pacchetto non segue il contratto)."
    ) in stderr, stderr
    assert not [line for line in stderr if "style" in line or "stile" in line], stderr


@pytest.mark.parametrize("content", [b"", b"questo non e' un GeoPackage\n", b"SQLite format 3\x00" + b"\x00" * 50])
def test_a_local_store_that_is_not_a_geopackage_is_refused_and_left_as_it_was(tmp_path, content):
    store = tmp_path / "segnalazioni.gpkg"
    store.write_bytes(content)
    for command in (
        ["new", "--tipo", "criticita", "--natura", "azioni", "--titolo", "Prova", "--comune", "Rho"],
        ["list"],
    ):
        code, stderr = cli("segnalazioni", command[0], "--local", store, *command[1:])
        assert code == 1 and len(stderr) == 1 and "«segnalazioni.gpkg»" in stderr[0], stderr
        assert store.read_bytes() == content
    assert (
        "non è un archivio di segnalazioni RE.MIX: non è un GeoPackage leggibile"
        in cli(
            "segnalazioni",
            "new",
            "--local",
            store,
            "--tipo",
            "criticita",
            "--natura",
            "azioni",
            "--titolo",
            "P",
            "--comune",
            "Rho",
        )[1][0]
    )


@pytest.mark.parametrize("size", [0, 300_000])
def test_an_empty_or_truncated_pack_is_one_italian_line_without_gdals_own(demo_pack, tmp_path, size):
    pack = tmp_path / "copia_interrotta.gpkg"
    pack.write_bytes(demo_pack.read_bytes()[:size])
    code, stderr = cli("indicators", "--data", pack, "--out", tmp_path / "x.csv")
    assert code == 1 and stderr == [
        "errore: Il pacchetto dati «copia_interrotta.gpkg» non è un GeoPackage leggibile (vuoto, incompleto o "
        "danneggiato): sceglierne un altro o copiarlo di nuovo."
    ]
