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
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple

import numpy as np
from osgeo import gdal, ogr
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayer, QgsWkbTypes

from remix_plugin.core import datapack
from remix_plugin.core.comuni_index import computation_crs, transformed_request
from remix_plugin.core.errors import RemixError

FETCH_BATCH = 20000  # fids per SQL statement when fetching geometries
UNION_BATCH = 20000  # areas per SQL statement when unioning groups
WHITESPACE = "' ' || char(9) || char(10) || char(13)"  # what QGIS's trim() removes, for SQLite's trim()


@dataclass(frozen=True)
class Filter:
    """A row filter said twice: as a QGIS expression (layers) and as SQLite SQL (pack tables)."""

    expression: str
    sql: str


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

    def count(self, where: Filter) -> int:
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setFilterExpression(where.expression)
        return sum(1 for _ in self.layer.getFeatures(request.setNoAttributes()))

    def areas(self, where: Optional[Filter]) -> Areas:
        request = transformed_request(self.layer).setNoAttributes()
        if where is not None:
            request.setFilterExpression(where.expression)
        columns: List[list] = [[] for _ in range(7)]
        empty = 0
        for feature in self.layer.getFeatures(request):
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                empty += 1
                continue
            box = geometry.boundingBox()
            self._kept[feature.id()] = geometry
            for column, value in zip(columns, (feature.id(), geometry.isGeosValid(), geometry.area(), box.xMinimum(),
                                               box.yMinimum(), box.xMaximum(), box.yMaximum())):
                column.append(value)
        fid, valid, *numbers = columns
        return Areas(np.array(fid, dtype=np.int64), np.array(valid, dtype=bool),
                     *(np.array(c, dtype=np.float64) for c in numbers), empty)

    def size(self) -> int:
        return max(0, self.layer.featureCount())

    def areas_later(self, where: Optional[Filter]) -> Future:
        """`areas()`, read now: QGIS layers are read on the calling thread."""
        done = Future()
        done.set_result(self.areas(where))
        return done

    def geometries(self, fids: Iterable[int]) -> Dict[int, QgsGeometry]:
        wanted = [int(f) for f in fids]
        if self._kept:
            return {f: self._kept[f] for f in wanted if f in self._kept}
        request = transformed_request(self.layer).setNoAttributes().setFilterFids(wanted)
        return {f.id(): f.geometry() for f in self.layer.getFeatures(request)}

    def rows(self, names: List[str]) -> List[Row]:
        present = [n for n in names if n in self.fields]
        spatial = self.geometry_type not in (QgsWkbTypes.NullGeometry, QgsWkbTypes.UnknownGeometry)
        request = transformed_request(self.layer) if spatial else QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(present, self.layer.fields())
        return [Row(f.id(), {n: _plain(f[n]) for n in present}, f.geometry() if spatial else None)
                for f in self.layer.getFeatures(request)]


class GdalTable:
    """A table of a pack read through the pack's GDAL dataset (see `PackReader`)."""

    def __init__(self, reader: "PackReader", name: str, layer):
        self.reader, self.name = reader, name
        definition = layer.GetLayerDefn()
        self.fields = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        self.geometry_column = layer.GetGeometryColumn() or "geom"
        self.geometry_type = _geometry_type(definition.GetGeomType())

    @property
    def label(self) -> str:
        return self.name

    @property
    def pack_reader(self) -> "PackReader":
        return self.reader

    def reopen(self) -> Tuple:
        return datapack.table_uri(self.reader.pack, self.name), "ogr"

    def _present(self) -> str:
        geometry = _quoted(self.geometry_column)
        return f"{geometry} IS NOT NULL AND NOT ST_IsEmpty({geometry})"

    def count(self, where: Filter) -> int:
        return int(self.reader.query(f"SELECT count(*) AS n FROM {_quoted(self.name)} WHERE {where.sql}")["n"][0])

    def areas(self, where: Optional[Filter]) -> Areas:
        geometry, table = _quoted(self.geometry_column), _quoted(self.name)
        condition = f" AND ({where.sql})" if where is not None else ""
        with quiet_stderr():  # SpatiaLite prints a GEOS warning per invalid area; we report them ourselves
            columns = self.reader.query(
                f"SELECT fid, CAST(ST_IsValid({geometry}) AS INTEGER) AS valid, CAST(ST_Area({geometry}) AS REAL) AS area, "
                f"ST_MinX({geometry}) AS x0, ST_MinY({geometry}) AS y0, ST_MaxX({geometry}) AS x1, ST_MaxY({geometry}) AS y1 "
                f"FROM {table} WHERE {self._present()}{condition}")
        empty = self.reader.query(f"SELECT count(*) AS n FROM {table} WHERE NOT ({self._present()}){condition}")["n"][0]
        numbers = [np.ma.filled(np.ma.asarray(columns[c], dtype=np.float64), np.nan) for c in ("area", "x0", "y0", "x1", "y1")]
        valid = np.ma.filled(np.ma.asarray(columns["valid"], dtype=np.int64), -1) == 1
        return Areas(np.asarray(columns["fid"], dtype=np.int64), valid & np.isfinite(numbers[0]), *numbers, int(empty))

    def size(self) -> int:
        return max(0, self.reader.layer(self.name).GetFeatureCount(False))

    def areas_later(self, where: Optional[Filter]) -> Future:
        """`areas()` read beside the caller's work (`PackReader.later`)."""
        return self.reader.later(lambda twin: twin.table(self.name).areas(where))

    def geometries(self, fids: Iterable[int]) -> Dict[int, QgsGeometry]:
        wanted = sorted({int(f) for f in fids})
        found = {}
        for start in range(0, len(wanted), FETCH_BATCH):
            listed = ",".join(str(f) for f in wanted[start:start + FETCH_BATCH])
            columns = self.reader.query(f"SELECT fid, AsBinary({_quoted(self.geometry_column)}) AS wkb "
                                        f"FROM {_quoted(self.name)} WHERE fid IN ({listed})")
            for fid, wkb in zip(columns["fid"].tolist(), columns["wkb"].tolist()):
                found[fid] = _geometry(wkb)
        return found

    def rows(self, names: List[str]) -> List[Row]:
        present = [n for n in names if n in self.fields]
        selected = "".join(f", {_quoted(n)}" for n in present)
        columns = self.reader.query(f"SELECT fid{selected}, AsBinary({_quoted(self.geometry_column)}) AS wkb "
                                    f"FROM {_quoted(self.name)}" if self.geometry_type != QgsWkbTypes.NullGeometry
                                    else f"SELECT fid{selected} FROM {_quoted(self.name)}")
        values = {n: [_plain(v) for v in columns[n].tolist()] for n in present}
        wkbs = columns["wkb"].tolist() if "wkb" in columns else [None] * len(columns["fid"])
        return [Row(fid, {n: values[n][i] for n in present}, _geometry(wkbs[i]))
                for i, fid in enumerate(columns["fid"].tolist())]


