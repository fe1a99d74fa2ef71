"""Issue #16's «done means»: a pack made outside the project (the real Comuni, areas and interventi of
its own, no `interventi_periferie_punti`, hostile text) goes through every subcommand, as a user runs
them; its indicators equal an independent computation, and its hostile text stays text everywhere."""

import csv
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer

from remix_plugin.core.data.layers import table_uri
from tests.qgis.auth import MASTER_PASSWORD
from tests.qgis.foreign_pack import HOSTILE, LONG_TITLE, ZONA, build_foreign_pack, expected_indicators
from tests.qgis.pgt_files import technician  # noqa: F401  (fixture)
from tests.qgis.segnalazioni_fixtures import authcfg, central  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
ABSENT = "interventi_periferie_punti"
INVISIBLE = "\u202e\u202c\u200b\u200d\u200f"


@pytest.fixture(scope="module")
def foreign(qgis_app, shared_data, tmp_path_factory):
    return build_foreign_pack(tmp_path_factory.mktemp("esterno") / "pacchetto esterno.gpkg", shared_data)


@pytest.fixture(scope="module")
def master_password_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("auth") / "master"
    path.write_text(MASTER_PASSWORD)
    path.chmod(0o600)
    return path


def run(*args, password_file=None):
    """The command as a user types it: its own process, what it prints, its exit status."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if password_file is not None:
        env["QGIS_AUTH_PASSWORD_FILE"] = str(password_file)
    done = subprocess.run(
        [sys.executable, "-m", "remix_plugin", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return done.returncode, done.stdout, done.stderr


def clean(stderr: str):
    """What every command must never show: a traceback, GDAL's English lines, an absent table called a service failure."""
    assert "Traceback" not in stderr and "ERROR " not in stderr, stderr
    assert not [line for line in stderr.splitlines() if ABSENT in line and "servizio" in line], stderr


def test_indicators_equal_an_independent_computation_for_the_133_comuni(foreign, tmp_path):
    code, out, err = run("indicators", "--data", foreign.path, "--out", tmp_path / "indicatori.csv")
    assert code == 0, err
    clean(err)
    said = [line for line in err.splitlines() if ABSENT in line]
    assert said == [
        f"avviso: Finanziamento complessivo: Tabella «{ABSENT}» assente: nessuna AZIONE di Bando PERIFERIE: contate "
        "solo le aree."
    ], err
    rows = {r["pro_com_t"]: r for r in csv.DictReader((tmp_path / "indicatori.csv").open(encoding="utf-8"))}
    expected = expected_indicators(foreign)
    assert len(rows) == 133 and set(rows) == set(expected.hectares)
    for code_, hectares in expected.hectares.items():
        assert float(rows[code_]["superficie_ha"]) == pytest.approx(hectares, abs=1e-4), rows[code_]["comune"]
    assert sum(1 for h in expected.hectares.values() if h > 0) > 120  # the test is not about empty Comuni
    for column, i in (("finanziamento", 0), ("cofinanziamento", 1), ("totale", 2)):
        got = {c: Decimal(r[column]).quantize(Decimal("0.01")) for c, r in rows.items()}
        for code_, euro in expected.euro.items():
            # each share is split in whole cents: within a cent of its exact part
            shares = sum(1 for _, c, _ in foreign.shares if c == code_)
            assert abs(got[code_] - euro[i]) < Decimal("0.01") * max(shares, 1), (column, rows[code_]["comune"])
        assert sum(got.values()) == expected.totals[i], column  # split to the cent, nothing lost
    metadata = json.loads((tmp_path / "indicatori.json").read_text(encoding="utf-8"))
    assert ABSENT in metadata["indicatori"]["finanziamento"]["tabelle_assenti"]


@pytest.mark.parametrize(
    "command",
    [
        ["catalogue"],
        ["project", "--map", "opportunita", "--out", "{tmp}/opportunita.qgz", "--png", "{tmp}/opportunita.png"],
        ["project", "--map", "realizzazioni", "--out", "{tmp}/realizzazioni.qgz"],
        ["print", "--map", "realizzazioni", "--zona", ZONA, "--out", "{tmp}/zona.pdf"],
        ["print", "--map", "opportunita", "--out", "{tmp}/cmm.png"],
        ["offline", "--zona", ZONA, "--out", "{tmp}/tablet"],
        ["infobox", "--layer", "interventi_pinqua", "--fid", "1", "--format", "json"],
    ],
    ids=lambda command: "-".join(part for part in command if not part.startswith("{"))[:40],
)
def test_every_subcommand_runs_on_the_foreign_pack(foreign, tmp_path, command):
    code, out, err = run(*[part.format(tmp=tmp_path) for part in command], "--data", foreign.path)
    assert code == 0, err
    clean(err)
    written = [Path(part.format(tmp=tmp_path)) for part in command if part.startswith("{tmp}")]
    for path in written:
        assert path.exists() and (path.is_dir() or path.stat().st_size > 0), path


def test_offline_package_keeps_the_pack_text_as_it_was(foreign, tmp_path):
    """The tablet copy is data, not a display: the Comune's own text goes into it unchanged."""
    code, _, err = run("offline", "--zona", ZONA, "--out", tmp_path / "tablet", "--data", foreign.path)
    assert code == 0, err
    package = next((tmp_path / "tablet").rglob("dati_catalogo.gpkg"))
    titles = {f["titolo"] for f in QgsVectorLayer(table_uri(package, "interventi_pinqua"), "p", "ogr").getFeatures()}
    assert HOSTILE[0] in titles and HOSTILE[3] in titles


