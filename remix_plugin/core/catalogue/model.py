"""The RE.MIX catalogue: a data file that CMM staff edit, validated on load.

Structural faults (not JSON, missing top-level parts) refuse the whole file. A fault inside one
layer entry marks that entry invalid, with an Italian message naming the entry and the field, and
the other entries stay usable. A catalogue fetched as an update must be entirely valid
(`strict=True`): otherwise the last good one stays in use.
"""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.json_schema import validate

_LAYER_PATH = re.compile(r"^layers\[(\d+)\]\.?(.*)$")


@dataclass(frozen=True)
class ScaleRange:
    """QGIS terms: min_scale is the most zoomed-out denominator (0 = no limit), max_scale the most zoomed-in."""

    min_scale: int = 0
    max_scale: int = 0

    @property
    def limited(self) -> bool:
        return bool(self.min_scale or self.max_scale)


@dataclass
class Entry:
    id: str
    title: str
    group: str
    maps: Dict[str, ScaleRange]
    geometry: str
    sources: List[dict]
    style: str
    infobox: str
    fields: List[str]
    updated: str
    provider: str
    reference: str
    expected_count: Optional[int] = None
    problems: List[str] = field(default_factory=list)  # the entry is unusable
    warnings: List[str] = field(default_factory=list)  # usable, but something is off (e.g. no style file)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def style_path(self) -> Path:
        return paths.STYLES / self.style

    def source(self, kind: str) -> Optional[dict]:
        return next((s for s in self.sources if s["type"] == kind), None)

    def pack_table(self) -> Optional[str]:
        """The data-pack table this entry reads (directly, or derived from), if any."""
        for s in self.sources:
            if s["type"] in ("datapack", "derived") and s.get("table"):
                return s["table"]
        return None


@dataclass
class MapDef:
    id: str
    title: str
    groups: List[str]
    description: str = ""


@dataclass
class Catalogue:
    version: str
    updated: str
    title: str
    services: Dict[str, str]
    groups: Dict[str, str]  # id -> Italian title, in order
    maps: List[MapDef]
    basemaps: List[dict]
    entries: List[Entry]
    origin: str = ""
    problems: List[str] = field(default_factory=list)  # catalogue-level, non-fatal

    def entry(self, entry_id: str) -> Entry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise RemixError(f"Il catalogo non contiene lo strato «{entry_id}».")

    def map(self, map_id: str) -> MapDef:
        for m in self.maps:
            if m.id == map_id:
                return m
        names = ", ".join(m.id for m in self.maps)
        raise RemixError(f"Mappa «{map_id}» sconosciuta. Mappe disponibili: {names}.")

    def entries_for_map(self, map_id: str, group: str = None) -> List[Entry]:
        return [e for e in self.entries if map_id in e.maps and e.valid and (group is None or e.group == group)]

    def all_problems(self) -> List[str]:
        return self.problems + [p for e in self.entries for p in e.problems]


def load_catalogue(path: Path = None, strict: bool = False) -> Catalogue:
    """Read and validate a catalogue file (default: the bundled one)."""
    path = Path(path or paths.CATALOGUE)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RemixError(f"Catalogo «{path}» non leggibile: {exc.strerror or exc}.") from exc
    return parse_catalogue(text, origin=str(path), strict=strict)


def parse_catalogue(text: str, origin: str = "", strict: bool = False) -> Catalogue:
    label = origin or "catalogo"
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RemixError(f"Catalogo «{label}» non valido: non è JSON ({exc}).") from exc
    schema = json.loads(paths.CATALOGUE_SCHEMA.read_text(encoding="utf-8"))
    per_layer: Dict[int, List[str]] = {}
    general: List[str] = []
    for where, message in validate(data, schema):
        match = _LAYER_PATH.match(where)
        if match:
            per_layer.setdefault(int(match.group(1)), []).append(
                _say(data, int(match.group(1)), match.group(2), message)
            )
        else:
            general.append(f"Catalogo «{label}», campo «{where or '(radice)'}»: {message}.")
    if general:
        raise RemixError(" ".join(general))
    _refuse_duplicate_ids(data["layers"], label)
    catalogue = _build(data, per_layer, origin)
    _check_semantics(catalogue)
    if strict and catalogue.all_problems():
        raise RemixError(f"Catalogo «{label}» rifiutato: " + " ".join(catalogue.all_problems()))
    return catalogue


def _say(data: dict, index: int, field_path: str, message: str) -> str:
    raw = data["layers"][index]
    name = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"n. {index + 1}"
    where = f", campo «{field_path}»" if field_path else ""
    return f"Strato «{name}»{where}: {message}."


def _refuse_duplicate_ids(layers: list, label: str) -> None:
    """Two layers with one id: whichever copy a command took would be a guess (an infobox of the PINQuA
    interventi once showed a station). The whole catalogue is refused; the last good one stays in use."""
    where: Dict[str, List[int]] = {}
    for number, layer in enumerate(layers, start=1):
        if isinstance(layer, dict) and isinstance(layer.get("id"), str):
            where.setdefault(layer["id"], []).append(number)
    repeated = [
        f"«{key}» (strati {', '.join(map(str, numbers))})" for key, numbers in where.items() if len(numbers) > 1
    ]
    if repeated:
        raise RemixError(f"Catalogo «{label}» rifiutato: identificativi duplicati {', '.join(repeated)}.")


