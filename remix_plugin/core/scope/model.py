"""Which Comuni a command or a view is about: Zone omogenee and Comuni named by users, resolved
against the data pack's `comuni` table (membership is data, never code).

Names match whatever the accents, apostrophes, case or spacing ("cassina de pecchi" finds
"Cassina de' Pecchi"); ISTAT codes (pro_com_t) work too. An unknown name is an error listing the
valid ones.
"""

import re
import unicodedata
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data import datapack

ALL_CMM = "Tutta la Città metropolitana"
_tables: Dict[tuple, List[Tuple[str, str, str]]] = {}


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def comuni_table(pack: Path) -> List[Tuple[str, str, str]]:
    """(pro_com_t, comune, zona_omogenea) of every Comune in the pack (read once per pack file)."""
    key = datapack.signature(pack)  # caches follow an edited pack (its write-ahead log too)
    if key not in _tables:
        layer = datapack.open_table(pack, "comuni")
        _tables[key] = [(str(f["pro_com_t"]), str(f["comune"]), str(f["zona_omogenea"])) for f in layer.getFeatures()]
    return _tables[key]


def zones(table: List[Tuple[str, str, str]]) -> Dict[str, List[str]]:
    """Zona omogenea -> ISTAT codes of its Comuni, zones and Comuni in alphabetical order."""
    names = {code: name for code, name, _ in table}
    grouped: Dict[str, List[str]] = {}
    for code, _, zona in table:
        grouped.setdefault(zona, []).append(code)
    return {z: sorted(grouped[z], key=lambda c: normalise(names[c])) for z in sorted(grouped, key=normalise)}


def resolve_scope(pack: Path, zone: Iterable[str] = (), comuni: Iterable[str] = ()) -> Optional[frozenset]:
    """ISTAT codes of the named zones and Comuni (their union); None when nothing is named (all CMM)."""
    zone, comuni = list(zone or []), list(comuni or [])
    if not zone and not comuni:
        return None
    table = comuni_table(pack)
    by_zone = {normalise(z): set(codes) for z, codes in zones(table).items()}
    by_name = {normalise(name): code for code, name, _ in table}
    codes = set()
    for name in zone:
        key = normalise(name)
        if key not in by_zone:
            raise RemixError(f"Zona omogenea «{name}» sconosciuta. Zone valide: {', '.join(zones(table))}.")
        codes |= by_zone[key]
    known_codes = {code for code, _, _ in table}
    for name in comuni:
        key = str(name).strip()
        if key in known_codes:
            codes.add(key)
        elif normalise(key) in by_name:
            codes.add(by_name[normalise(key)])
        else:
            raise RemixError(_unknown_comune(name, table))
    return frozenset(codes)


def _unknown_comune(name: str, table) -> str:
    names = sorted((n for _, n, _ in table), key=normalise)
    prefix = normalise(name)[:3]
    close = [n for n in names if prefix and normalise(n).startswith(prefix)]
    hint = f" Forse: {', '.join(close)}." if close else ""
    return (
        f"Comune «{name}» sconosciuto nella Città metropolitana di Milano.{hint} "
        f"Usare il nome o il codice ISTAT a 6 cifre di uno dei Comuni validi: {', '.join(names)}."
    )


def describe_scope(table: List[Tuple[str, str, str]], codes: Optional[frozenset]) -> str:
    """A short Italian label: whole zones by name, the other Comuni by name (or how many)."""
    if codes is None:
        return ALL_CMM
    names = {code: name for code, name, _ in table}
    parts, rest = [], set(codes)
    for zona, members in zones(table).items():
        if len(members) > 1 and set(members) <= rest:
            parts.append(f"Zona omogenea {zona}")
            rest -= set(members)
    loose = sorted((names.get(c, c) for c in rest), key=normalise)
    if len(loose) > 4:
        parts.append(f"{len(loose)} Comuni")
    else:
        parts += loose
    return ", ".join(parts) if parts else "nessun Comune"
