"""A pack with only the required tables plus any subset of the optional ones (docs/DATA_PACK.md): the
indicators run, say once per missing table what it means, and list the missing tables in their JSON."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import gdal

from remix_plugin.core.indicators import funding, opportunity_area

ROOT = Path(__file__).resolve().parents[2]
OPTIONAL = [table for table, _ in opportunity_area.SOURCES] + list(funding.SOURCES) + [funding.SHARES_TABLE]


def without(demo_pack: Path, folder: Path, tables) -> Path:
    pack = folder / "pacchetto.gpkg"
    shutil.copy(demo_pack, pack)
    dataset = gdal.OpenEx(str(pack), gdal.OF_VECTOR | gdal.OF_UPDATE)
    for table in tables:
        dataset.ExecuteSQL(f'DROP TABLE "{table}"')
    dataset = None
    return pack


def indicators(pack: Path, out: Path):
    done = subprocess.run(
        [sys.executable, "-m", "remix_plugin", "indicators", "--data", str(pack), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    return done.returncode, done.stderr.strip().splitlines()


@pytest.mark.parametrize("table", OPTIONAL)
def test_each_optional_table_alone_may_be_missing(demo_pack, tmp_path, table):
    code, stderr = indicators(without(demo_pack, tmp_path, [table]), tmp_path / "indicatori.csv")
    assert code == 0, stderr
    said = [line for line in stderr if f"Tabella «{table}» assente" in line]
    assert len(said) == 1 and "servizio" not in said[0], stderr
    metadata = json.loads((tmp_path / "indicatori.json").read_text(encoding="utf-8"))
    assert any(table in indicator["tabelle_assenti"] for indicator in metadata["indicatori"].values()), metadata


def test_a_pack_with_only_the_required_tables_gives_zero_everywhere_and_says_why(demo_pack, tmp_path):
    code, stderr = indicators(without(demo_pack, tmp_path, OPTIONAL), tmp_path / "indicatori.csv")
    assert code == 0, stderr
    assert "nessuna AZIONE di Bando PERIFERIE: contate solo le aree" in "\n".join(stderr)
    rows = (tmp_path / "indicatori.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 134  # the header and the 133 Comuni


def run(*args):
    done = subprocess.run(
        [sys.executable, "-m", "remix_plugin", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    return done.returncode, (done.stdout + done.stderr).strip().splitlines()


@pytest.mark.parametrize(
    "command",
    [
        ["project", "--map", "realizzazioni", "--out", "{tmp}/r.qgz"],
        ["print", "--map", "realizzazioni", "--out", "{tmp}/r.pdf"],
        ["atlas", "--comune", "Rho", "--out", "{tmp}/a.pdf"],
        ["offline", "--zona", "Nord Ovest", "--out", "{tmp}/offline"],
    ],
)
def test_every_command_runs_without_the_azioni_and_says_so_without_blaming_a_service(demo_pack, tmp_path, command):
    pack = without(demo_pack, tmp_path, ["interventi_periferie_punti"])
    code, stderr = run(*[part.format(tmp=tmp_path) for part in command], "--data", pack)
    assert code == 0, stderr
    said = [line for line in stderr if "interventi_periferie_punti" in line]
    assert len(said) == 1 and "assente dal pacchetto dati" in said[0] and "servizio" not in said[0], stderr


@pytest.fixture(scope="module")
def required_only(demo_pack, tmp_path_factory):
    """Only `comuni`, `zone_omogenee` and `metadata`: the smallest pack the contract allows."""
    pack = tmp_path_factory.mktemp("minimo") / "minimo.gpkg"
    shutil.copy(demo_pack, pack)
    dataset = gdal.OpenEx(str(pack), gdal.OF_VECTOR | gdal.OF_UPDATE)
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    for name in names:
        if name not in ("comuni", "zone_omogenee", "metadata"):
            dataset.ExecuteSQL(f'DROP TABLE "{name}"')
    dataset = None
    return pack


@pytest.mark.parametrize(
    "command",
    [
        ["project", "--map", "opportunita", "--out", "{tmp}/o.qgz"],
        ["print", "--map", "realizzazioni", "--out", "{tmp}/r.pdf"],
        ["atlas", "--comune", "Rho", "--out", "{tmp}/a.pdf"],
        ["offline", "--zona", "Milano", "--out", "{tmp}/offline"],
        ["infobox", "--layer", "comuni", "--fid", "1", "--format", "json"],
    ],
)
def test_every_command_runs_on_a_pack_with_only_the_required_tables(required_only, tmp_path, command):
    code, lines = run(*[part.format(tmp=tmp_path) for part in command], "--data", required_only)
    assert code == 0, lines
    assert not [line for line in lines if "Traceback" in line or line.startswith("errore")], lines
