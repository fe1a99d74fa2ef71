"""Where a segnalazione is: its geometry checked (type, validity, inside CMM) and its Comune found.

The Comuni come from the data pack's `comuni` table (membership of the Zone omogenee is data).
A self-intersecting polygon is repaired (and the user told); a geometry of the wrong kind for its
natura, or one outside the Città metropolitana, is refused with a message that says why.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import Qgis, QgsGeometry

from remix_plugin.core.base import formatting
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import GeometryType, WkbType
from remix_plugin.core.data import datapack
from remix_plugin.core.data.comuni_index import Comuni
from remix_plugin.core.scope.model import normalise, resolve_scope
from remix_plugin.core.segnalazioni.schema import Taxonomy

_lookups: Dict[tuple, "ComuniLookup"] = {}


@dataclass(frozen=True)
class Comune:
    code: str  # ISTAT, pro_com_t
    name: str
    zona: str


@dataclass
class Placed:
    geometry: QgsGeometry
    comune: Comune
    notes: List[str] = field(default_factory=list)  # what was repaired, in Italian


class ComuniLookup:
    """The pack's Comuni with their boundaries (EPSG:32632), read once per pack file."""

    def __init__(self, pack: Path):
        self.pack = Path(pack)
        self.comuni = Comuni.from_layer(datapack.open_table(self.pack, "comuni"))

    @classmethod
    def for_pack(cls, pack: Path) -> "ComuniLookup":
        key = datapack.signature(pack)
        if key not in _lookups:
            _lookups[key] = cls(pack)
        return _lookups[key]

    def all(self) -> List[Comune]:
        """Every Comune, by name (what the form's list shows)."""
        found = [Comune(c, n, z) for c, n, z in zip(self.comuni.codes, self.comuni.names, self.comuni.zones)]
        return sorted(found, key=lambda c: normalise(c.name))

    def zones(self) -> List[str]:
        return sorted(set(self.comuni.zones), key=normalise)

    def _comune(self, number: int) -> Comune:
        return Comune(self.comuni.codes[number], self.comuni.names[number], self.comuni.zones[number])

    def at(self, geometry: QgsGeometry) -> Optional[Comune]:
        """The Comune holding the geometry's representative point (None outside CMM)."""
        point = geometry if geometry.type() == GeometryType.Point else geometry.pointOnSurface()
        number = self.comuni.comune_at(point)
        return None if number is None else self._comune(number)

    def find(self, name_or_code: str) -> Comune:
        """A Comune by ISTAT code or by name (accents, apostrophes and case do not matter)."""
        codes = resolve_scope(self.pack, comuni=[name_or_code])
        assert codes is not None  # None only when no Comune is named
        return self._comune(self.comuni.codes.index(next(iter(codes))))

    def point_inside(self, comune: Comune) -> QgsGeometry:
        return self.comuni.geometries[self.comuni.codes.index(comune.code)].pointOnSurface()


def place(geometry: QgsGeometry, natura: str, lookup: ComuniLookup, taxonomy: Taxonomy) -> Placed:
    """Check and normalise a new segnalazione's geometry (EPSG:32632) and find its Comune."""
    layer = taxonomy.layers[taxonomy.layer_for(natura)]
    natura_label = taxonomy.label("natura", natura)
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        raise RemixError(f"Segnalazione di natura «{natura_label}»: manca la geometria.")
    notes = []
    if layer.geometry == "point":
        if geometry.type() != GeometryType.Point or geometry.isMultipart() and len(geometry.asMultiPoint()) != 1:
            raise RemixError(
                f"Una segnalazione di natura «{natura_label}» è un punto, non "
                f"{_kind(geometry)}: disegnare un punto."
            )
        geometry = QgsGeometry(geometry)
        geometry.convertToSingleType()
    else:
        if geometry.type() != GeometryType.Polygon:
            raise RemixError(
                f"Una segnalazione di natura «{natura_label}» ha un perimetro (poligono), non "
                f"{_kind(geometry)}: disegnare un'area."
            )
        geometry, repaired = _valid_polygon(geometry, natura_label)
        notes += repaired
    comune = lookup.at(geometry)
    if comune is None:
        raise RemixError(
            f"La geometria della segnalazione cade fuori dal territorio della Città metropolitana di "
            f"Milano (nessun Comune del pacchetto dati la contiene; coordinate attese in {datapack.CRS})."
        )
    return Placed(geometry, comune, notes)


def _kind(geometry: QgsGeometry) -> str:
    return {GeometryType.Point: "un punto", GeometryType.Line: "una linea", GeometryType.Polygon: "un poligono"}.get(
        geometry.type(), "una geometria di altro tipo"
    )


def _valid_polygon(geometry: QgsGeometry, natura_label: str) -> Tuple[QgsGeometry, List[str]]:
    notes = []
    if not geometry.isGeosValid():
        problem = geometry.validateGeometry(Qgis.GeometryValidationEngine.Geos)
        reason = "i lati si incrociano o si sovrappongono"
        if problem and problem[0].hasWhere():
            reason += f" presso {problem[0].where().x():.0f}, {problem[0].where().y():.0f}"
        repaired = geometry.makeValid()
        parts = (
            [p for p in repaired.asGeometryCollection() if p.type() == GeometryType.Polygon]
            if repaired.isMultipart() or repaired.wkbType() == WkbType.GeometryCollection
            else [repaired]
        )
        repaired = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
        if repaired.isNull() or repaired.isEmpty() or repaired.area() <= 0:
            raise RemixError(
                f"Il perimetro della segnalazione ({natura_label}) non è valido ({reason}) e non si può "
                "riparare: ridisegnarlo senza che i lati si incrocino."
            )
        area = formatting.square_metres(repaired.area())
        notes.append(
            f"Il perimetro disegnato non era valido ({reason}): è stato riparato (area {area}); "
            "controllarlo sulla mappa."
        )
        geometry = repaired
    geometry = QgsGeometry(geometry)
    geometry.convertToMultiType()
    if geometry.area() <= 0:
        raise RemixError(f"Il perimetro della segnalazione ({natura_label}) ha area nulla: ridisegnarlo.")
    return geometry, notes
