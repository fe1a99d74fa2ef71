"""`print`: a map of the portal on a CMM layout, as PDF or PNG — the same core as the «Stampa» dialog.

    python -m remix_plugin print --map realizzazioni --zona "Nord Milano" --layout A3_orizzontale --out nm.pdf

The map is loaded as the GUI loads it, filtered with --zona/--comune as the "Zone omogenee" dock
does, and printed on its whole extent (or the filter's), at the round scale that fits it. `--dpi` sets the
resolution (of the PNG, and of the PDF's rasters).
"""

import sys

from remix_plugin.core.catalogue.model import map_ids


def register(subparsers, parent):
    p = subparsers.add_parser(
        "print", parents=[parent], help="stampa una mappa del portale con un layout CMM (PDF o PNG)"
    )
    p.add_argument("--map", required=True, choices=map_ids(), help="la mappa da stampare")
    p.add_argument(
        "--layout",
        default="A4_orizzontale",
        metavar="NOME",
        help="modello di stampa: nome del file .qpt in print_layouts/ (predefinito: A4_orizzontale)",
    )
    p.add_argument("--title", default="", help="titolo (predefinito: il nome della mappa)")
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.png", help="file da scrivere")
    p.add_argument(
        "--dpi", type=int, default=300, metavar="N", help="risoluzione in punti per pollice, 50-600 (predefinito: 300)"
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.settings import Settings
    from remix_plugin.core.data import datapack
    from remix_plugin.core.printing.export import print_portal_map

    pack = datapack.resolve_pack(args.data, Settings.load())
    written, problems = print_portal_map(
        args.map, args.layout, args.out, pack, scope_from_args(args, pack), args.title, dpi=args.dpi
    )
    for problem in problems:
        sys.stderr.write(f"avviso: {problem}\n")
    sys.stdout.write(f"Stampa scritta: {written}\n")
    return 0
