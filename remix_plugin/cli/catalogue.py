"""`catalogue`: list the catalogue entries with their validation result."""

import json
import sys


def register(subparsers, parent):
    p = subparsers.add_parser("catalogue", parents=[parent], help="elenca gli strati del catalogo e la loro validità")
    p.add_argument("--json", action="store_true", help="uscita in JSON")
    p.add_argument("--file", help="un file di catalogo diverso da quello incluso")
    p.set_defaults(handler=run)


def run(args) -> int:
    from remix_plugin.core.catalogue.model import entry_report, load_catalogue

    catalogue = load_catalogue(args.file)
    report = entry_report(catalogue)
    if args.json:
        json.dump(
            {
                "version": catalogue.version,
                "updated": catalogue.updated,
                "origin": catalogue.origin,
                "problems": catalogue.problems,
                "entries": report,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
    else:
        for row in report:
            state = "ok" if row["valid"] else "NON VALIDO"
            sys.stdout.write(f"{row['id']:34} {state:10} {row['title']}\n")
            for problem in row["problems"] + row["warnings"]:
                sys.stdout.write(f"    - {problem}\n")
    return 0 if all(r["valid"] for r in report) and not catalogue.problems else 1
