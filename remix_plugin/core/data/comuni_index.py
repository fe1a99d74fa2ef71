"""The Comuni an indicator is computed for, and a fast answer to "which Comune holds these boxes?".

Per-area spatial queries dominate the cost of the indicators on large packs, so there the Comuni
are rasterised once (`ComuniGrid`): a box that crosses no boundary cell is wholly inside one
Comune, answered for a whole column of boxes at once with no geometry test; only boxes on a
boundary are tested exactly. Correctness never depends on the grid.
"""

import math
from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import QgsGeometry, QgsRectangle, QgsSpatialIndex, QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import null_rectangle
from remix_plugin.core.base.values import number_value, text_value
from remix_plugin.core.data.crs import computation_crs

REQUIRED_FIELDS = ("pro_com_t", "comune", "zona_omogenea")
POPULATION_FIELD = "popolazione"
OUTSIDE, ON_BOUNDARY = -1, -2  # what `ComuniGrid.locate` answers besides a Comune's number


@dataclass
class Comuni:
    """The Comuni in scope, in the order of the `comuni` table, with geometries in the computation CRS."""

    codes: List[str]
    names: List[str]
    zones: List[str]
    geometries: List[QgsGeometry]
    population: List[Optional[float]]
    scoped: bool = False  # only some Comuni (an active filter), not the whole layer
    problems: List[str] = field(default_factory=list)
    _engines: list = field(default_factory=list, repr=False)
    _grid: Optional["ComuniGrid"] = field(default=None, repr=False)
    _index: Optional[QgsSpatialIndex] = field(default=None, repr=False)

    @classmethod
    def from_layer(cls, layer: QgsVectorLayer, scope: Optional[frozenset] = None) -> "Comuni":
        from remix_plugin.core.data.table_reader import LayerTable  # numpy and GDAL: when measuring, not at start

        return cls.from_table(LayerTable("comuni", layer), scope)

    @classmethod
    def from_table(cls, table, scope: Optional[frozenset] = None) -> "Comuni":
        """From a `table_reader` table (a pack's `comuni`, or a layer), in the computation CRS."""
        missing = [f for f in REQUIRED_FIELDS if f not in table.fields]
        if missing:
            raise RemixError(f"Strato dei Comuni «{table.label}»: mancano i campi {', '.join(missing)}.")
        comuni = cls([], [], [], [], [], scoped=scope is not None)
        seen = set()
        for row in table.rows(list(REQUIRED_FIELDS) + [POPULATION_FIELD]):
            values = row.values
            code = text_value(values["pro_com_t"])
            if scope is not None and code not in scope:
                continue
            if not code or code in seen:
                raise RemixError(
                    f"Strato dei Comuni «{table.label}»: codice ISTAT «{code}» mancante o ripetuto "
                    f"(elemento {row.fid})."
                )
            seen.add(code)
            name, geometry = text_value(values["comune"]), row.geometry
            if geometry is None or geometry.isNull() or geometry.isEmpty():
                raise RemixError(f"Strato dei Comuni «{table.label}»: il Comune «{name}» non ha geometria.")
            if not geometry.isGeosValid():
                geometry = geometry.makeValid()
                comuni.problems.append(f"Confine del Comune «{name}» non valido: riparato prima del calcolo.")
            comuni.codes.append(code)
            comuni.names.append(name)
            comuni.zones.append(text_value(values["zona_omogenea"]))
            comuni.geometries.append(geometry)
            comuni.population.append(number_value(values.get(POPULATION_FIELD)))
        if scope is not None and not comuni.codes:
            raise RemixError(f"Nessun Comune dello strato «{table.label}» rientra nel filtro attivo.")
        comuni._build_lookup()
        return comuni

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def has_population(self) -> bool:
        return any(p for p in self.population)

    def area(self, index: int) -> float:
        return self.geometries[index].area()

    def extent(self) -> QgsRectangle:
        extent = null_rectangle()
        for geometry in self.geometries:
            extent.combineExtentWith(geometry.boundingBox())
        return extent

    # --- spatial lookup --------------------------------------------------------------------------
    def _build_lookup(self) -> None:
        self._index = QgsSpatialIndex()
        self._engines = []
        for number, geometry in enumerate(self.geometries):
            self._index.addFeature(number, geometry.boundingBox())
            engine = QgsGeometry.createGeometryEngine(geometry.constGet())
            engine.prepareGeometry()
            self._engines.append(engine)

    def grid(self, cells: int) -> "ComuniGrid":
        """The Comuni rasterised, `cells` along the longer side of their extent (made once, some tens of
        milliseconds): worth it for many thousands of boxes."""
        if self._grid is None or self._grid.cells != cells:
            self._grid = ComuniGrid(self.geometries, self.extent(), cells)
        return self._grid

    def engine(self, number: int):
        return self._engines[number]

    def comune_at(self, point: QgsGeometry) -> Optional[int]:
        """The Comune holding a point (None outside every Comune in scope)."""
        box = point.boundingBox()
        assert self._index is not None  # built by from_table (_build_lookup)
        for number in self._index.intersects(box):
            if self._engines[number].intersects(point.constGet()):
                return number
        return None

    def candidates(self, box: QgsRectangle) -> List[int]:
        assert self._index is not None  # built by from_table (_build_lookup)
        return self._index.intersects(box)


