"""`infobox`: what the «Infobox RE.MIX» dock shows for one feature of a catalogue layer, as HTML or as
the JSON of its context — the same core (`core.infobox`) and templates as the dock.

    python -m remix_plugin infobox --layer interventi_pinqua --fid 1 --format json
"""

import json
import sys


def register(subparsers, parent):
    p = subparsers.add_parser(
        "infobox", parents=[parent], help="stampa l'infobox di un elemento di uno strato del catalogo (HTML o JSON)"
    )
    p.add_argument("--layer", required=True, metavar="ID", help="identificativo dello strato nel catalogo")
    p.add_argument("--fid", required=True, type=int, metavar="N", help="identificativo dell'elemento")
    p.add_argument("--format", default="html", choices=["html", "json"], help="formato dell'uscita (predefinito: html)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.core.base.errors import RemixError
    from remix_plugin.core.catalogue.maps import make_context
    from remix_plugin.core.catalogue.sources import build_layer
    from remix_plugin.core.infobox import content

    ctx = make_context(pack=args.data)
    entry = ctx.catalogue.entry(args.layer)
    layer = build_layer(entry, ctx, purpose="vector")
    feature = layer.getFeature(args.fid)
    if not feature.isValid():
        raise RemixError(f"Strato «{entry.title}» ({entry.id}): elemento {args.fid} non trovato.")
    context = content.build_context(layer, feature, entry, ctx.pack)
    if args.format == "json":
        json.dump(context, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(content.render(context, entry.infobox, content.templates_folder(None)) + "\n")
    return 0
