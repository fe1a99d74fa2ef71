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

from remix_plugin.core import datapack
from remix_plugin.core.errors import RemixError


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def comuni_table(pack: Path) -> List[Tuple[str, str, str]]:
    """(pro_com_t, comune, zona_omogenea) of every Comune in the pack."""
    layer = datapack.open_table(pack, "comuni")
    return [(str(f["pro_com_t"]), str(f["comune"]), str(f["zona_omogenea"])) for f in layer.getFeatures()]


def resolve_scope(pack: Path, zone: Iterable[str] = (), comuni: Iterable[str] = ()) -> Optional[frozenset]:
    """ISTAT codes of the named zones and Comuni (their union); None when nothing is named (all CMM)."""
    zone, comuni = list(zone or []), list(comuni or [])
    if not zone and not comuni:
        return None
    table = comuni_table(pack)
    zones: Dict[str, set] = {}
    by_name: Dict[str, str] = {}
    for code, name, zona in table:
        zones.setdefault(normalise(zona), set()).add(code)
        by_name[normalise(name)] = code
    codes = set()
    for name in zone:
        key = normalise(name)
        if key not in zones:
            valid = ", ".join(sorted({z for _, _, z in table}))
            raise RemixError(f"Zona omogenea «{name}» sconosciuta. Zone valide: {valid}.")
        codes |= zones[key]
    known_codes = {code for code, _, _ in table}
    for name in comuni:
        key = str(name).strip()
        if key in known_codes:
            codes.add(key)
        elif normalise(key) in by_name:
            codes.add(by_name[normalise(key)])
        else:
            close = sorted(n for _, n, _ in table if normalise(key)[:3] and normalise(n).startswith(normalise(key)[:3]))
            hint = f" Forse: {', '.join(close)}." if close else " Usare il nome del Comune o il codice ISTAT a 6 cifre."
            raise RemixError(f"Comune «{name}» sconosciuto nella Città metropolitana di Milano.{hint}")
    return frozenset(codes)
