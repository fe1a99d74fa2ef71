"""`offline`: prepare an offline package for a field tablet, or refresh one — the same core as the
«Prepara pacchetto offline» dialog.

    python -m remix_plugin offline --zona "Nord Milano" --map realizzazioni --basemap orto.tif --out pacchetti/
    python -m remix_plugin offline --update pacchetti/REMIX_offline_zona_omogenea_nord_milano_20261123

The check comes first: what cannot go offline, a basemap too large, an estimate over --limit-mb.
Then the package is written only with --force (otherwise exit status 2, nothing written).
"""

import sys
from pathlib import Path

from remix_plugin.core.base import formatting
from remix_plugin.core.catalogue.model import map_ids

ISSUES = 2


def register(subparsers, parent):
    p = subparsers.add_parser(
        "offline", parents=[parent], help="prepara (o aggiorna) un pacchetto offline per i tablet di campo"
    )
    p.add_argument(
        "--map",
        action="append",
        choices=map_ids(),
        metavar="MAPPA",
        help="mappa da portare offline: opportunita, realizzazioni (ripetibile; predefinito: entrambe)",
    )
    p.add_argument(
        "--basemap", metavar="FILE", help="mappa di base già disponibile: GeoTIFF (.tif) o MBTiles (.mbtiles)"
    )
    p.add_argument(
        "--limit-mb",
        type=int,
        metavar="MB",
        help="dimensione massima del pacchetto senza conferma (predefinito: quello delle impostazioni)",
    )
    p.add_argument(
        "--central",
        metavar="CONNINFO|NOME",
        help="precompila le segnalazioni dall'archivio centrale PostGIS (nome di una connessione di QGIS "
        "o stringa con authcfg=, mai la password); senza: archivio vuoto",
    )
    p.add_argument("--check", action="store_true", help="solo la verifica: nessun file scritto")
    p.add_argument("--force", action="store_true", help="scrive il pacchetto anche se la verifica segnala questioni")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR", help="cartella in cui creare il pacchetto")
    where.add_argument(
        "--update",
        metavar="PACCHETTO",
        help="aggiorna gli strati del catalogo di un pacchetto esistente (le segnalazioni restano)",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.errors import RemixError
    from remix_plugin.core.base.settings import Settings
    from remix_plugin.core.catalogue.maps import make_context
    from remix_plugin.core.offline import package as offline

    settings = Settings.load()
    ctx = make_context(pack=args.data, settings=settings)
    if args.update:
        if args.zona or args.comune or args.map or args.basemap or args.central:
            raise RemixError(
                "Con --update il pacchetto si aggiorna com'è stato creato: --zona, --comune, --map, "
                "--basemap e --central non si usano."
            )
        request = offline.refresh_request(Path(args.update))
    else:
        request = offline.OfflineRequest(
            out_dir=Path(args.out),
            maps=tuple(args.map or map_ids()),
            scope=scope_from_args(args, ctx.pack),
            basemap=Path(args.basemap) if args.basemap else None,
            central=args.central or "",
        )
    if args.limit_mb:
        request.limit_mb = args.limit_mb
    elif not args.update:
        request.limit_mb = settings.offline_limit_mb
    plan, folder = offline.prepare(
        request, ctx, accept=args.force, write=not args.check, refresh=Path(args.update) if args.update else None
    )
    _tell(plan)
    if folder is None:
        if plan.issues and not args.check:
            sys.stderr.write("Pacchetto non scritto: rivedere le questioni sopra, o ripetere con --force.\n")
        return ISSUES if plan.issues else 0
    if args.update:
        sys.stdout.write(f"Pacchetto aggiornato: {folder}\n")
    else:
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        sys.stdout.write(f"Pacchetto scritto: {folder} ({formatting.megabytes(size)})\n")
    return 0


def _tell(plan) -> None:
    sys.stdout.write(f"Area: {plan.area}; mappe: {', '.join(plan.request.maps)}\n")
    for item in plan.items:
        things = "elemento" if item.features == 1 else "elementi"
        sys.stdout.write(f"  {item.title}: {formatting.count(item.features)} {things} ({item.origin})\n")
    sys.stdout.write(
        f"Dimensione stimata: {formatting.megabytes(plan.estimate_bytes)} (limite {plan.request.limit_mb} MB)\n"
    )
    for note in plan.notes:
        sys.stdout.write(f"nota: {note}\n")
    for issue in plan.issues:
        sys.stdout.write(f"da verificare: {issue}\n")
