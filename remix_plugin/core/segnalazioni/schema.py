"""The taxonomy of segnalazioni (DESIGN §5) as data: resources/segnalazioni/taxonomy.json.

CMM staff change the closed lists and labels there without touching Python; the local GeoPackage,
the central PostGIS store, the QGIS form and the CLI are all built from it. `schema_version` is
the structure both stores are created with: a store with another version is refused, never
silently read with the wrong columns.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import NULL, QgsExpression, QgsPostgresStringUtils

from remix_plugin.core.base import formatting, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.json_schema import validate

TAXONOMY = paths.RESOURCES / "segnalazioni" / "taxonomy.json"
TAXONOMY_SCHEMA = paths.RESOURCES / "segnalazioni" / "taxonomy.schema.json"
AREE, PUNTI = "segnalazioni_aree", "segnalazioni_punti"
LAYERS = (AREE, PUNTI)
FILING_STATES = ("bozza", "inviata")  # a Comune files and edits in these; the rest is the istruttoria's
LIST_TYPES = ("choice", "multichoice")


TEXT_LIMITS = {"text": 200, "longtext": 4000}  # characters: a title fits a sheet's heading, a description its page


@dataclass(frozen=True)
class FieldDef:
    name: str
    label: str
    kind: str  # text, longtext, choice, multichoice, number, comune, zona, timestamp, uuid
    group: str
    list: str = ""
    required: bool = False
    required_when: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    default: str = ""
    derived: bool = False  # filled by the plugin (timestamps, device, Comune name): read-only in the form


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    visible_when: Dict[str, Tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LayerDef:
    name: str
    title: str
    geometry: str  # multipolygon | point
    nature: Tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    schema_version: int
    updated: str
    layers: Dict[str, LayerDef]
    lists: Dict[str, Tuple[Tuple[str, str], ...]]
    groups: Tuple[Group, ...]
    fields: Tuple[FieldDef, ...]

    def field(self, name: str) -> FieldDef:
        for f in self.fields:
            if f.name == name:
                return f
        raise RemixError(f"Campo «{name}» sconosciuto nella tassonomia delle segnalazioni.")

    @property
    def names(self) -> List[str]:
        return [f.name for f in self.fields]

    def codes(self, list_name: str) -> List[str]:
        return [code for code, _ in self.lists[list_name]]

    def label(self, list_name: str, code) -> str:
        """The Italian label of a code (the code itself when the list no longer has it)."""
        return dict(self.lists[list_name]).get(str(code), str(code))

    def code_of(self, list_name: str, text: str) -> str:
        """The code a person means by a code or a label (case, accents and apostrophes do not matter);
        unknown text is returned as is, for the list's constraint to refuse with the allowed values."""
        from remix_plugin.core.scope.model import normalise

        wanted = normalise(text)
        for code, label in self.lists[list_name]:
            if wanted in (normalise(code), normalise(label)):
                return code
        return text

    def layer_for(self, natura: str) -> str:
        for layer in self.layers.values():
            if natura in layer.nature:
                return layer.name
        raise RemixError(f"Natura «{natura}» sconosciuta. Valori ammessi: {', '.join(self.codes('natura'))}.")

    def describe(self, name: str, value) -> str:
        """A field's value as a person reads it: labels instead of codes, lists joined by commas."""
        f = self.field(name)
        if value is None or value == NULL or value == "" or value == []:
            return ""
        if f.kind == "choice":
            return self.label(f.list, value)
        if f.kind == "multichoice":
            return ", ".join(self.label(f.list, code) for code in decode_multi(value))
        if f.kind == "number":
            return formatting.number(value, 2)
        if f.kind == "timestamp":
            return str(value)[:16].replace("T", " ") + " UTC"
        return str(value)


@lru_cache(maxsize=4)
def load_taxonomy(path: Optional[Path] = None) -> Taxonomy:
    """Read and validate the taxonomy file; an Italian message naming the file and the field if broken."""
    path = Path(path or TAXONOMY)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RemixError(f"Tassonomia delle segnalazioni «{path}» non leggibile: {exc}.") from exc
    problems = validate(data, json.loads(TAXONOMY_SCHEMA.read_text(encoding="utf-8")))
    if problems:
        raise RemixError(
            f"Tassonomia delle segnalazioni «{path.name}» non valida: "
            + "; ".join(f"campo «{where or '(radice)'}» {message}" for where, message in problems)
            + "."
        )
    lists = {name: tuple((str(item[0]), str(item[1])) for item in items) for name, items in data["lists"].items()}
    groups = tuple(Group(g["id"], g["title"], _condition(g.get("visible_when"))) for g in data["groups"])
    fields = tuple(
        FieldDef(
            f["name"],
            f["label"],
            f["type"],
            f["group"],
            f.get("list", ""),
            bool(f.get("required")),
            _condition(f.get("required_when")),
            f.get("default", ""),
            bool(f.get("derived")),
        )
        for f in data["fields"]
    )
    layers = {
        name: LayerDef(name, raw["title"], raw["geometry"], tuple(raw["nature"]))
        for name, raw in data["layers"].items()
    }
    taxonomy = Taxonomy(int(data["schema_version"]), data["updated"], layers, lists, groups, fields)
    _check(taxonomy, path)
    return taxonomy


def _condition(raw) -> Dict[str, Tuple[str, ...]]:
    return {key: tuple(values) for key, values in (raw or {}).items()}


