"""The plugin's one CSV writer. A text cell a spreadsheet would run as a formula (one starting with «=»,
«+», «-», «@», a tab or a carriage return: =HYPERLINK(...) in a title from a pack) is written with a
leading apostrophe, so it reads as text; numbers, even negative, stay numbers."""

import csv
import re
from pathlib import Path
from typing import Iterable, List

from remix_plugin.core.base.errors import RemixError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[-+]?\d[\d.,]*$")


def cell(value):
    """A value as it goes into a cell: text that could start a formula neutralised."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def write_csv(path: Path, header: List[str], rows: Iterable[list], delimiter: str = ",", bom: bool = False) -> Path:
    """Write the rows under the header; RemixError naming the file when it cannot be written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
            writer = csv.writer(stream, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows([cell(value) for value in row] for row in rows)
    except OSError as exc:
        raise RemixError(f"Impossibile scrivere il file «{path}»: {exc.strerror or exc}.") from exc
    return path
