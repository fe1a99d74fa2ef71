"""`segnalazioni`: file, list, export and sync segnalazioni — the same core as the «Segnalazioni» dock.

    python -m remix_plugin segnalazioni new --local s.gpkg --tipo criticita --natura azioni \\
        --comune "Cassina de' Pecchi" --titolo "Centro civico chiuso" --campo tipo_servizio="Centro civico"
    python -m remix_plugin segnalazioni list --local s.gpkg --stato bozza
    python -m remix_plugin segnalazioni export --local s.gpkg --uuid UUID --out scheda.zip
    python -m remix_plugin segnalazioni sync --local s.gpkg --central "service=remix authcfg=abc1234"

    python -m remix_plugin segnalazioni history --central "service=remix" --uuid UUID

For CMM's administrator, once (docs/ARCHIVIO_CENTRALE.md):
    python -m remix_plugin segnalazioni central-setup --central "service=remix_admin"
    python -m remix_plugin segnalazioni grant --central "service=remix_admin" --login comune_rho --comune Rho
    python -m remix_plugin segnalazioni revoke --central "service=remix_admin" --login comune_rho --comune Rho

--wkt is in EPSG:32632 (the data pack's CRS). Multiple choices: --campo attori=pubblico,privati.
"""

import json
import sys
from dataclasses import asdict


def register(subparsers, parent):
    p = subparsers.add_parser("segnalazioni", help="segnalazioni dei Comuni: nuova, elenco, esporta, sincronizza")
    actions = p.add_subparsers(dest="azione", metavar="AZIONE")
    actions.required = True

    new = actions.add_parser("new", parents=[parent], help="registra una nuova segnalazione nell'archivio locale")
    new.add_argument("--local", required=True, metavar="FILE.gpkg", help="archivio locale (creato se non esiste)")
    new.add_argument("--tipo", required=True, help="criticita | opportunita | progetto")
    new.add_argument("--natura", required=True, help="lavori (area) | azioni (punto) | sistema_interventi (punto)")
    new.add_argument("--titolo", required=True)
    new.add_argument(
        "--wkt", help="geometria in EPSG:32632; senza: un punto dentro il Comune (solo azioni e programmi)"
    )
    new.add_argument("--stato", default="bozza")
    new.add_argument(
        "--campo",
        action="append",
        default=[],
        metavar="NOME=VALORE",
        help="un altro campo della tassonomia (ripetibile; scelte multiple separate da virgole)",
    )
    new.set_defaults(handler=run_new)

    listing = actions.add_parser("list", parents=[parent], help="elenca le segnalazioni dell'archivio locale")
    listing.add_argument("--local", required=True, metavar="FILE.gpkg")
    listing.add_argument("--stato", action="append", default=[], help="filtra per stato (ripetibile)")
    listing.add_argument("--tipo", action="append", default=[], help="filtra per tipo (ripetibile)")
    listing.add_argument("--json", action="store_true", help="uscita in JSON")
    listing.set_defaults(handler=run_list)

    export = actions.add_parser(
        "export", parents=[parent], help="esporta segnalazioni: GeoPackage + scheda PDF, in uno zip"
    )
    export.add_argument("--local", required=True, metavar="FILE.gpkg")
    export.add_argument("--uuid", action="append", default=[], required=True, help="la segnalazione (ripetibile)")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    export.set_defaults(handler=run_export)

    sync = actions.add_parser("sync", help="sincronizza l'archivio locale con l'archivio centrale PostGIS")
    sync.add_argument(
        "--local",
        required=True,
        metavar="FILE.gpkg",
        help="archivio locale (se non esiste: creato " "e riempito dall'archivio centrale)",
    )
    sync.add_argument(
        "--central",
        required=True,
        metavar="CONNINFO|service=NOME|authcfg=ID",
        help="connessione PostgreSQL: nome di una connessione di QGIS, o stringa con host/dbname, "
        "service= e authcfg= (mai la password)",
    )
    sync.set_defaults(handler=run_sync)

    history = actions.add_parser(
        "history", help="la storia firmata di una segnalazione nell'archivio centrale: chi ha scritto cosa e quando"
    )
    history.add_argument("--central", required=True, metavar="CONNINFO|service=NOME|authcfg=ID")
    history.add_argument("--uuid", required=True, help="la segnalazione")
    history.set_defaults(handler=run_history)

    central_help = "connessione PostgreSQL di un amministratore (mai la password)"
    setup = actions.add_parser(
        "central-setup", help="predispone (o aggiorna) l'archivio centrale: ruoli, permessi, regole (amministratore)"
    )
    setup.add_argument("--central", required=True, metavar="CONNINFO|service=NOME|authcfg=ID", help=central_help)
    setup.set_defaults(handler=run_central_setup)
    for name, verb, handler in (("grant", "abilita", run_grant), ("revoke", "disabilita", run_revoke)):
        member = actions.add_parser(
            name, parents=[parent], help=f"{verb} un ruolo di accesso nell'archivio centrale (amministratore)"
        )
        member.add_argument("--central", required=True, metavar="CONNINFO|service=NOME|authcfg=ID", help=central_help)
        member.add_argument("--login", required=True, metavar="RUOLO", help="il ruolo di accesso PostgreSQL")
        kind = member.add_mutually_exclusive_group()  # or --comune (ripetibile), for a Comune or an Unione
        kind.add_argument("--istruttoria", action="store_true", help="istruttoria di Città metropolitana")
        kind.add_argument("--admin", action="store_true", help="amministratore dell'archivio")
        member.set_defaults(handler=handler)


