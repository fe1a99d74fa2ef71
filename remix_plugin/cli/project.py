"""`project`: write a QGIS project with a map of the portal loaded exactly as the GUI loads it,
filtered to Zone omogenee / Comuni with --zona / --comune as the "Zone omogenee" dock does."""

import sys
from pathlib import Path

from remix_plugin.core.catalogue.model import map_ids


def register(subparsers, parent):
    p = subparsers.add_parser("project", parents=[parent], help="scrive un progetto QGIS con una mappa del portale")
    p.add_argument("--map", required=True, choices=map_ids(), help="la mappa da caricare")
    p.add_argument("--basemap", default="none", choices=["light", "pro", "none"], help="modalità delle mappe di base")
    p.add_argument("--out", required=True, help="file di progetto .qgz o .qgs")
    p.add_argument("--png", help="scrive anche un'immagine PNG della mappa")
    p.set_defaults(handler=run)


def run(args) -> int:
    from qgis.core import QgsProject

    from remix_plugin.cli import scope_from_args
    from remix_plugin.core.base.errors import RemixError
    from remix_plugin.core.catalogue.maps import load_map, make_context, set_basemap
    from remix_plugin.core.printing.render import render_png
    from remix_plugin.core.scope.filtering import apply_scope

    out = Path(args.out)
    if out.suffix.lower() not in (".qgz", ".qgs"):
        raise RemixError(f"File di progetto «{out}»: l'estensione deve essere .qgz o .qgs.")
    out.parent.mkdir(parents=True, exist_ok=True)
    ctx = make_context(pack=args.data, derived_store=out.with_name(out.stem + "_derivati.gpkg"))
    ctx.comuni_scope = scope_from_args(args, ctx.pack)
    project = QgsProject.instance()
    project.clear()
    report = load_map(project, args.map, ctx)
    set_basemap(project, args.basemap, ctx)
    scoped = apply_scope(project, ctx.comuni_scope, ctx.pack) if ctx.comuni_scope else None
    if scoped:
        ctx.problems += scoped.problems
    for problem in ctx.problems:
        sys.stderr.write(f"avviso: {problem}\n")
    project.setTitle(ctx.catalogue.map(args.map).title)
    if not project.write(str(out)):
        raise RemixError(f"Impossibile scrivere il progetto «{out}».")
    sys.stdout.write(f"Progetto scritto: {out} ({len(report.added)} strati)\n")
    if scoped:
        sys.stdout.write(f"Filtro: {scoped.label} ({sum(scoped.kept.values())} elementi negli strati filtrati)\n")
    if args.png:
        render_png(project, Path(args.png), scoped.extent if scoped else None)
        sys.stdout.write(f"Immagine scritta: {args.png}\n")
    return 0
