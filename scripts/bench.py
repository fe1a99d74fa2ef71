"""`make bench`: the project's speed, as ratios measured side by side in one run.

Writes out/bench.json (rows {"name", "value", "unit", "baseline", "ratio", "target", "holds"}) and
the table between the bench-table markers of README.md. Each capability adds its rows below.
"""
import argparse
import json
import os
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
    return {"name": name, "value": round(value, 4), "unit": unit,
            "baseline": None if baseline is None else round(baseline, 4),
            "ratio": None if ratio is None else round(ratio, 3), "target": target, "holds": holds,
            "target_is": "min" if higher_is_better else "max"}


# --- rows -------------------------------------------------------------------------------------

def bench_maps():
    """Both maps from the demo pack, styled and scaled, vs the same bare QgsVectorLayers."""
    from qgis.core import QgsProject, QgsVectorLayer

    from remix_plugin.core import datapack
    from remix_plugin.core.maps import load_map, make_context

    store = Path(tempfile.mkdtemp()) / "derivati.gpkg"
    ctx = make_context(derived_store=store)
    tables = {e.pack_table() for m in ("opportunita", "realizzazioni") for e in ctx.catalogue.entries_for_map(m)
              if e.source("datapack")}

    def full():
        project = QgsProject()
        for map_id in ("opportunita", "realizzazioni"):
            load_map(project, map_id, make_context(ctx.catalogue, derived_store=store))
        project.clear()

    def bare():
        layers = [QgsVectorLayer(datapack.table_uri(ctx.pack, t), t, "ogr") for t in tables]
        assert all(l.isValid() for l in layers)

    full()  # warm caches for both sides alike
    bare()
    t_full, t_bare = timed(full), timed(bare)
    return [row("Caricamento delle due mappe complete vs strati nudi", t_full * 1000, "ms", t_bare * 1000, 1.5)]


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
        row("Costo del plugin all'avvio di QGIS (import + initGui, misurato da QGIS)", statistics.median(own) * 1000,
            "ms", target=150),
        row("Avvio di QGIS Desktop con il plugin vs senza", t_with * 1000, "ms", t_without * 1000),
    ]


BENCHES = [bench_maps, bench_startup]


def write_readme_table(rows):
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench-table -->", "<!-- /bench-table -->"
    if start not in text or end not in text:
        return
    lines = ["| row | value | baseline | ratio | target | holds |", "|---|---|---|---|---|---|"]
    for r in rows:
        target = "" if r["target"] is None else ("≥ " if r.get("target_is") == "min" else "≤ ") + str(r["target"])
        lines.append(f"| {r['name']} | {r['value']} {r['unit']} | {'' if r['baseline'] is None else r['baseline']} "
                     f"| {'' if r['ratio'] is None else r['ratio']} | {target} | {'' if r['holds'] is None else ('sì' if r['holds'] else 'NO')} |")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "out" / "bench.json"))
    parser.add_argument("--only", help="run only the benches whose function name contains this")
    args = parser.parse_args()
    from remix_plugin.cli import start_qgis

    start_qgis()
    rows = []
    for bench in BENCHES:
        if args.only and args.only not in bench.__name__:
            continue
        try:
            rows += bench()
        except Exception as exc:  # a broken bench is a row that says so, not a missing row
            rows.append({"name": bench.__name__, "value": None, "unit": "", "baseline": None, "ratio": None,
                         "target": None, "holds": False, "error": repr(exc)})
        for r in rows[-3:]:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.only:
        write_readme_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
