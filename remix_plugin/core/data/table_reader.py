"""The tables the indicators read, as columns: one interface, two ways to read.

The indicators read every opportunity area of a pack once, and most of them need nothing but
their validity, area and bounding box. Through a QGIS layer each area costs a trip through Python
(open the layer, fetch the feature, ask GEOS); a table of the data pack is instead read through
one GDAL dataset with one SQL statement, validity, area and box computed inside GDAL (SpatiaLite),
and handed over as numpy columns (GDAL 3.6 Arrow streams). Geometries are fetched only for the
few areas that need one (on a boundary, invalid, overlapping another).

`LayerTable` reads a QGIS layer (memory layers, a layer in another CRS, a GDAL without SpatiaLite)
into the same columns; `PackReader.table` chooses. The two give the same figures and trace
(tests/qgis/test_indicators.py runs the hand-built world through both).

SQLite and SpatiaLite run in C without Python's lock, so `PackReader.later` runs reads (and unions)
on a second connection in one background thread while the task's own thread works on what is
already read: the two cores of a field laptop both busy. Only GDAL is touched there, never QGIS
layers or the project.
"""

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple, Union

import numpy as np
from osgeo import gdal, ogr
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import GeometryType, wkb_type
from remix_plugin.core.data import datapack
from remix_plugin.core.data.crs import computation_crs, transformed_request

FETCH_BATCH = 20000  # fids per SQL statement when fetching geometries
UNION_BATCH = 20000  # areas per SQL statement when unioning groups
MISSING = -1.0e300  # a computed SQL value that was NULL


@dataclass(frozen=True)
class Rule:
    """Which rows count, judged in Python on the text of one field, whichever reader reads the table
    (SQLite's and QGIS's trim() and lower() do not agree on every space and letter)."""

    field: str
    counts: Callable[[str], bool]  # given the value as stripped text ("" for NULL or blank)

    def judge(self, values: List[object]) -> Tuple[np.ndarray, int]:
        """(rows that count, rows the rule could not judge: NULL or blank), each distinct value judged once."""
        if not values:
            return np.zeros(0, dtype=bool), 0
        distinct, positions = np.unique(np.array([_text(v) for v in values], dtype=object), return_inverse=True)
        counted = np.array([bool(t) and self.counts(t) for t in distinct.tolist()], dtype=bool)
        blank = np.array([not t for t in distinct.tolist()], dtype=bool)
        return counted[positions], int(blank[positions].sum())


@dataclass
class Areas:
    """A polygon table's rows with a geometry, as columns in the computation CRS."""

    fid: np.ndarray
    valid: np.ndarray  # as GEOS judges it; False also when it could not tell
    area: np.ndarray
    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    empty: int  # rows without a geometry, not in the columns
    unjudged: int = 0  # rows the rule could not judge (NULL or blank), not in the columns


@dataclass
class Row:
    fid: int
    values: Dict[str, object]  # None for NULL; text as str
    geometry: Optional[QgsGeometry]


class LayerTable:
    """A QGIS layer read into columns, its geometries kept for `geometries()` (small or in-memory layers)."""

    def __init__(self, name: str, layer: QgsVectorLayer):
        self.name, self.layer = name, layer
        self._kept: Dict[int, QgsGeometry] = {}

    @property
    def label(self) -> str:
        return self.layer.name()

    pack_reader = None  # read through QGIS, not through a pack's GDAL dataset

    @property
    def fields(self) -> List[str]:
        return self.layer.fields().names()

    @property
    def geometry_type(self) -> int:
        return self.layer.geometryType()

    def reopen(self) -> Tuple:
        """How to open the table again for the trace: (layer,) or (source, provider)."""
        layer = self.layer
        return (layer,) if layer.providerType() == "memory" else (layer.source(), layer.providerType())

    def areas(self, rule: Optional[Rule]) -> Areas:
        request = transformed_request(self.layer)
        if rule is not None:
            request.setSubsetOfAttributes([rule.field], self.layer.fields())
        else:
            request.setNoAttributes()
        columns: List[list] = [[] for _ in range(7)]
        judged, empty = [], 0
        for feature in self.layer.getFeatures(request):
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                empty += 1
                continue
            box = geometry.boundingBox()
            self._kept[feature.id()] = geometry
            for column, value in zip(
                columns,
                (
                    feature.id(),
                    geometry.isGeosValid(),
                    geometry.area(),
                    box.xMinimum(),
                    box.yMinimum(),
                    box.xMaximum(),
                    box.yMaximum(),
                ),
            ):
                column.append(value)
            if rule is not None:
                judged.append(feature[rule.field])
        fid, valid, *numbers = columns
        area, x0, y0, x1, y1 = (np.array(c, dtype=np.float64) for c in numbers)
        areas = Areas(np.array(fid, dtype=np.int64), np.array(valid, dtype=bool), area, x0, y0, x1, y1, empty)
        return _keep(areas, rule, judged)

    def size(self) -> int:
        return max(0, self.layer.featureCount())

    def areas_later(self, rule: Optional[Rule]) -> Future:
        """`areas()`, read now: QGIS layers are read on the calling thread."""
        done: Future[Areas] = Future()
        done.set_result(self.areas(rule))
        return done

    def geometries(self, fids: Iterable[int]) -> Dict[int, QgsGeometry]:
        wanted = [int(f) for f in fids]
        if self._kept:
            return {f: self._kept[f] for f in wanted if f in self._kept}
        request = transformed_request(self.layer).setNoAttributes().setFilterFids(wanted)
        return {f.id(): f.geometry() for f in self.layer.getFeatures(request)}

    def rows(self, names: List[str]) -> List[Row]:
        present = [n for n in names if n in self.fields]
        spatial = self.geometry_type not in (GeometryType.Null, GeometryType.Unknown)
        request = (
            transformed_request(self.layer) if spatial else QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        )
        request.setSubsetOfAttributes(present, self.layer.fields())
        return [
            Row(f.id(), {n: _plain(f[n]) for n in present}, f.geometry() if spatial else None)
            for f in self.layer.getFeatures(request)
        ]


