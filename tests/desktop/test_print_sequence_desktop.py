"""Issue #16: the walkthrough's print sequence (A3, designer, atlas of one Zona, PGT, offline, A3 again) in a
real QGIS Desktop with the plugin installed from the zip, ten times on the host's QGIS and once on each
other version of the matrix. QGIS Desktop crashed in «Stampa → Esporta» when layouts were built in a
worker thread: repeating the whole sequence is what shows it survives. The last state is kept as
out/desktop_print_sequence.png to be looked at."""

import json
import os
import re
import subprocess

import pytest

from tests.desktop.qgis_desktop import build_zip, run_desktop
from tests.qgis.pgt_files import technician_files

pytestmark = pytest.mark.desktop

ROUNDS = 1 if os.environ.get("REMIX_QGIS_ROOT") else 10  # the Debian roots of scripts/qgis_root.sh: once
ZONA, ZONA_COMUNI = "Nord Milano", 6
PDF_STEPS = ("a3", "atlas", "a3_again")


def pages(pdf: str) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


@pytest.mark.timeout(120 + 60 * ROUNDS)
def test_the_print_sequence_survives_repetition(tmp_path, shared_data):
    files = technician_files(tmp_path / "tecnico", shared_data)  # Rho's PGT, as tests/qgis checks it
    result, screenshot = run_desktop(
        tmp_path,
        build_zip(),
        "print_sequence_script.py",
        "desktop_print_sequence.png",
        {
            "REMIX_ROUNDS": str(ROUNDS),
            "REMIX_OUT": str(tmp_path / "stampe"),
            "REMIX_ZONA": ZONA,
            "REMIX_PGT_FILES": json.dumps(files),
        },
        timeout=90 + 45 * ROUNDS,
    )
    # a crash, also at exit: QGIS's handler prints a backtrace, then aborts (-6)
    assert result["_returncode"] == 0, result["_stderr"][:4000]
    assert "error" not in result, result.get("error")
    assert "stuck" not in result, result["stuck"]
    assert len(result["rounds"]) == ROUNDS
    for number, done in enumerate(result["rounds"], 1):
        for step in PDF_STEPS:
            assert done[step]["size"] > 10_000, (number, step, done[step])
            assert "Stampa scritta" in done[step]["message"], (number, step, done[step]["message"])
        assert pages(done["a3"]["path"]) == pages(done["a3_again"]["path"]) == 1
        assert len(done["atlas"]["scope"]) == ZONA_COMUNI and pages(done["atlas"]["path"]) == ZONA_COMUNI
        designer = done["designer"]
        assert len(designer["opened"]) == 1 and designer["left_open"] == 0
        assert len(designer["layouts"]) == number  # each «Apri nel compositore» adds one, as for a planner
        pgt = done["pgt"]
        assert "Esito della verifica" in pgt["checked"] and "Pacchetto creato" in pgt["message"]
        assert sorted(name.rsplit(".", 1)[-1] for name in pgt["files"]) == ["csv", "csv", "gpkg", "json", "pdf"]
        assert all(size > 0 for size in pgt["files"].values()), pgt["files"]
        offline = done["offline"]
        assert offline["packages"] == 1 and offline["problems"] == [], offline
        assert offline["files"] and all(size > 0 for size in offline["files"].values()), offline["files"]
        assert done["layers"] == result["rounds"][0]["layers"]  # nothing piles up in the project
    assert [p for p in result["pushed"] if p[0] in ("warning", "critical")] == []
    assert [p for p in result["log_problems"] if p[1] == "critical"] == []  # e.g. an unexpected export's traceback
    assert result["log_threads"] == []  # e.g. «Impossibile caricare l'oggetto etichetta HTML nei thread in background»
    qt_thread_warnings = [line for line in result["_stderr"].splitlines() if "thread" in line.lower()]
    assert qt_thread_warnings == []  # e.g. «QObject: Cannot create children for a parent that is in a different thread»
    assert screenshot.exists() and screenshot.stat().st_size > 50_000
