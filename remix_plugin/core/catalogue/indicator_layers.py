"""The maps' indicator layers kept in step with the filter, the data and the chosen classes, and an indicator
added to a project as a layer of its own: what the dock does, for the command line and Processing too.

A refresh writes each indicator to a new table of the derived store (in a task: `write_tables`), then,
on the main thread, points every indicator layer of the project at its new table and drops the table it
leaves when no other layer reads it (`repoint`): the derived store does not grow with every filter,
edit or change of classes. Tables written by the derived cache (`data.derived_cache`) are never dropped
here: their names carry a key, not a time.
"""

import re
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import QgsDataProvider, QgsProject, QgsVectorLayer

from remix_plugin.core.catalogue import maps
from remix_plugin.core.catalogue.model import Entry
from remix_plugin.core.catalogue.sources import SourceContext
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY, MAP_PROPERTY, drop_tables, entry_id, write_to_gpkg

STAMP = re.compile(r"_\d{20}$")  # a refreshed table: `<entry id>_<YYYYmmddHHMMSSffffff>`


def entry_ids() -> Dict[str, str]:
    """Catalogue entry id of each indicator layer -> the indicator it shows. (The indicators load numpy and
    GDAL: imported on first use, never at QGIS start.)"""
    from remix_plugin.core.indicators.synthesis import INDICATORS

    return {d.entry_id: which for which, d in INDICATORS.items()}


def watched_tables() -> set:
    """The catalogue tables the indicators are measured from: a saved edit to one of them calls for a refresh."""
    from remix_plugin.core.indicators import funding, opportunity_area

    return {t for t, _ in opportunity_area.SOURCES} | set(funding.SOURCES) | {"comuni"}


def map_layers(project: QgsProject) -> List[QgsVectorLayer]:
    """The indicator layers of the project's RE.MIX maps."""
    ids = entry_ids()
    return [
        layer for layer in project.mapLayers().values() if entry_id(layer) in ids and layer.customProperty(MAP_PROPERTY)
    ]


def write_tables(
    ctx: SourceContext,
    needed: List[str],
    scope: Optional[frozenset],
    method: str,
    classes: int,
    normalise: str,
    feedback=None,
) -> Dict[str, Tuple[str, dict]]:
    """Measure and classify each needed indicator (the pack opened, the Comuni read, once for both) and
    write it to a new table of the derived store: indicator -> (source of the table, legend data)."""
    from remix_plugin.core.indicators import synthesis

    assert ctx.pack is not None and ctx.derived_store is not None  # make_context sets both
    stamp = datetime.now().strftime("%Y%m%d%H%M%S%f")
    fresh = {}
    with synthesis.Tables(ctx.pack) as tables:
        for which in needed:
            result = synthesis.classify(tables.measure(which, scope, feedback), method, classes, normalise)
            table = f"{synthesis.INDICATORS[which].entry_id}_{stamp}"
            written = write_to_gpkg(synthesis.to_layer(result), ctx.derived_store, table)
            fresh[which] = (written.source(), synthesis.legend_data(result))
    return fresh


def repoint(project: QgsProject, fresh: Dict[str, Tuple[str, dict]]) -> List[str]:
    """Point the project's indicator layers at their new tables (keeping place, name and style), then drop
    the refreshed tables they leave that no layer of the project reads any more. Main thread only.
    Returns the sources dropped."""
    from remix_plugin.core.indicators.synthesis import update_classes

    ids = entry_ids()
    left: set = set()
    for layer in map_layers(project):
        which = ids[entry_id(layer)]
        if which not in fresh or layer.source() == fresh[which][0]:
            continue
        source, legend = fresh[which]
        left.add(layer.source())
        layer.setDataSource(source, layer.name(), "ogr", QgsDataProvider.ProviderOptions())
        update_classes(layer, legend)
    still_read = {layer.source() for layer in project.mapLayers().values()}
    dropped = sorted(s for s in left - still_read if STAMP.search(_table(s)))
    by_store: Dict[str, List[str]] = {}
    for source in dropped:
        by_store.setdefault(source.split("|")[0], []).append(_table(source))
    for store, tables in by_store.items():
        drop_tables(Path(store), tables)
    return dropped


def add_to_project(project: QgsProject, result, entry: Entry, ctx: SourceContext, name: str) -> QgsVectorLayer:
    """The classified indicator as a styled point layer at the top of the project, kept in the derived store
    under a name of its own (a layer the planner added is never repointed nor dropped)."""
    from remix_plugin.core.indicators import synthesis

    assert ctx.derived_store is not None  # make_context sets it
    table = f"{entry.id}_aggiunto_{datetime.now():%Y%m%d%H%M%S%f}"
    layer = write_to_gpkg(synthesis.to_layer(result, name), ctx.derived_store, table)
    synthesis.apply_style(layer, synthesis.legend_data(result))
    maps.describe_layer(layer, entry, bool(ctx.pack and datapack.is_demonstrative(ctx.pack)))
    layer.setName(name)
    layer.setCustomProperty(ENTRY_PROPERTY, entry.id)
    project.addMapLayer(layer, False)
    project.layerTreeRoot().insertLayer(0, layer)
    return layer


def _table(source: str) -> str:
    return next((p.split("=", 1)[1] for p in source.split("|")[1:] if p.startswith("layername=")), "")
