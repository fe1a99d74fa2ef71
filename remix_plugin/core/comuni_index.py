"""The Comuni an indicator is computed for, and a fast answer to "which Comune holds this box?".

Per-feature spatial queries dominate the cost of the indicators on large packs, so there the Comuni
are rasterised once into a grid of square cells (a quadtree from 2 km down to 250 m): a cell wholly
inside one Comune answers with that Comune and no geometry test at all; only cells on a boundary
keep a short list of candidate Comuni to test exactly. Correctness never depends on the grid.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple, Union

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFeatureRequest,
                       QgsGeometry, QgsRectangle, QgsSpatialIndex, QgsVectorLayer)

from remix_plugin.core import datapack
from remix_plugin.core.errors import RemixError

REQUIRED_FIELDS = ("pro_com_t", "comune", "zona_omogenea")
POPULATION_FIELD = "popolazione"
COARSE_CELL, FINE_CELL = 2000.0, 250.0


def computation_crs() -> QgsCoordinateReferenceSystem:
    """Areas are planar in the pack's CRS, WGS 84 / UTM 32N (metres; scale error under 0.1 % in CMM)."""
    return QgsCoordinateReferenceSystem(datapack.CRS)


def transformed_request(layer: QgsVectorLayer) -> QgsFeatureRequest:
    """A request that hands geometries over in the computation CRS, whatever the layer's own CRS."""
    if not layer.crs().isValid():
        raise RemixError(f"Strato «{layer.name()}»: sistema di riferimento non definito, impossibile confrontarlo "
                         "con i confini comunali.")
    request = QgsFeatureRequest()
    if layer.crs() != computation_crs():
        request.setDestinationCrs(computation_crs(), QgsCoordinateTransformContext())
    return request


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
    _cells: Optional[Dict[Tuple[int, int], Union[int, tuple]]] = field(default=None, repr=False)
    _index: Optional[QgsSpatialIndex] = field(default=None, repr=False)
    _origin: Tuple[float, float] = (0.0, 0.0)

    @classmethod
    def from_layer(cls, layer: QgsVectorLayer, scope: Optional[frozenset] = None) -> "Comuni":
        missing = [f for f in REQUIRED_FIELDS if layer.fields().indexOf(f) < 0]
        if missing:
            raise RemixError(f"Strato dei Comuni «{layer.name()}»: mancano i campi {', '.join(missing)}.")
        has_population = layer.fields().indexOf(POPULATION_FIELD) >= 0
        comuni = cls([], [], [], [], [], scoped=scope is not None)
        seen = set()
        for feature in layer.getFeatures(transformed_request(layer)):
            code = text_value(feature["pro_com_t"])
            if scope is not None and code not in scope:
                continue
            if not code or code in seen:
                raise RemixError(f"Strato dei Comuni «{layer.name()}»: codice ISTAT «{code}» mancante o ripetuto "
                                 f"(elemento {feature.id()}).")
            seen.add(code)
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                raise RemixError(f"Strato dei Comuni «{layer.name()}»: il Comune «{feature['comune']}» non ha geometria.")
            if not geometry.isGeosValid():
                geometry = geometry.makeValid()
                comuni.problems.append(f"Confine del Comune «{feature['comune']}» non valido: riparato prima del calcolo.")
            comuni.codes.append(code)
            comuni.names.append(text_value(feature["comune"]))
            comuni.zones.append(text_value(feature["zona_omogenea"]))
            comuni.geometries.append(geometry)
            comuni.population.append(number_value(feature[POPULATION_FIELD]) if has_population else None)
        if scope is not None and not comuni.codes:
            raise RemixError(f"Nessun Comune dello strato «{layer.name()}» rientra nel filtro attivo.")
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
        extent = QgsRectangle()
        extent.setMinimal()
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

    def use_grid(self) -> None:
        """Rasterise the Comuni (about 0.15 s for CMM): worth it from some tens of thousands of lookups."""
        if self._cells is not None:
            return
        self._cells = {}
        extent = self.extent()
        self._origin = (extent.xMinimum(), extent.yMinimum())
        for number, geometry in enumerate(self.geometries):
            box = geometry.boundingBox()
            x0, y0 = self._cell(box.xMinimum(), box.yMinimum(), COARSE_CELL)
            x1, y1 = self._cell(box.xMaximum(), box.yMaximum(), COARSE_CELL)
            for i in range(x0, x1 + 1):
                for j in range(y0, y1 + 1):
                    self._rasterise(number, i, j, COARSE_CELL)

    def _cell(self, x: float, y: float, size: float) -> Tuple[int, int]:
        return int((x - self._origin[0]) // size), int((y - self._origin[1]) // size)

    def _rasterise(self, number: int, i: int, j: int, size: float) -> None:
        x, y = self._origin[0] + i * size, self._origin[1] + j * size
        cell = QgsGeometry.fromRect(QgsRectangle(x, y, x + size, y + size))
        engine = self._engines[number]
        if engine.contains(cell.constGet()):
            step = int(size // FINE_CELL)
            for a in range(i * step, (i + 1) * step):
                for b in range(j * step, (j + 1) * step):
                    self._cells[(a, b)] = number
        elif engine.intersects(cell.constGet()):
            if size > FINE_CELL:
                for a in (2 * i, 2 * i + 1):
                    for b in (2 * j, 2 * j + 1):
                        self._rasterise(number, a, b, size / 2)
            else:
                known = self._cells.get((i, j), ())
                self._cells[(i, j)] = (known if isinstance(known, tuple) else (known,)) + (number,)

    def locate(self, xmin: float, ymin: float, xmax: float, ymax: float) -> Union[int, tuple]:
        """The Comune wholly holding the box (an int), or the Comuni to test exactly (a tuple, maybe empty)."""
        cells = self._cells
        if cells is None:
            return tuple(self._index.intersects(QgsRectangle(xmin, ymin, xmax, ymax)))
        ox, oy = self._origin
        i0, j0 = int((xmin - ox) // FINE_CELL), int((ymin - oy) // FINE_CELL)
        i1, j1 = int((xmax - ox) // FINE_CELL), int((ymax - oy) // FINE_CELL)
        if i0 == i1 and j0 == j1:
            return cells.get((i0, j0), ())
        first = cells.get((i0, j0))
        if isinstance(first, int) and (i1 - i0 + 1) * (j1 - j0 + 1) <= 9 and all(
                cells.get((a, b)) == first for a in range(i0, i1 + 1) for b in range(j0, j1 + 1)):
            return first
        return tuple(self._index.intersects(QgsRectangle(xmin, ymin, xmax, ymax)))

    def engine(self, number: int):
        return self._engines[number]

    def comune_at(self, point: QgsGeometry) -> Optional[int]:
        """The Comune holding a point (None outside every Comune in scope)."""
        box = point.boundingBox()
        for number in self._index.intersects(box):
            if self._engines[number].intersects(point.constGet()):
                return number
        return None

    def candidates(self, box: QgsRectangle) -> List[int]:
        return self._index.intersects(box)


def text_value(value) -> str:
    """A field value as trimmed text ('' for NULL, whether PyQGIS hands it over as None or as a null QVariant)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value).strip()


def number_value(value) -> Optional[float]:
    """A field value as a number (None for NULL or text that is not a number)."""
    try:
        return float(str(value).replace(",", ".")) if text_value(value) else None
    except (TypeError, ValueError):
        return None
