"""A small JSON-Schema validator for the subset the catalogue schema uses.

Small on purpose: the plugin must not depend on packages QGIS does not ship, and the messages
must be Italian and name the entry and the field a CMM editor has to fix.
"""

import re
from typing import Dict, Tuple, Union

_TYPES: Dict[str, Union[type, Tuple[type, ...]]] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": (int, float),
}
_TYPE_NAMES = {
    "object": "un oggetto",
    "array": "un elenco",
    "string": "un testo",
    "boolean": "vero/falso",
    "integer": "un numero intero",
    "number": "un numero",
}


def validate(value, schema: dict, root: dict = None, path: str = "") -> list:
    """Return a list of (path, message) for every violation; path is like `layers[3].maps`."""
    root = root if root is not None else schema
    if "$ref" in schema:
        schema = _resolve(root, schema["$ref"])
    problems = []
    kind = schema.get("type")
    if kind and not _is_type(value, kind):
        return [(path, f"deve essere {_TYPE_NAMES[kind]}")]
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        return [(path, f"valore «{value}» non ammesso (valori ammessi: {allowed})")]
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            problems.append((path, "non può essere vuoto"))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append((path, f"valore «{value}» non nel formato atteso"))
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "minimum" in schema
        and value < schema["minimum"]
    ):
        problems.append((path, f"deve essere almeno {schema['minimum']}"))
    if isinstance(value, dict):
        if len(value) < schema.get("minItems", 0):
            problems.append((path, "non può essere vuoto"))
        for key in schema.get("required", []):
            if key not in value:
                problems.append((_join(path, key), "campo obbligatorio mancante"))
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in props:
                problems += validate(item, props[key], root, _join(path, key))
            elif isinstance(extra, dict):
                problems += validate(item, extra, root, _join(path, key))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            problems.append((path, f"servono almeno {schema['minItems']} elementi"))
        if "items" in schema:
            for index, item in enumerate(value):
                problems += validate(item, schema["items"], root, f"{path}[{index}]")
    return problems


def _is_type(value, kind: str) -> bool:
    if kind in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[kind])


def _resolve(root: dict, ref: str) -> dict:
    node = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
