"""Does this QGIS still deadlock when one thread opens GeoPackage layers while another gives layers of
the same file new sources? The plugin's workarounds (its tasks take turns, the Zona filter waits for a
running task, gpkg_sharing holds a file only on the main thread with no task running) stay while it does.

    python scripts/probe_ogr_deadlock.py [TRIALS]          (inside a root: scripts/qgis_root.sh run ...)

Each trial is a process of its own: a QgsTask builds both maps from the demo pack six times while the
main thread applies Zona filters to both maps (QGIS's ordinary way, no held opening); a trial that has
not ended after 60 s is frozen; one killed by a signal crashed. Seen on 2026-12-07: 3.22.16, 3.40.6 and
3.44.15 froze at the first trial, in QgsOgrProviderUtils (the worker in release(), the main thread in
getLayer(), each waiting for a mutex the other holds); 3.40.6 as often ends in a segmentation fault within
2 s instead. tests/qgis/test_qgis_defects.py runs up to three trials on every version of the matrix.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def trial() -> None:
    sys.path.insert(0, str(ROOT))
    from remix_plugin.cli import start_qgis

    start_qgis()
    from qgis.core import QgsApplication, QgsProject, QgsTask

    from remix_plugin.core.catalogue.maps import load_map, make_context
    from remix_plugin.core.data import gpkg_sharing
    from remix_plugin.core.scope.filtering import apply_scope
    from remix_plugin.core.scope.model import comuni_table, resolve_scope, zones

    gpkg_sharing._may_hold = lambda: False  # QGIS's ordinary path on both threads
    store = Path(tempfile.mkdtemp())
    ctx = make_context(derived_store=store / "derivati.gpkg")
    project = QgsProject()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, ctx)
    scopes = [resolve_scope(ctx.pack, [zona]) for zona in zones(comuni_table(ctx.pack))]

    def build(task):
        for number in range(6):
            other = QgsProject()
            for map_id in ("opportunita", "realizzazioni"):
                load_map(other, map_id, make_context(derived_store=store / f"task{number}.gpkg"))
            other.clear()
        return True

    task = QgsTask.fromFunction("mappe in un'attività", build)
    QgsApplication.taskManager().addTask(task)
    applied = 0
    while task.status() not in (QgsTask.Complete, QgsTask.Terminated):
        apply_scope(project, scopes[applied % len(scopes)], ctx.pack)
        applied += 1
        QgsApplication.processEvents()


def main() -> int:
    if sys.argv[1:] == ["--trial"]:
        trial()
        return 0
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    frozen = crashed = 0
    for _ in range(trials):
        try:
            done = subprocess.run([sys.executable, __file__, "--trial"], cwd=ROOT, timeout=60, capture_output=True)
        except subprocess.TimeoutExpired:
            frozen += 1
            continue
        crashed += done.returncode < 0
    from qgis.core import Qgis

    print(f"QGIS {Qgis.QGIS_VERSION}: {frozen} prove bloccate e {crashed} interrotte da un segnale su {trials}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
