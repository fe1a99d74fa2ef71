"""The indicators through their headless faces: `python -m remix_plugin indicators` and Processing."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject

from tests.qgis.indicator_fixtures import EXPECTED_FINANZIATO, write_world_pack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def pack(qgis_app, tmp_path):
    return write_world_pack(tmp_path / "mondo.gpkg")


def cli(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "remix_plugin", "indicators", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def read_csv(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_cli_writes_csv_json_and_trace_for_a_zona(pack, tmp_path):
    out = tmp_path / "out" / "nord.csv"
    done = cli("--data", pack, "--zona", "nord", "--method", "quantile", "--classes", "3", "--out", out)
    assert done.returncode == 0, done.stderr
    rows = read_csv(out)
    assert [r["comune"] for r in rows] == ["Alfa", "Beta"]
    assert float(rows[1]["finanziamento"]) == pytest.approx(EXPECTED_FINANZIATO["015002"])
    meta = json.loads((tmp_path / "out" / "nord.json").read_text(encoding="utf-8"))
    assert meta["indicatori"]["finanziamento"]["classificazione"]["metodo"] == "quantile"
    assert meta["indicatori"]["superficie"]["ambito"] == ["015001", "015002"]
    trace = read_csv(tmp_path / "out" / "nord_tracciabilita.csv")
    assert {"R1", "A1", "G1", "CUP1", "CUP2"} <= {t["codice"] for t in trace}
    assert "avviso" in done.stderr and "stato_suolo" in done.stderr  # reported, not silent


def test_cli_comune_by_name_with_apostrophe_and_gpkg_output(pack, tmp_path):
    out = tmp_path / "cassina.gpkg"
    done = cli("--data", pack, "--comune", "cassina de pecchi", "--normalise", "area", "--out", out)
    assert done.returncode == 0, done.stderr
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{out}|layername=indicatore_superficie", "s", "ogr")
    assert [(f["comune"], f["classe"]) for f in layer.getFeatures()] == [("Cassina de' Pecchi", "nessuno")]
    del layer


@pytest.mark.parametrize(
    "args,message",
    [
        (["--zona", "Ovest"], "Zona omogenea «Ovest» sconosciuta"),
        (["--out-ext"], "l'estensione deve essere .csv o .gpkg"),
    ],
)
def test_cli_bad_input_is_one_italian_line(pack, tmp_path, args, message):
    out = tmp_path / ("x.txt" if args == ["--out-ext"] else "x.csv")
    extra = [] if args == ["--out-ext"] else args
    done = cli("--data", pack, *extra, "--out", out)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("errore:")]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in done.stderr


def test_processing_algorithms_are_in_the_provider_and_give_styled_points(pack, tmp_path, qgis_processing):
    from remix_plugin.processing.provider import RemixProvider

    provider = RemixProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    try:
        for name in ("indicatore_superficie", "indicatore_finanziamento"):
            assert QgsApplication.processingRegistry().algorithmById(f"remix:{name}") is not None
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("remix:indicatore_finanziamento")
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        context.setProject(QgsProject.instance())
        results, ok = algorithm.run(
            {
                "DATA": str(pack),
                "ZONA": "Sud",
                "METHOD": 1,
                "CLASSES": 3,
                "NORMALISE": 0,
                "OUTPUT": "memory:",
                "CSV": str(tmp_path / "sud.csv"),
            },
            context,
            feedback,
        )
        assert ok
        layer = context.getMapLayer(results["OUTPUT"])
        got = {f["comune"]: (f["finanziamento"], f["classe"]) for f in layer.getFeatures()}
        assert got["Cassina de' Pecchi"] == (0, "nessuno")
        assert got["Gamma"][0] == pytest.approx(EXPECTED_FINANZIATO["015003"])
        assert [r["comune"] for r in read_csv(tmp_path / "sud.csv")] == ["Gamma", "Cassina de' Pecchi"]
        assert (tmp_path / "sud.json").exists() and (tmp_path / "sud_tracciabilita.csv").exists()
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