def _pack(args):
    from remix_plugin.core.base.settings import Settings
    from remix_plugin.core.data import datapack

    return datapack.resolve_pack(args.data, Settings.load())


def _lookup(args):
    from remix_plugin.core.segnalazioni.geometry import ComuniLookup

    return ComuniLookup.for_pack(_pack(args))


def run_new(args) -> int:
    from qgis.core import QgsGeometry

    from remix_plugin.core.base.errors import RemixError
    from remix_plugin.core.segnalazioni.layers import add_segnalazione
    from remix_plugin.core.segnalazioni.schema import load_taxonomy

    taxonomy = load_taxonomy()
    if len(args.comune) > 1:
        raise RemixError("Indicare un solo Comune (--comune) per una segnalazione.")
    if not args.comune and not args.wkt:
        raise RemixError("Indicare il Comune (--comune) o la geometria (--wkt) della segnalazione.")
    values = {
        "titolo": args.titolo,
        "tipo": taxonomy.code_of("tipo", args.tipo),
        "natura": taxonomy.code_of("natura", args.natura),
        "stato": taxonomy.code_of("stato", args.stato),
    }
    if args.comune:
        values["comune_istat"] = args.comune[0]
    for item in args.campo:
        name, sep, text = item.partition("=")
        if not sep:
            raise RemixError(f"--campo «{item}»: scrivere NOME=VALORE.")
        f = taxonomy.field(name.strip())
        if f.derived or f.kind in ("comune", "uuid"):
            raise RemixError(f"Il campo «{f.name}» è compilato dal plugin e non si imposta con --campo.")
        if f.kind == "multichoice":
            values[f.name] = [taxonomy.code_of(f.list, part.strip()) for part in text.split(",") if part.strip()]
        elif f.kind == "choice":
            values[f.name] = taxonomy.code_of(f.list, text.strip())
        elif f.kind == "number":
            try:
                values[f.name] = float(text.replace(",", "."))
            except ValueError as exc:
                raise RemixError(f"Il campo «{f.label}» vuole un numero, non «{text}».") from exc
        else:
            values[f.name] = text
    geometry = None
    if args.wkt:
        geometry = QgsGeometry.fromWkt(args.wkt)
        if geometry.isNull():
            raise RemixError(f"--wkt: geometria non leggibile («{args.wkt[:60]}»).")
    uuid, notes = add_segnalazione(args.local, values, geometry, _lookup(args))
    for note in notes:
        sys.stderr.write(f"avviso: {note}\n")
    sys.stdout.write(f"Segnalazione registrata: {uuid}\n")
    return 0


