"""A pack with only the required tables plus any subset of the optional ones (docs/DATA_PACK.md): the
indicators run, say once per missing table what it means, and list the missing tables in their JSON."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import gdal

from remix_plugin.cli import main
from remix_plugin.core.data import datapack
from remix_plugin.core.indicators import funding, opportunity_area
from tests.qgis.pgt_files import technician_files

ROOT = Path(__file__).resolve().parents[2]
OPTIONAL = [table for table, _ in opportunity_area.SOURCES] + list(funding.SOURCES) + [funding.SHARES_TABLE]
# every table of the contract but the three required ones (docs/DATA_PACK.md)
EVERY_OPTIONAL = sorted(
    set(datapack.OPPORTUNITY_TABLES + datapack.INTERVENTI_TABLES)
    | {funding.SHARES_TABLE, "parchi", "plis", "stazioni", "servizi_sovracomunali", "rete_ciclabile"}
)


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
        [
            "segnalazioni",
            "new",
            "--local",
            "{tmp}/s.gpkg",
            "--tipo",
            "progetto",
            "--natura",
            "azioni",
            "--comune",
            "Rho",
        ]
        + ["--titolo", "Centro civico", "--campo", "tipo_servizio=Centro civico"],
        ["pgt", "package", "--comune", "Rho", "--layer", "aree_dismesse={pgt}", "--out", "{tmp}/pgt"],
    ],
)
def test_every_command_runs_on_a_pack_with_only_the_required_tables(required_only, pgt_inputs, tmp_path, command):
    parts = [part.format(tmp=tmp_path, pgt=pgt_inputs["aree_dismesse"]) for part in command]
    code, lines = run(*parts, "--data", required_only)
    assert code == 0, lines
    # («errore: Elemento «AD-02»…» is the PGT report on the technician's file, made with its errors on purpose)
    failed = [line for line in lines if line.startswith("errore") and not line.startswith("errore: Elemento «")]
    assert not failed and not [line for line in lines if "Traceback" in line], lines


def test_the_optional_tables_listed_here_are_every_table_of_the_demo_pack_but_the_required(demo_pack):
    dataset = gdal.OpenEx(str(demo_pack), gdal.OF_VECTOR)
    names = {dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())}
    assert names == set(EVERY_OPTIONAL) | set(datapack.REQUIRED_TABLES)


@pytest.fixture(scope="module")
def pgt_inputs(qgis_app, shared_data, tmp_path_factory):
    return technician_files(tmp_path_factory.mktemp("tecnico"), shared_data)


def every_command(tmp: Path, pgt_inputs: dict):
    """Each subcommand once, as quick as it goes: atlas on one Comune, offline on the one-Comune Zona."""
    store = tmp / "rho.gpkg"
    return [
        ["project", "--map", "opportunita", "--out", tmp / "o.qgz"],
        ["project", "--map", "realizzazioni", "--out", tmp / "r.qgz"],
        ["indicators", "--out", tmp / "i.csv"],
        ["print", "--map", "realizzazioni", "--out", tmp / "r.pdf"],
        ["atlas", "--comune", "Rho", "--out", tmp / "a.pdf"],
        ["offline", "--zona", "Milano", "--out", tmp / "offline"],
        ["infobox", "--layer", "comuni", "--fid", "1", "--format", "json"],
        ["pgt", "package", "--comune", "Rho", "--layer", f"aree_dismesse={pgt_inputs['aree_dismesse']}", "--out", tmp],
        ["segnalazioni", "new", "--local", store, "--tipo", "progetto", "--natura", "azioni", "--comune", "Rho"]
        + ["--titolo", "Centro civico", "--campo", "tipo_servizio=Centro civico"],
        ["segnalazioni", "list", "--local", store],
    ]


@pytest.mark.parametrize("table", EVERY_OPTIONAL)
def test_every_subcommand_runs_without_each_optional_table(demo_pack, pgt_inputs, tmp_path, capsys, table):
    """In this process (the subcommands' own processes are tested above): exit 0, no traceback, and the
    absent table never called a service failure."""
    pack = without(demo_pack, tmp_path, [table])
    for command in every_command(tmp_path, pgt_inputs):
        code = main([*map(str, command), "--data", str(pack)])
        err = capsys.readouterr().err
        assert code == 0, (command, err)
        assert "Traceback" not in err and not [
            line for line in err.splitlines() if table in line and "servizio" in line
        ]