def test_pgt_and_segnalazioni_run_on_the_foreign_pack(foreign, technician, tmp_path):
    code, out, err = run(
        "pgt",
        "package",
        "--data",
        foreign.path,
        "--comune",
        "Rho",
        "--layer",
        f"aree_dismesse={technician['aree_dismesse']}",
        "--out",
        tmp_path / "invio",
    )
    assert code == 0, err
    clean(err)
    assert (next((tmp_path / "invio").iterdir()) / "manifest.json").exists()
    store = tmp_path / "rho.gpkg"
    args = ["--data", foreign.path, "--local", store]
    new = ["segnalazioni", "new", *args, "--tipo", "progetto", "--natura", "azioni", "--comune", "Rho"]
    code, out, err = run(*new, "--titolo", "Centro civico", "--campo", "tipo_servizio=Centro civico")
    assert code == 0, err
    uuid = out.split(": ")[-1].strip()
    code, out, err = run("segnalazioni", "list", *args)
    assert code == 0 and "Centro civico" in out, err
    code, out, err = run("segnalazioni", "export", *args, "--uuid", uuid, "--out", tmp_path / "invio.zip")
    assert code == 0 and zipfile.ZipFile(tmp_path / "invio.zip").namelist(), err


def test_hostile_text_stays_text_in_infobox_atlas_csv_and_postgis(
    foreign,
    central,
    master_password_file,
    tmp_path,
):
    # the infobox: markup shown as text, a javascript: address never a link
    fid = next(
        i + 1 for i, (values, _) in enumerate(foreign.interventi["interventi_pinqua"]) if "<script>" in values["titolo"]
    )
    code, html, err = run(
        "infobox", "--layer", "interventi_pinqua", "--fid", fid, "--format", "html", "--data", foreign.path
    )
    assert code == 0, err
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="javascript' not in html.lower()

    # the atlas of the Zona: every intervento listed, titles as plain text, none running off the sheet
    pdf = tmp_path / "schede.pdf"
    code, out, err = run("atlas", "--zona", ZONA, "--out", pdf, "--data", foreign.path)
    assert code == 0, err
    clean(err)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the PDF's «ﬁ» ligatures as two letters
    assert not set(INVISIBLE) & set(text)
    assert "<script>alert('rmx')</script>" in re.sub(r"\s+", " ", text)
    pages = {page.split("\n", 1)[0]: page for page in text.split("\f") if page.strip()}
    for code_ in foreign.codes_in(ZONA):  # every intervento listed on its Comune's sheet (one had a 100 kB title)
        count = len(foreign.titles_in.get(code_, []))
        page = pages[f"Comune di {foreign.comuni[code_][0]}"]
        assert f"Interventi finanziati nel Comune ({count})" in page and "Sono elencati" not in page, page
    assert LONG_TITLE[:40] in re.sub(r"\s+", " ", text) and len(text) < 60_000  # shortened, not 100 kB

    # the trace CSV of the indicators: a title a spreadsheet would run as a formula reads as text
    code, _, err = run("indicators", "--data", foreign.path, "--out", tmp_path / "indicatori.csv")
    assert code == 0, err
    with (tmp_path / "indicatori_tracciabilita.csv").open(encoding="utf-8") as stream:
        cells = {c for row in csv.reader(stream) for c in row}
    assert "'" + HOSTILE[1] in cells and HOSTILE[1] not in cells and "'+39 Centro civico" in cells

    # a segnalazione with hostile text: local store -> PostGIS -> another store, the same text, and its sheet
    title = "=HYPERLINK(\"http://x\") <b>l'ex</b> '); DROP TABLE remix.segnalazioni_punti; --"
    store, other = tmp_path / "rho.gpkg", tmp_path / "cmm.gpkg"
    new = ["segnalazioni", "new", "--data", foreign.path, "--local", store, "--tipo", "progetto", "--natura", "azioni"]
    code, out, err = run(*new, "--comune", "Rho", "--titolo", title, "--campo", "tipo_servizio=Centro civico")
    assert code == 0, err
    uuid = out.split(": ")[-1].strip()
    for local in (store, other):
        code, out, err = run(
            "segnalazioni", "sync", "--local", local, "--central", central, password_file=master_password_file
        )
        assert code == 0, err
    titles = {f["titolo"] for f in QgsVectorLayer(table_uri(other, "segnalazioni_punti"), "p", "ogr").getFeatures()}
    assert titles == {title}
    code, _, err = run(
        "segnalazioni", "export", "--local", other, "--uuid", uuid, "--data", foreign.path, "--out", tmp_path / "x.zip"
    )
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        sheet = next(n for n in archive.namelist() if n.endswith(".pdf"))
        (tmp_path / "scheda.pdf").write_bytes(archive.read(sheet))
    text = subprocess.run(["pdftotext", str(tmp_path / "scheda.pdf"), "-"], capture_output=True, text=True).stdout
    assert "<b>l'ex</b>" in text and "DROP TABLE" in text