class GdalTable:
    """A table of a pack read through the pack's GDAL dataset (see `PackReader`)."""

    def __init__(self, reader: "PackReader", name: str, layer):
        self.reader, self.name = reader, name
        definition = layer.GetLayerDefn()
        self.fields = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        self.geometry_column = layer.GetGeometryColumn() or "geom"
        self.fid_column = layer.GetFIDColumn() or "fid"
        self.geometry_type = _geometry_type(definition.GetGeomType())

    @property
    def label(self) -> str:
        return self.name

    @property
    def pack_reader(self) -> "PackReader":
        return self.reader

    def reopen(self) -> Tuple:
        return datapack.table_uri(self.reader.pack, self.name), "ogr"

    def _query(self, select: str, where: str = "") -> Dict[str, np.ndarray]:
        """Columns of `SELECT <fid>, <select> FROM <table> [WHERE ...]`; the fid as column «fid». Computed
        columns are never NULL (GDAL types a computed column by its first row): NULL reads as MISSING."""
        fid = _quoted(self.fid_column)
        columns = self.reader.query(
            f"SELECT {fid}{select} FROM {_quoted(self.name)}" + (f" WHERE {where}" if where else ""), self.name
        )
        columns["fid"] = np.asarray(columns.pop(self.fid_column), dtype=np.int64)
        return columns

    def areas(self, rule: Optional[Rule]) -> Areas:
        geometry = _quoted(self.geometry_column)
        present = f"{geometry} IS NOT NULL AND NOT ST_IsEmpty({geometry})"
        computed = ", ".join(
            f"coalesce(CAST({sql} AS REAL), {MISSING}) AS {name}"
            for name, sql in (
                ("valid", f"ST_IsValid({geometry})"),
                ("area", f"ST_Area({geometry})"),
                ("x0", f"ST_MinX({geometry})"),
                ("y0", f"ST_MinY({geometry})"),
                ("x1", f"ST_MaxX({geometry})"),
                ("y1", f"ST_MaxY({geometry})"),
            )
        )
        judged = f", {_quoted(rule.field)}" if rule is not None else ""
        with quiet_stderr():  # SpatiaLite prints a GEOS warning per invalid area; we report them ourselves
            columns = self._query(f", {computed}{judged}", present)
        empty = self.reader.query(f"SELECT count(*) AS n FROM {_quoted(self.name)} WHERE NOT ({present})", self.name)
        numbers = [np.asarray(columns[c], dtype=np.float64) for c in ("area", "x0", "y0", "x1", "y1")]
        numbers = [np.where(n == MISSING, np.nan, n) for n in numbers]
        valid = (np.asarray(columns["valid"], dtype=np.float64) == 1.0) & np.isfinite(numbers[0])
        area, x0, y0, x1, y1 = numbers
        areas = Areas(columns["fid"], valid, area, x0, y0, x1, y1, int(empty["n"][0]))
        return _keep(areas, rule, [_plain(v) for v in columns[rule.field].tolist()] if rule is not None else [])

    def size(self) -> int:
        return max(0, self.reader.layer(self.name).GetFeatureCount(False))

    def areas_later(self, rule: Optional[Rule]) -> Future:
        """`areas()` read beside the caller's work (`PackReader.later`)."""
        return self.reader.later(lambda twin: twin.table(self.name).areas(rule))

    def geometries(self, fids: Iterable[int]) -> Dict[int, QgsGeometry]:
        """The geometry column itself, not a computed WKB: GDAL hands it over as WKB whatever the first row holds."""
        wanted = sorted({int(f) for f in fids})
        found = {}
        for start in range(0, len(wanted), FETCH_BATCH):
            listed = ",".join(str(f) for f in wanted[start : start + FETCH_BATCH])
            columns = self._query(f", {_quoted(self.geometry_column)}", f"{_quoted(self.fid_column)} IN ({listed})")
            for fid, wkb in zip(columns["fid"].tolist(), columns[self.geometry_column].tolist()):
                found[fid] = _geometry(wkb)
        return found

    def rows(self, names: List[str]) -> List[Row]:
        present = [n for n in names if n in self.fields]
        spatial = self.geometry_type != GeometryType.Null
        columns = self._query(
            "".join(f", {_quoted(n)}" for n in present) + (f", {_quoted(self.geometry_column)}" if spatial else "")
        )
        values = {n: [_plain(v) for v in columns[n].tolist()] for n in present}
        shapes = columns[self.geometry_column].tolist() if spatial else [None] * len(columns["fid"])
        return [
            Row(fid, {n: values[n][i] for n in present}, _geometry(shapes[i]))
            for i, fid in enumerate(columns["fid"].tolist())
        ]


