"""Giving many GeoPackage layers a new source at once without QGIS opening the file anew for each.

QGIS (3.22 to 3.44) opens a GeoPackage layer twice: first for writing, to learn whether it could be
edited, then for reading. The reading connection is shared with the file's other open layers; the writing one
is new each time, and a new SQLite connection parses the whole schema of the file (a data pack has
over a hundred tables and spatial-index triggers): about 4 of the 5.5 ms a new source costs.

QGIS shares a writing connection too, when one with the same open options is already held. The first
opening carries DO_NOT_ENABLE_WAL, QGIS's own marker for "leave the journal mode alone", so a holder
opened for writing with that option is found and shared by every new source of the file. Nothing is
written through it, the journal mode is not changed, and it is let go as soon as the sources are set.
On a QGIS that opens GeoPackages differently the holder matches nothing: sources cost what they did.
Measured on 2026-12-07 (Zona filter on both maps, held / QGIS's own way): 3.22 96 / 288 ms, 3.40
96 / 339 ms, 3.44 93 / 285 ms.

Held on the main thread only, with no task running (see `_may_hold`); elsewhere sources cost what
they did. The holder is a layer in no project: a bare provider made from Python was seen deleted
under its wrapper. Used by the Zona filter (every layer of both maps gets a new source) and by map
loading (the dock, command line, Processing in the foreground, printing).
"""

from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from osgeo import gdal
from qgis.core import QgsApplication, QgsMapLayer, QgsProviderRegistry, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QThread

from remix_plugin.core.data import datapack

FIRST_OPENING_OPTION = "DO_NOT_ENABLE_WAL=ON"
WORTH_FROM = 4  # layers of one file: below this, holding the connection costs more than it saves

_tables: Dict[tuple, tuple] = {}


@contextmanager
def shared_openings(sources: Iterable[str]):
    """While the block runs, layers given these OGR sources share one writing connection per
    GeoPackage. Yields the paths of the GeoPackages held."""
    files = _files(sources) if _may_hold() else {}
    holders = {path: _holder(path, tables) for path, tables in files.items()}
    holders = {path: holder for path, holder in holders.items() if holder is not None}
    try:
        yield sorted(holders)
    finally:
        holders.clear()  # deleted, not asked to leave update mode: that would open the file once more


def _may_hold() -> bool:
    """Only on the main thread, and only while no task runs: another thread opening a layer of the
    file meanwhile would share the held connection, and QGIS's dataset locks already deadlock across
    threads (3.22 to 3.44: a map built in a task while a Zona is applied, with or without holding): the
    held connection is kept out of that. With no task running no other thread opens layers; the
    main thread, busy here, starts none."""
    app = QCoreApplication.instance()
    return (
        app is not None
        and QThread.currentThread() == app.thread()
        and QgsApplication.taskManager().countActiveTasks() == 0
    )


def ogr_sources(layers: Iterable[QgsMapLayer]) -> List[str]:
    return [layer.source() for layer in layers if layer.providerType() == "ogr"]


def _files(sources: Iterable[str]) -> Dict[str, List[str]]:
    """GeoPackage path -> the tables read by the sources, for files with enough of them."""
    registry = QgsProviderRegistry.instance()
    tables: Dict[str, List[str]] = {}
    for source in sources:
        parts = registry.decodeUri("ogr", source)
        path = parts.get("path") or ""
        if path.lower().endswith(".gpkg") and parts.get("layerName"):
            tables.setdefault(path, []).append(parts["layerName"])
    return {path: names for path, names in tables.items() if len(names) >= WORTH_FROM}


def _holder(path: str, busy: List[str]) -> Optional[QgsVectorLayer]:
    """A layer (in no project) on a table none of the layers reads, its provider held open for
    writing; None when the file has no such table or cannot be opened for writing (then nothing is
    gained, nothing is lost). Nor while the file is in WAL mode: QGIS switches a GeoPackage to it
    when a layer of the file is edited or given a subset string, and then keeps new layers open for
    writing rather than sharing the reading connections (its lock-free readers cannot read WAL)."""
    if _in_wal_mode(path):
        return None
    taken = {name.lower() for name in busy}  # GDAL finds tables whatever the case
    spare = next((name for name in _table_names(path) if name.lower() not in taken), None)
    if spare is None:
        return None
    uri = QgsProviderRegistry.instance().encodeUri(
        "ogr", {"path": path, "layerName": spare, "openOptions": [FIRST_OPENING_OPTION]}
    )
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # GDAL warns of an open option it does not know
    try:
        layer = QgsVectorLayer(uri, spare, "ogr", QgsVectorLayer.LayerOptions(False, False))
        if not layer.isValid() or not layer.dataProvider().enterUpdateMode():
            return None
    finally:
        gdal.PopErrorHandler()
    return layer


def _table_names(path: str) -> tuple:
    """The tables of a GeoPackage, read once per version of the file."""
    key = datapack.signature(Path(path))
    if key not in _tables:
        try:  # GDAL answers None, or raises when someone turned its exceptions on
            dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
        except RuntimeError:
            dataset = None
        names = tuple(dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())) if dataset else ()
        if len(_tables) >= 64:
            _tables.clear()
        _tables[key] = names
    return _tables[key]


def _in_wal_mode(path: str) -> bool:
    """Bytes 18 and 19 of an SQLite file's header are 2 in WAL mode (sqlite.org/fileformat.html)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return True  # unreadable here: better not held
    return len(header) == 20 and header[18] == 2
