"""`indicators`: the two synthesis indicators per Comune, as a CSV or a GeoPackage — the same core
as the «Indicatori di sintesi» dock.

    python -m remix_plugin indicators --zona "Nord Milano" --method quantile --classes 4 --out indicatori.csv

Beside FILE it writes FILE.json (method, breaks, rules, problems) and, for a CSV,
FILE_tracciabilita.csv (the features behind each figure).
"""

import sys

from remix_plugin.core.indicators.classification import MAX_CLASSES, METHODS, MIN_CLASSES


def register(subparsers, parent):
    p = subparsers.add_parser(
        "indicators", parents=[parent], help="calcola i due indicatori di sintesi per Comune (CSV o GeoPackage)"
    )
    p.add_argument("--method", default="jenks", choices=list(METHODS), help="metodo delle classi (predefinito: jenks)")
    p.add_argument(
        "--classes",
        type=int,
        default=5,
        choices=range(MIN_CLASSES, MAX_CLASSES + 1),
        metavar="N",
        help=f"numero di classi, da {MIN_CLASSES} a {MAX_CLASSES} (predefinito: 5)",
    )
    p.add_argument(
        "--normalise",
        default="",
        choices=["area", "popolazione"],
        help="classifica il valore per superficie del Comune o per abitante",
    )
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.gpkg", help="file da scrivere")
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.settings import Settings
    from remix_plugin.core.data import datapack
    from remix_plugin.core.indicators.files import write_outputs
    from remix_plugin.core.indicators.synthesis import compute_all

    pack = datapack.resolve_pack(args.data, Settings.load())
    results = compute_all(pack, scope_from_args(args, pack), args.method, args.classes, args.normalise)
    for result in results:
        for problem in result.measurement.problems:
            sys.stderr.write(f"avviso: {result.definition.short}: {problem}\n")
    for path in write_outputs(results, args.out):
        sys.stdout.write(f"Scritto: {path}\n")
    sys.stdout.write(
        f"{len(results[0].figures)} Comuni; classi: "
        + "; ".join(f"{r.definition.short} {r.classes.count} ({r.classes.method})" for r in results)
        + "\n"
    )
    return 0