class ComuniGrid:
    """The Comuni burnt into a raster in memory (GDAL): each cell holds the Comune its centre is in, and
    cells a boundary touches (and their neighbours) are marked. A summed-area table of the marks says
    in constant time whether a box touches a marked cell; if not, the box lies wholly in the Comune
    of any of its cells (or wholly outside them all)."""

    def __init__(self, geometries: List[QgsGeometry], extent: QgsRectangle, cells: int):
        import numpy as np  # only when measuring: this module is read at QGIS start
        from osgeo import gdal, ogr, osr

        self.cells = cells
        self.cell = max(extent.width(), extent.height(), 1.0) / cells
        self.left, self.top = extent.xMinimum() - 2 * self.cell, extent.yMaximum() + 2 * self.cell
        width = int(math.ceil(extent.width() / self.cell)) + 4
        height = int(math.ceil(extent.height() / self.cell)) + 4
        raster = gdal.GetDriverByName("MEM").Create("", width, height, 2, gdal.GDT_Int32)
        raster.SetGeoTransform((self.left, self.cell, 0.0, self.top, 0.0, -self.cell))
        srs = osr.SpatialReference(computation_crs().toWkt())
        raster.SetSpatialRef(srs)
        shapes = ogr.GetDriverByName("Memory").CreateDataSource("")
        areas = shapes.CreateLayer("comuni", srs, ogr.wkbUnknown)
        areas.CreateField(ogr.FieldDefn("n", ogr.OFTInteger))
        lines = shapes.CreateLayer("confini", srs, ogr.wkbUnknown)
        for number, geometry in enumerate(geometries):
            feature = ogr.Feature(areas.GetLayerDefn())
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geometry.asWkb())))
            feature.SetField("n", number + 1)
            areas.CreateFeature(feature)
            boundary = geometry.constGet().boundary()
            outline = ogr.CreateGeometryFromWkb(bytes(QgsGeometry(boundary).asWkb())) if boundary else None
            feature = ogr.Feature(lines.GetLayerDefn())
            feature.SetGeometry(
                outline or ogr.CreateGeometryFromWkb(bytes(QgsGeometry.fromRect(geometry.boundingBox()).asWkb()))
            )  # no outline to trace: its whole box counts as boundary
            lines.CreateFeature(feature)
        gdal.RasterizeLayer(raster, [1], areas, options=["ATTRIBUTE=n"])
        gdal.RasterizeLayer(raster, [2], lines, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
        self.ids = raster.GetRasterBand(1).ReadAsArray().astype(np.int32) - 1
        marked = raster.GetRasterBand(2).ReadAsArray() > 0
        grown = marked.copy()  # one cell more on every side: no box slips past a boundary at a cell's edge
        grown[1:, :] |= marked[:-1, :]
        grown[:-1, :] |= marked[1:, :]
        wide = grown.copy()
        wide[:, 1:] |= grown[:, :-1]
        wide[:, :-1] |= grown[:, 1:]
        self.marks = np.zeros((height + 1, width + 1), dtype=np.int32)
        self.marks[1:, 1:] = wide.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)

    def locate(self, x0, y0, x1, y1):
        """For each box: the number of the Comune wholly holding it, OUTSIDE, or ON_BOUNDARY (test exactly)."""
        import numpy as np

        height, width = self.ids.shape
        c0 = np.floor((x0 - self.left) / self.cell)
        c1 = np.floor((x1 - self.left) / self.cell)
        r0 = np.floor((self.top - y1) / self.cell)
        r1 = np.floor((self.top - y0) / self.cell)
        within = (c0 >= 0) & (r0 >= 0) & (c1 < width) & (r1 < height)
        c0, c1 = (np.clip(c, 0, width - 1).astype(np.int64) for c in (c0, c1))
        r0, r1 = (np.clip(r, 0, height - 1).astype(np.int64) for r in (r0, r1))
        m = self.marks
        crossed = m[r1 + 1, c1 + 1] - m[r0, c1 + 1] - m[r1 + 1, c0] + m[r0, c0]
        found = np.where(self.ids[r0, c0] >= 0, self.ids[r0, c0], OUTSIDE)
        return np.where(within & (crossed == 0), found, ON_BOUNDARY)