def _check(taxonomy: Taxonomy, path: Path) -> None:
    """What the JSON schema cannot say: lists, groups and conditions refer to things that exist."""
    problems = []
    group_ids = {g.id for g in taxonomy.groups}
    names = taxonomy.names
    for required in (
        "uuid",
        "titolo",
        "tipo",
        "natura",
        "stato",
        "comune_istat",
        "comune",
        "zona_omogenea",
        "creata_il",
        "aggiornata_il",
        "autore",
        "dispositivo",
    ):
        if required not in names:
            problems.append(f"manca il campo «{required}»")
    if len(set(names)) != len(names):
        problems.append("nomi di campo ripetuti")
    for f in taxonomy.fields:
        if f.kind in LIST_TYPES and f.list not in taxonomy.lists:
            problems.append(f"il campo «{f.name}» usa l'elenco «{f.list}» che non esiste")
        if f.group not in group_ids:
            problems.append(f"il campo «{f.name}» è nel gruppo «{f.group}» che non esiste")
        problems += _condition_problems(taxonomy, f.required_when, f"il campo «{f.name}»")
    for g in taxonomy.groups:
        problems += _condition_problems(taxonomy, g.visible_when, f"il gruppo «{g.id}»")
    natures = [n for layer in taxonomy.layers.values() for n in layer.nature]
    if "natura" in taxonomy.lists and sorted(natures) != sorted(taxonomy.codes("natura")):
        problems.append("ogni valore dell'elenco «natura» deve appartenere a uno e un solo strato")
    if problems:
        raise RemixError(f"Tassonomia delle segnalazioni «{path.name}» non valida: {'; '.join(problems)}.")


def _condition_problems(taxonomy: Taxonomy, condition, who: str) -> List[str]:
    problems = []
    for name, values in condition.items():
        f = next((f for f in taxonomy.fields if f.name == name), None)
        if f is None or f.kind != "choice":
            problems.append(f"{who} dipende da «{name}», che non è un campo a scelta singola")
        elif f.list in taxonomy.lists:  # a missing list is reported with its field
            problems += [
                f"{who} dipende dal valore «{v}» che l'elenco «{f.list}» non ha"
                for v in values
                if v not in taxonomy.codes(f.list)
            ]
    return problems


# --- values ------------------------------------------------------------------------------------


def encode_multi(codes) -> Optional[str]:
    """Codes of a multiple-choice field as QGIS's value-relation widget writes them: {"a","b"}."""
    codes = [str(c) for c in (codes or []) if str(c) != ""]
    return QgsPostgresStringUtils.buildArray(codes) if codes else None


def decode_multi(value) -> List[str]:
    if value is None or value == NULL or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(v) for v in QgsPostgresStringUtils.parseArray(str(value)) if str(v) != ""]


# --- rules as QGIS expressions (the form enforces them; the CLI checks the same expressions) -------


def condition_expression(condition: Dict[str, Tuple[str, ...]]) -> str:
    return " AND ".join(
        f"{QgsExpression.quotedColumnRef(name)} IN ({', '.join(map(QgsExpression.quotedString, values))})"
        for name, values in condition.items()
    )


def describe_condition(taxonomy: Taxonomy, condition: Dict[str, Tuple[str, ...]]) -> str:
    parts = []
    for name, values in condition.items():
        f = taxonomy.field(name)
        parts.append(f"{f.label.lower()} è " + " o ".join(f"«{taxonomy.label(f.list, v)}»" for v in values))
    return " e ".join(parts)


def rules(taxonomy: Taxonomy, f: FieldDef, layer: str, allowed: Dict[str, List[str]] = None) -> List[Tuple[str, str]]:
    """(QGIS expression, Italian message) pairs enforcing required rules and closed lists on one field.

    `allowed` gives the closed lists that come from the data pack (Comuni, Zone omogenee)."""
    ref = QgsExpression.quotedColumnRef(f.name)
    filled = f"({ref} IS NOT NULL AND trim(to_string({ref})) NOT IN ('', '{{}}'))"
    found = []
    if f.required:
        found.append((filled, f"«{f.label}» è obbligatorio."))
    elif f.required_when:
        found.append(
            (
                f"(NOT coalesce({condition_expression(f.required_when)}, false) OR {filled})",
                f"«{f.label}» è obbligatorio quando {describe_condition(taxonomy, f.required_when)}.",
            )
        )
    codes = None
    if f.kind in LIST_TYPES:
        codes = list(taxonomy.layers[layer].nature) if f.name == "natura" else taxonomy.codes(f.list)
    elif allowed and f.kind in allowed:
        codes = allowed[f.kind]
    if codes:
        quoted = ", ".join(map(QgsExpression.quotedString, codes))
        if f.kind == "multichoice":
            items = f"string_to_array(regexp_replace({ref}, '[{{}}\"]', ''), ',')"
            expression = f"(NOT {filled} OR array_all(array({quoted}), {items}))"
        else:
            expression = f"(NOT {filled} OR {ref} IN ({quoted}))"
        if f.name == "natura":
            message = (
                "Questo strato accoglie solo la natura "
                + " o ".join(f"«{taxonomy.label('natura', c)}»" for c in codes)
                + "."
            )
        elif f.kind in LIST_TYPES:
            message = f"Valori ammessi per «{f.label}»: " + ", ".join(taxonomy.label(f.list, c) for c in codes) + "."
        else:
            message = f"«{f.label}»: scegliere un valore dell'elenco."
        found.append((expression, message))
    if f.kind == "number":
        found.append((f"({ref} IS NULL OR {ref} >= 0)", f"«{f.label}» non può essere negativo."))
    if f.kind in TEXT_LIMITS:
        limit = TEXT_LIMITS[f.kind]
        found.append(
            (f"({ref} IS NULL OR length(to_string({ref})) <= {limit})", f"«{f.label}»: al massimo {limit} caratteri.")
        )
    return found
