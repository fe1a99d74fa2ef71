"""`atlas`: the Schede comunali (one page per Comune of --zona/--comune, all 133 without) as one PDF —
the same core as «Stampa» ▸ Scheda comunale.

    python -m remix_plugin atlas --zona "Nord Milano" --out schede_nord_milano.pdf
"""

import sys


def register(subparsers, parent):
    p = subparsers.add_parser(
        "atlas", parents=[parent], help="stampa la scheda di ogni Comune (mappa, indicatori, interventi) in un PDF"
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="file PDF da scrivere")
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.settings import Settings
    from remix_plugin.core.data import datapack
    from remix_plugin.core.printing import layouts
    from remix_plugin.core.printing.atlas import print_atlas

    out = layouts.target(args.out, (".pdf",))
    pack = datapack.resolve_pack(args.data, Settings.load())
    written, problems = print_atlas(pack, scope_from_args(args, pack), out)
    for problem in problems:
        sys.stderr.write(f"avviso: {problem}\n")
    sys.stdout.write(f"Schede comunali scritte: {written}\n")
    return 0