Table = Union[LayerTable, GdalTable]  # what `PackReader.table` opens


def _keep(areas: Areas, rule: Optional[Rule], values: List[object]) -> Areas:
    """The rows of `areas` that `rule` counts (all of them without a rule)."""
    if rule is None:
        return areas
    counted, unjudged = rule.judge(values)
    fid, valid, area, x0, y0, x1, y1 = (
        column[counted] for column in (areas.fid, areas.valid, areas.area, areas.x0, areas.y0, areas.x1, areas.y1)
    )
    return Areas(fid, valid, area, x0, y0, x1, y1, areas.empty, unjudged)


class PackReader:
    """One data pack opened once for a computation: `table(name)` reads through GDAL when it can, else
    through a QGIS layer. Use as a context manager, or `close()`: results never hold the file open."""

    def __init__(self, pack: Path):
        self.pack = Path(pack)
        self._dataset = _open_dataset(self.pack)
        self._tables: Dict[str, Table] = {}
        self._executor: Optional[ThreadPoolExecutor] = None
        self._twin: Optional[PackReader] = None

    def __enter__(self) -> "PackReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._twin is not None:
            self._twin.close()
        self._dataset = None
        self._tables.clear()

    def later(self, job: Callable[["PackReader"], object]) -> Future:
        """`job(reader)` run on a second connection to the pack, in one background thread, in the order given.
        SQLite and SpatiaLite work in C without Python's lock, so it overlaps the caller's own work.
        Jobs only read the pack through GDAL: never QGIS layers or the project (not thread-safe)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="remix-pack")
        return self._executor.submit(self._on_twin, job)

    def _on_twin(self, job):
        if self._twin is None:
            self._twin = PackReader(self.pack)
        return job(self._twin)

    def table(self, name: str):
        if name not in self._tables:
            layer = self._dataset.GetLayerByName(name) if self._dataset is not None else None
            if layer is not None and _in_computation_crs(layer):
                self._tables[name] = GdalTable(self, name, layer)
            else:
                self._tables[name] = LayerTable(name, datapack.open_table(self.pack, name))
        return self._tables[name]

    def layer(self, name: str):
        return self._dataset.GetLayerByName(name)

    def union_areas(self, groups: List[List[Tuple[str, int]]]) -> List[Optional[float]]:
        """Area of the union of each group of (table, fid), computed by SpatiaLite (GEOS) inside SQLite;
        None where it failed (the caller unions that group itself)."""
        areas: List[Optional[float]] = [None] * len(groups)
        start = 0
        while start < len(groups):
            chunk: List[List[Tuple[str, int]]] = []
            held = 0
            while start + len(chunk) < len(groups) and held < UNION_BATCH:
                chunk.append(groups[start + len(chunk)])
                held += len(chunk[-1])
            tables = sorted({table for group in chunk for table, _ in group})
            number = {table: n for n, table in enumerate(tables)}
            values = ",".join(
                f"({start + g},{number[table]},{int(fid)})" for g, group in enumerate(chunk) for table, fid in group
            )
            parts = " UNION ALL ".join(
                f"SELECT m.g AS g, x.{_quoted(self.table(table).geometry_column)} AS geom FROM m "
                f"JOIN {_quoted(table)} AS x ON x.{_quoted(self.table(table).fid_column)} = m.f WHERE m.t = {n}"
                for table, n in number.items()
            )
            with quiet_stderr():
                columns = self.query(
                    f"WITH m(g, t, f) AS (VALUES {values}) SELECT g AS fid, "
                    f"coalesce(CAST(ST_Area(ST_Union(geom)) AS REAL), {MISSING}) AS area "
                    f"FROM ({parts}) GROUP BY g",
                    ", ".join(tables),
                )
            for g, area in zip(columns["fid"].tolist(), np.asarray(columns["area"], dtype=np.float64).tolist()):
                areas[g] = area if area != MISSING else None
            start += len(chunk)
        return areas

    def query(self, sql: str, tables: str) -> Dict[str, np.ndarray]:
        """Columns of one SQL statement's result (SQLite with SpatiaLite, on the pack); `tables` names what it
        reads, for the message when it fails."""
        try:
            result = self._dataset.ExecuteSQL(sql)
        except RuntimeError:  # someone turned GDAL's exceptions on
            result = None
        if result is None:
            raise RemixError(
                f"Pacchetto dati «{self.pack.name}»: lettura della tabella «{tables}» non riuscita "
                f"({gdal.GetLastErrorMsg() or 'errore di GDAL'})."
            )
        try:
            definition = result.GetLayerDefn()
            names = ([result.GetFIDColumn()] if result.GetFIDColumn() else []) + [
                definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())
            ]
            batches = list(result.GetArrowStreamAsNumPy())
            if not batches:
                return {name: np.zeros(0) for name in names}
            return {
                key: np.ma.concatenate([b[key] for b in batches])
                if any(np.ma.isMaskedArray(b[key]) for b in batches)
                else np.concatenate([b[key] for b in batches])
                for key in batches[0]
            }
        finally:
            self._dataset.ReleaseResultSet(result)


def _open_dataset(pack: Path):
    """The pack's GDAL dataset, or None when this GDAL cannot serve columns (before 3.6, no SpatiaLite)."""
    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None
    try:
        dataset = gdal.OpenEx(str(pack), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
        probe = dataset.ExecuteSQL("SELECT ST_IsValid(ST_GeomFromText('POINT(0 0)')) AS v") if dataset else None
    except RuntimeError:  # a caller turned GDAL's exceptions on
        return None
    if probe is None:
        return None
    dataset.ReleaseResultSet(probe)
    return dataset


_quiet_lock = threading.Lock()
_quiet_users = 0
_quiet_saved: Optional[int] = None


@contextmanager
def quiet_stderr():
    """Standard error closed for a moment: SpatiaLite writes a line there for every invalid geometry it
    checks. Process-wide (another thread's messages meanwhile are lost too), so kept to the statements
    that check validity; counted, so that overlapping uses (two measurements) give it back once, at the end."""
    global _quiet_users, _quiet_saved
    with _quiet_lock:
        if _quiet_users == 0:
            try:
                _quiet_saved = os.dup(2)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 2)
                os.close(null)
            except OSError:
                _quiet_saved = None
        _quiet_users += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_users -= 1
            if _quiet_users == 0 and _quiet_saved is not None:
                os.dup2(_quiet_saved, 2)
                os.close(_quiet_saved)
                _quiet_saved = None


def _in_computation_crs(layer) -> bool:
    srs = layer.GetSpatialRef()
    if srs is None:
        return layer.GetGeomType() == ogr.wkbNone  # attributes only
    return f"{srs.GetAuthorityName(None)}:{srs.GetAuthorityCode(None)}" == computation_crs().authid()


def _geometry_type(ogr_type: int) -> int:
    """QGIS's geometry type (point, line, polygon, none) of an OGR layer type: the flat codes are the same."""
    return (
        GeometryType.Null if ogr_type == ogr.wkbNone else QgsWkbTypes.geometryType(wkb_type(ogr.GT_Flatten(ogr_type)))
    )


def _geometry(wkb) -> Optional[QgsGeometry]:
    if wkb is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(wkb))
    return geometry


def _text(value) -> str:
    value = _plain(value)
    return "" if value is None else str(value).strip()


def _plain(value):
    """A value as Python gives it to the indicators: None for NULL, text as str."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