class PackReader:
    """One data pack opened once for a computation: `table(name)` reads through GDAL when it can, else
    through a QGIS layer. Use as a context manager, or `close()`: results never hold the file open."""

    def __init__(self, pack: Path):
        self.pack = Path(pack)
        self._dataset = _open_dataset(self.pack)
        self._tables: Dict[str, object] = {}
        self._executor: Optional[ThreadPoolExecutor] = None
        self._twin: Optional["PackReader"] = None

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
            chunk, held = [], 0
            while start + len(chunk) < len(groups) and held < UNION_BATCH:
                chunk.append(groups[start + len(chunk)])
                held += len(chunk[-1])
            tables = sorted({table for group in chunk for table, _ in group})
            number = {table: n for n, table in enumerate(tables)}
            values = ",".join(f"({start + g},{number[table]},{int(fid)})" for g, group in enumerate(chunk)
                              for table, fid in group)
            parts = " UNION ALL ".join(
                f"SELECT m.g AS g, x.{_quoted(self.table(table).geometry_column)} AS geom FROM m "
                f"JOIN {_quoted(table)} AS x ON x.fid = m.f WHERE m.t = {n}" for table, n in number.items())
            with quiet_stderr():
                columns = self.query(f"WITH m(g, t, f) AS (VALUES {values}) "
                                     f"SELECT g AS fid, CAST(ST_Area(ST_Union(geom)) AS REAL) AS area FROM ({parts}) GROUP BY g")
            found = np.ma.filled(np.ma.asarray(columns["area"], dtype=np.float64), np.nan)
            for g, area in zip(columns["fid"].tolist(), found.tolist()):
                areas[g] = area if np.isfinite(area) else None
            start += len(chunk)
        return areas

    def query(self, sql: str) -> Dict[str, np.ndarray]:
        """Columns of one SQL statement's result (SQLite with SpatiaLite, on the pack)."""
        result = self._dataset.ExecuteSQL(sql)
        if result is None:
            raise RemixError(f"Pacchetto dati «{self.pack.name}»: lettura non riuscita ({sql[:80]}…).")
        try:
            batches = list(result.GetArrowStreamAsNumPy())
            if not batches:
                definition = result.GetLayerDefn()
                return {"fid": np.zeros(0, dtype=np.int64), **{definition.GetFieldDefn(i).GetName(): np.zeros(0)
                                                               for i in range(definition.GetFieldCount())}}
            return {key: np.ma.concatenate([b[key] for b in batches]) if any(np.ma.isMaskedArray(b[key]) for b in batches)
                    else np.concatenate([b[key] for b in batches]) for key in batches[0]}
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


@contextmanager
def quiet_stderr():
    """Standard error closed for a moment: SpatiaLite writes a line there for every invalid geometry it
    checks. Process-wide, so kept to the one statement."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _in_computation_crs(layer) -> bool:
    srs = layer.GetSpatialRef()
    if srs is None:
        return layer.GetGeomType() == ogr.wkbNone  # attributes only
    return f"{srs.GetAuthorityName(None)}:{srs.GetAuthorityCode(None)}" == computation_crs().authid()


def _geometry_type(ogr_type: int) -> int:
    """QGIS's geometry type (point, line, polygon, none) of an OGR layer type: the flat codes are the same."""
    return QgsWkbTypes.NullGeometry if ogr_type == ogr.wkbNone else QgsWkbTypes.geometryType(ogr.GT_Flatten(ogr_type))


def _geometry(wkb) -> Optional[QgsGeometry]:
    if wkb is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(wkb))
    return geometry


def _plain(value):
    """A value as Python gives it to the indicators: None for NULL, text as str."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