def run_list(args) -> int:
    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.values import text_value
    from remix_plugin.core.segnalazioni.layers import summaries
    from remix_plugin.core.segnalazioni.schema import load_taxonomy

    taxonomy = load_taxonomy()
    comuni = scope_from_args(args, _pack(args)) if args.zona or args.comune else None
    rows = summaries(
        args.local,
        [taxonomy.code_of("stato", s) for s in args.stato],
        [taxonomy.code_of("tipo", t) for t in args.tipo],
        comuni,
    )
    if args.json:
        json.dump([asdict(r) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for r in rows:  # a line of a terminal: the title without characters that reorder or hide the line
        pending = (" *" if r.pending else "") + (" (non più visibile nell'archivio centrale)" if r.hidden else "")
        sys.stdout.write(
            f"{r.uuid}  {taxonomy.label('stato', r.stato):14} {taxonomy.label('tipo', r.tipo):12} "
            f"{r.comune:24} {text_value(r.titolo)}{pending}\n"
        )
    sys.stdout.write(f"{len(rows)} segnalazioni (* = da sincronizzare)\n")
    return 0


def run_export(args) -> int:
    from remix_plugin.core.segnalazioni.export import export_package

    out = export_package(args.local, args.uuid, args.out, _pack(args))
    sys.stdout.write(f"Pacchetto scritto: {out}\n")
    return 0


def run_sync(args) -> int:
    from qgis.core import QgsFeedback

    from remix_plugin.core.segnalazioni.sync import sync

    feedback = QgsFeedback()
    shown = set()
    feedback.progressChanged.connect(lambda value: _progress_line(int(value) // 10 * 10, shown))
    report = sync(args.local, args.central, feedback=feedback)
    sys.stdout.write(report.summary() + "\n")
    for conflict in report.conflicts:
        sys.stdout.write(f"  conflitto: {conflict}\n")
    return 0


def run_history(args) -> int:
    from remix_plugin.core.segnalazioni.central import CentralStore, history_lines

    with CentralStore(args.central) as store:
        rows = store.history(args.uuid)
    for line in history_lines(rows):
        sys.stdout.write(line + "\n")
    sys.stdout.write(f"{len(rows)} scritture firmate (ruolo del database che le ha inviate)\n")
    return 0


def run_central_setup(args) -> int:
    from remix_plugin.core.segnalazioni.central_setup import central_setup

    sys.stdout.write(central_setup(args.central).summary() + "\n")
    return 0


def _membership(args):
    """(role, ISTAT codes) named by the options; Comuni by name or code, checked against the data pack."""
    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.errors import RemixError

    if (args.istruttoria or args.admin) == bool(args.comune):
        raise RemixError(
            "Indicare --comune NOME|ISTAT (ripetibile, per un'Unione di Comuni), oppure --istruttoria, oppure --admin."
        )
    if args.istruttoria:
        return "istruttoria", []
    if args.admin:
        return "amministratore", []
    return "comune", sorted(scope_from_args(args, _pack(args)))


def run_grant(args) -> int:
    from remix_plugin.core.segnalazioni.central_setup import grant

    role, comuni = _membership(args)
    sys.stdout.write(grant(args.central, args.login, role, comuni) + "\n")
    return 0


def run_revoke(args) -> int:
    from remix_plugin.core.segnalazioni.central_setup import revoke

    role, comuni = _membership(args)
    sys.stdout.write(revoke(args.central, args.login, role, comuni) + "\n")
    return 0


def _progress_line(step: int, shown: set) -> None:
    """A line every 10 %: enough to see the sync is alive, few enough for a log."""
    if step not in shown:
        shown.add(step)
        sys.stdout.write(f"  {step}%\n")
        sys.stdout.flush()