def _build(data: dict, per_layer: Dict[int, List[str]], origin: str) -> Catalogue:
    entries = []
    for index, raw in enumerate(data["layers"]):
        problems = per_layer.get(index, [])
        if not isinstance(raw, dict):
            continue
        entries.append(
            Entry(
                id=str(raw.get("id", f"strato_{index + 1}")),
                title=str(raw.get("title", "")),
                group=str(raw.get("group", "")),
                maps={
                    m: ScaleRange(int(r.get("min_scale", 0)), int(r.get("max_scale", 0)))
                    for m, r in (raw.get("maps") or {}).items()
                    if isinstance(r, dict) and not problems
                },
                geometry=str(raw.get("geometry", "")),
                sources=[s for s in raw.get("sources", []) if isinstance(s, dict)],
                style=str(raw.get("style", "")),
                infobox=str(raw.get("infobox", "")),
                fields=list(raw.get("fields", [])) if isinstance(raw.get("fields"), list) else [],
                updated=str(raw.get("updated", "")),
                provider=str(raw.get("provider", "")),
                reference=str(raw.get("reference", "")),
                expected_count=raw.get("expected_count"),
                problems=list(problems),
            )
        )
    return Catalogue(
        version=data["version"],
        updated=data["updated"],
        title=data.get("title", "Catalogo RE.MIX"),
        services=dict(data["services"]),
        groups={g["id"]: g["title"] for g in data["groups"]},
        maps=[MapDef(m["id"], m["title"], list(m["groups"]), m.get("description", "")) for m in data["maps"]],
        basemaps=list(data["basemaps"]),
        entries=entries,
        origin=origin,
    )


def _check_semantics(cat: Catalogue) -> None:
    """What a schema cannot say: known groups/maps/services, sane scales, files present (ids are unique:
    `_refuse_duplicate_ids`)."""
    map_ids = {m.id for m in cat.maps}
    for m in cat.maps:
        for g in m.groups:
            if g not in cat.groups:
                cat.problems.append(f"Mappa «{m.id}»: gruppo «{g}» non definito in «groups».")
    for e in cat.entries:
        if e.problems:
            continue
        if e.group not in cat.groups:
            e.problems.append(f"Strato «{e.id}», campo «group»: gruppo «{e.group}» non definito.")
        for map_id, scale in e.maps.items():
            if map_id not in map_ids:
                e.problems.append(f"Strato «{e.id}», campo «maps.{map_id}»: mappa sconosciuta.")
            elif scale.min_scale and scale.max_scale and scale.min_scale <= scale.max_scale:
                e.problems.append(
                    f"Strato «{e.id}», campo «maps.{map_id}»: scala minima 1:{scale.min_scale} non è "
                    f"più piccola della scala massima 1:{scale.max_scale} (lo strato non sarebbe mai visibile)."
                )
        for s in e.sources:
            service = s.get("service")
            if service and service not in cat.services:
                e.problems.append(f"Strato «{e.id}», campo «sources.service»: servizio «{service}» non definito.")
            if s["type"] in ("datapack", "derived") and not s.get("table"):
                e.problems.append(f"Strato «{e.id}», campo «sources.table»: manca la tabella del pacchetto dati.")
        if not e.style_path.exists():
            e.warnings.append(
                f"Strato «{e.id}», campo «style»: file di stile «{e.style}» non trovato in styles/ "
                "(lo strato userà lo stile predefinito di QGIS)."
            )
    for b in cat.basemaps:
        if b["service"] not in cat.services:
            cat.problems.append(f"Mappa di base «{b['id']}», campo «service»: servizio «{b['service']}» non definito.")


def entry_report(cat: Catalogue) -> list:
    """Every entry with its validation result (what `catalogue --json` prints)."""
    return [
        {
            "id": e.id,
            "title": e.title,
            "group": e.group,
            "maps": sorted(e.maps),
            "geometry": e.geometry,
            "sources": [s["type"] for s in e.sources],
            "style": e.style,
            "infobox": e.infobox,
            "updated": e.updated,
            "provider": e.provider,
            "reference": e.reference,
            "valid": e.valid,
            "problems": e.problems,
            "warnings": e.warnings,
        }
        for e in cat.entries
    ]


@lru_cache(maxsize=1)
def bundled_maps() -> Tuple[Tuple[str, str], ...]:
    """(id, title) of the bundled catalogue's maps, in its order, read without validation: the choices the
    command line and the Processing algorithms offer (cheap enough for QGIS start)."""
    data = json.loads(paths.CATALOGUE.read_text(encoding="utf-8"))
    return tuple((m["id"], m["title"]) for m in data["maps"])


def map_ids() -> Tuple[str, ...]:
    return tuple(map_id for map_id, _ in bundled_maps())
