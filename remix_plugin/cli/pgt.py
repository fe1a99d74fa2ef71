"""`pgt check|package`: check a Comune technician's PGT layers against the expected themes and
build the package for CMM — the same core as the «Pacchetto PGT» dialog.

    python -m remix_plugin pgt check --comune Rho --layer ambiti_trasformazione=AT.shp \
        --layer piani_attuativi=pgt.gpkg:pa --mapping campi.json --out rapporto/

`check` writes the report (CSV) into DIR and exits with status 2 when it finds errors; `package`
writes the package folder PGT_<ISTAT>_<date>/ into DIR.
"""

import sys
from pathlib import Path

THEMES_HELP = "ambiti_trasformazione, piani_attuativi, ambiti_rigenerazione, aree_dismesse"
NOT_COMPLIANT = 2


def register(subparsers, parent):
    p = subparsers.add_parser("pgt", help="verifica i file del PGT di un Comune e crea il pacchetto per CMM")
    actions = p.add_subparsers(dest="pgt_action", metavar="AZIONE")
    actions.required = True
    for name, text in (
        ("check", "verifica gli strati e scrive il rapporto CSV (stato di uscita 2 se ci sono errori)"),
        ("package", "crea il pacchetto: GeoPackage, rapporto PDF e CSV, manifest con impronte"),
    ):
        action = actions.add_parser(name, parents=[parent], help=text, description=text)
        action.add_argument(
            "--layer",
            action="append",
            required=True,
            metavar="TEMA=PERCORSO[:STRATO]",
            help=f"uno strato del tecnico per un tema (ripetibile); temi: {THEMES_HELP}",
        )
        action.add_argument(
            "--mapping",
            metavar="FILE",
            help="file JSON delle corrispondenze dei campi: " '{"tema": {"campo atteso": "campo dello strato"}}',
        )
        action.add_argument("--out", required=True, metavar="DIR", help="cartella di destinazione")
        action.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.core.base.errors import RemixError
    from remix_plugin.core.base.settings import Settings
    from remix_plugin.core.data import datapack
    from remix_plugin.core.pgt.check import ERROR, SourceLayer, comune_from_pack, open_source
    from remix_plugin.core.pgt.package import create_package, verify, write_report
    from remix_plugin.core.pgt.themes import complete_mapping, load_themes, read_mapping_file

    if len(args.comune) != 1 or args.zona:
        raise RemixError("Indicare un solo Comune con --comune NOME|ISTAT (--zona non si usa con pgt).")
    themes = load_themes()
    pack = datapack.resolve_pack(args.data, Settings.load())
    comune = comune_from_pack(pack, args.comune[0])
    sources = {}
    for value in args.layer:
        theme_id, sep, spec = value.partition("=")
        if not sep or not spec:
            raise RemixError(f"--layer «{value}»: usare TEMA=PERCORSO[:STRATO], con TEMA tra {THEMES_HELP}.")
        themes.theme(theme_id)
        if theme_id in sources:
            raise RemixError(f"--layer: il tema «{theme_id}» è indicato due volte.")
        sources[theme_id] = SourceLayer.from_layer(open_source(spec))
    explicit = read_mapping_file(Path(args.mapping), themes) if args.mapping else {}
    mapping = complete_mapping(themes, {t: s.field_names() for t, s in sources.items()}, explicit)
    check, reading = verify(pack, comune, sources, mapping, themes)
    out = Path(args.out)
    for result in check.results.values():
        used = ", ".join(f"{expected}←{theirs}" for expected, theirs in result.mapping.items())
        count = result.layer.featureCount()
        sys.stdout.write(f"{result.theme.title} («{result.source.label}», {count} elementi): {used}\n")
    for problem in check.problems:
        sys.stdout.write(f"{problem.severity}: {problem.message}\n")
    if args.pgt_action == "package":
        folder = create_package(check, reading, out)
        sys.stdout.write(f"Pacchetto scritto: {folder} — esito: {check.outcome()}\n")
        if not check.compliant:
            sys.stderr.write(
                f"avviso: il pacchetto contiene {check.outcome()}: correggere gli strati prima di inviarlo.\n"
            )
        return 0
    report = write_report(check, reading, out)[0]
    sys.stdout.write(f"Rapporto scritto: {report} — esito: {check.outcome()}\n")
    return NOT_COMPLIANT if check.count(ERROR) else 0
