"""Derived layers (LUM, indicators) kept in the derived store and reused while their inputs are unchanged.

The key covers everything the layer depends on: the pack file (`datapack.signature`), the
catalogue source, the Comuni scope and the options passed by the caller. A changed input gives a new
key, so a stale layer is never reused; the store's index keeps each table's side data (e.g. classes).
"""

import hashlib
import json
from pathlib import Path
from typing import Callable, Tuple

from qgis.core import QgsVectorLayer

from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import table_uri, write_to_gpkg


def derived_key(ctx, entry, source: dict, options=()) -> str:
    scope = sorted(ctx.comuni_scope) if ctx.comuni_scope is not None else None
    text = json.dumps(
        [datapack.signature(ctx.pack), entry.id, source, scope, list(options)], sort_keys=True, default=str
    )
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def cached_layer(
    ctx, entry, source: dict, build: Callable[[], Tuple[QgsVectorLayer, dict]], options=()
) -> Tuple[QgsVectorLayer, dict]:
    """(layer, side data): from the derived store when it holds this key, else built and written there."""
    store = ctx.derived_store
    if store is None:
        return build()
    table = f"{entry.id}_{derived_key(ctx, entry, source, options)}"
    index_file = Path(store).with_suffix(".json")
    index = _read(index_file)
    if table in index and Path(store).exists():
        layer = QgsVectorLayer(table_uri(store, table), entry.title, "ogr")
        if layer.isValid():
            return layer, index[table]
    layer, side = build()
    written = write_to_gpkg(layer, store, table)
    index = _read(index_file)
    index[table] = side
    index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return written, side


def _read(index_file: Path) -> dict:
    try:
        return json.loads(index_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
