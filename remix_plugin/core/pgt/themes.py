"""What a PGT package must contain (art. 9-10 NdA PTM): the four themes with their expected fields,
types, domains, required flags, code field and style. They live in resources/pgt/pgt_themes.json,
data that CMM staff change without touching Python.

Also the field mappings (expected field -> the technician's own field): suggested from names and
aliases, read from a JSON file (`{"theme": {"expected": "theirs"}}`), remembered per Comune.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.json_schema import validate
from remix_plugin.core.base.qgis_compat import FieldType
from remix_plugin.core.scope.model import normalise

THEMES_FILE = paths.RESOURCES / "pgt" / "pgt_themes.json"
THEMES_SCHEMA = paths.RESOURCES / "pgt" / "pgt_themes.schema.json"
QVARIANT_TYPES = {
    "string": FieldType.String,
    "integer": FieldType.LongLong,
    "double": FieldType.Double,
    "date": FieldType.Date,
}
SHAPEFILE_NAME_LENGTH = 10  # dBase truncates field names: "destinazione" arrives as "destinazio"

Mapping = Dict[str, Dict[str, str]]  # theme id -> expected field -> the technician's field


@dataclass(frozen=True)
class DomainValue:
    value: str
    aliases: Tuple[str, ...] = ()


@dataclass
class ExpectedField:
    name: str
    title: str
    type: str
    required: bool = False
    minimum: Optional[float] = None
    aliases: Tuple[str, ...] = ()
    domain: Tuple[DomainValue, ...] = ()

    def canonical(self, text: str) -> Optional[str]:
        """The domain value `text` stands for (case, accents and aliases aside); None when out of domain."""
        key = normalise(text)
        for item in self.domain:
            if key == normalise(item.value) or key in {normalise(a) for a in item.aliases}:
                return item.value
        return None

    def matches(self, source_field: str) -> bool:
        """Whether a technician's field name looks like this expected field."""
        key = normalise(source_field)
        names = {normalise(self.name)} | {normalise(a) for a in self.aliases}
        if key in names:
            return True
        return len(source_field) == SHAPEFILE_NAME_LENGTH and normalise(self.name).startswith(key)


@dataclass
class Theme:
    id: str
    title: str
    geometry: str
    code_field: str
    style: str
    fields: List[ExpectedField]

    def field(self, name: str) -> ExpectedField:
        for f in self.fields:
            if f.name == name:
                return f
        raise RemixError(
            f"Tema «{self.title}»: campo atteso «{name}» sconosciuto. "
            f"Campi attesi: {', '.join(f.name for f in self.fields)}."
        )

    @property
    def style_path(self) -> Path:
        return paths.STYLES / self.style


@dataclass
class ThemeSet:
    version: str
    updated: str
    crs: str
    outside_comune_m2: float
    overlap_m2: float
    interventi_distance_m: float
    themes: List[Theme] = field(default_factory=list)

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise RemixError(f"Tema «{theme_id}» sconosciuto. Temi validi: {', '.join(self.ids())}.")

    def ids(self) -> List[str]:
        return [t.id for t in self.themes]


def load_themes(path: Path = None) -> ThemeSet:
    """Read and validate the themes file (default: the bundled one); any fault refuses the file."""
    path = Path(path or THEMES_FILE)
    data = _read_json(path, "File dei temi PGT")
    schema = json.loads(THEMES_SCHEMA.read_text(encoding="utf-8"))
    problems = [f"campo «{where or '(radice)'}»: {message}" for where, message in validate(data, schema)]
    if not problems:
        problems = _semantic_problems(data)
    if problems:
        raise RemixError(f"File dei temi PGT «{path.name}» non valido: " + "; ".join(problems) + ".")
    return ThemeSet(
        version=data["version"],
        updated=data["updated"],
        crs=data["crs"],
        outside_comune_m2=float(data["tolerances"]["outside_comune_m2"]),
        overlap_m2=float(data["tolerances"]["overlap_m2"]),
        interventi_distance_m=float(data["coherence"]["interventi_distance_m"]),
        themes=[
            Theme(
                id=t["id"],
                title=t["title"],
                geometry=t["geometry"],
                code_field=t["code_field"],
                style=t["style"],
                fields=[_expected_field(f) for f in t["fields"]],
            )
            for t in data["themes"]
        ],
    )


def _read_json(path: Path, what: str):
    """A JSON file (a BOM, as Windows editors write, is fine); RemixError naming the file otherwise."""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise RemixError(f"{what} «{path}» non leggibile: {exc.strerror or exc}.") from exc
    except ValueError as exc:
        raise RemixError(f"{what} «{path.name}» non valido: non è JSON ({exc}).") from exc


