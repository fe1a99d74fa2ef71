"""`demo-pack`: (re)build the embedded demonstrative data pack."""
import sys
from pathlib import Path


def register(subparsers, parent):
    p = subparsers.add_parser("demo-pack", help="genera il pacchetto dati dimostrativo")
    p.add_argument("--out", help="file GeoPackage da scrivere (predefinito: quello incluso nel plugin)")
    p.add_argument("--seed", type=int, default=2017)
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.core import paths
    from remix_plugin.core.demo_pack import build_demo_pack

    out = build_demo_pack(Path(args.out) if args.out else paths.DEMO_PACK, seed=args.seed)
    sys.stdout.write(f"Pacchetto dimostrativo scritto: {out}\n")
    return 0
