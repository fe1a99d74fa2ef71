"""`demo-pack`: (re)build the demonstrative data pack, from a source checkout (the generator is part of
the build, scripts/build_demo_pack.py; an installed plugin ships the built pack and has no generator)."""

import importlib.util
import sys
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[2] / "scripts" / "build_demo_pack.py"


def register(subparsers, parent):
    p = subparsers.add_parser("demo-pack", help="genera il pacchetto dati dimostrativo (dal sorgente del progetto)")
    p.add_argument("--out", help="file GeoPackage da scrivere (predefinito: quello incluso nel plugin)")
    p.add_argument("--seed", type=int, default=2017)
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.core.base import paths

    if not GENERATOR.is_file():
        sys.stderr.write(
            "Il pacchetto dimostrativo si genera dal sorgente del progetto (scripts/build_demo_pack.py); "
            f"il plugin installato include già quello pronto: {paths.DEMO_PACK}\n"
        )
        return 2
    spec = importlib.util.spec_from_file_location("build_demo_pack", GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    out = generator.build_demo_pack(Path(args.out) if args.out else paths.DEMO_PACK, seed=args.seed)
    sys.stdout.write(f"Pacchetto dimostrativo scritto: {out}\n")
    return 0