def _expected_field(raw: dict) -> ExpectedField:
    domain = tuple(
        DomainValue(d) if isinstance(d, str) else DomainValue(d["value"], tuple(d.get("aliases", ())))
        for d in raw.get("domain", ())
    )
    return ExpectedField(
        name=raw["name"],
        title=raw["title"],
        type=raw["type"],
        required=bool(raw.get("required")),
        minimum=raw.get("minimum"),
        aliases=tuple(raw.get("aliases", ())),
        domain=domain,
    )


def _semantic_problems(data: dict) -> List[str]:
    """What the schema cannot say: unique ids and names, a required code field, well-formed domains."""
    problems, ids = [], set()
    for t_index, theme in enumerate(data["themes"]):
        where = f"themes[{t_index}]"
        if theme["id"] in ids:
            problems.append(f"campo «{where}.id»: tema «{theme['id']}» duplicato")
        ids.add(theme["id"])
        names = [f["name"] for f in theme["fields"]]
        if len(set(names)) != len(names):
            problems.append(f"campo «{where}.fields»: nomi di campo duplicati")
        code = next((f for f in theme["fields"] if f["name"] == theme["code_field"]), None)
        if code is None or not code.get("required"):
            problems.append(
                f"campo «{where}.code_field»: «{theme['code_field']}» deve essere un campo obbligatorio " "del tema"
            )
        for f_index, expected in enumerate(theme["fields"]):
            for d_index, item in enumerate(expected.get("domain", ())):
                if not (isinstance(item, str) and item.strip()) and not (
                    isinstance(item, dict)
                    and isinstance(item.get("value"), str)
                    and item["value"].strip()
                    and all(isinstance(a, str) for a in item.get("aliases", []))
                ):
                    problems.append(
                        f"campo «{where}.fields[{f_index}].domain[{d_index}]»: serve un testo "
                        'o {"value": testo, "aliases": [testi]}'
                    )
    return problems


# --- field mappings -------------------------------------------------------------------------


def suggest_mapping(theme: Theme, source_fields: List[str], remembered: Dict[str, str] = None) -> Dict[str, str]:
    """Expected field -> technician's field: remembered choices first, then names and aliases."""
    remembered = remembered or {}
    by_key = {f.casefold(): f for f in source_fields}
    mapping, used = {}, set()
    for expected in theme.fields:
        chosen = by_key.get(str(remembered.get(expected.name, "")).casefold())
        if chosen is None:
            chosen = next((f for f in source_fields if f not in used and expected.matches(f)), None)
        if chosen is not None and chosen not in used:
            mapping[expected.name] = chosen
            used.add(chosen)
    return mapping


def complete_mapping(themes: ThemeSet, fields_by_theme: Dict[str, List[str]], explicit: Mapping) -> Mapping:
    """Per theme: the explicit choices as given (a field the layer lacks is then reported by the
    check, never silently replaced), the other expected fields suggested from names and aliases."""
    result = {}
    for theme_id, names in fields_by_theme.items():
        chosen = dict(explicit.get(theme_id, {}))
        mapping = suggest_mapping(themes.theme(theme_id), names, chosen)
        mapping.update(chosen)
        result[theme_id] = mapping
    return result


def read_mapping_file(path: Path, themes: ThemeSet) -> Mapping:
    """A JSON mapping file `{"theme": {"expected field": "technician's field"}}`, checked against the themes."""
    path = Path(path)
    data = _read_json(path, "File delle corrispondenze")
    if not isinstance(data, dict):
        raise RemixError(
            f'File delle corrispondenze «{path.name}»: serve un oggetto {{"tema": {{"campo atteso": '
            '"campo dello strato"}}.'
        )
    mapping: Mapping = {}
    for theme_id, fields in data.items():
        theme = themes.theme(theme_id)
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            raise RemixError(
                f"File delle corrispondenze «{path.name}», tema «{theme_id}»: serve un oggetto "
                '{"campo atteso": "campo dello strato"}.'
            )
        for name in fields:
            theme.field(name)
        mapping[theme_id] = dict(fields)
    return mapping


def remembered_mapping(settings, comune_code: str) -> Mapping:
    """The mapping last used for this Comune (Settings.pgt_mappings)."""
    stored = settings.pgt_mappings.get(comune_code, {})
    return {t: dict(m) for t, m in stored.items() if isinstance(m, dict)}


def remember_mapping(settings, comune_code: str, mapping: Mapping) -> None:
    settings.pgt_mappings = {**settings.pgt_mappings, comune_code: {t: dict(m) for t, m in mapping.items()}}
    settings.save()
