"""What the «RE.MIX» locator filter searches: Comuni, Zone omogenee, interventi (title or CUP),
opportunity areas and stations of the data pack in use, each with its extent.

QGIS runs a locator filter in a thread of its own, so the search only reads an immutable index
built beforehand on the main thread (`build_places`), once per pack file, Zona/Comuni filter and catalogue.
Names match whatever the accents, apostrophes and case (`scope.normalise`). With a filter active,
only the features it keeps are listed (the Comuni and Zone omogenee always: they frame the map).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from osgeo import gdal
from qgis.core import QgsGeometry, QgsRectangle

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.values import text_value
from remix_plugin.core.catalogue.model import Catalogue
from remix_plugin.core.data import datapack
from remix_plugin.core.scope.filtering import FRAME_ENTRIES, scope_area
from remix_plugin.core.scope.model import comuni_table, normalise, zones

PER_GROUP = 8  # results listed per group


@dataclass(frozen=True)
class Place:
    label: str  # what the list shows
    detail: str  # beside it, smaller
    group: int  # index into Places.groups, also their order
    entry: str  # catalogue entry id (= pack table)
    fid: int
    extent: Tuple[float, float, float, float]  # EPSG:32632
    words: str  # normalised text the search matches
    name: str  # normalised label, for ranking


@dataclass(frozen=True)
class Places:
    """The index: a tuple of places, read-only once built (safe to read from any thread)."""

    places: Tuple[Place, ...]
    groups: Tuple[str, ...]
    key: tuple = ()  # what it was built from (`index_key`)

    def search(self, text: str, per_group: int = PER_GROUP) -> List[Place]:
        """Places whose words contain every word typed: names starting with the text first."""
        needle = normalise(text)
        if not needle:
            return []
        words = needle.split()
        found = [p for p in self.places if all(w in p.words for w in words)]
        found.sort(key=lambda p: (p.group, _rank(p.name, needle), p.name))
        counts: Dict[int, int] = {}
        kept = []
        for place in found:
            counts[place.group] = counts.get(place.group, 0) + 1
            if counts[place.group] <= per_group:
                kept.append(place)
        return kept


def _rank(name: str, needle: str) -> int:
    if name == needle:
        return 0
    if name.startswith(needle):
        return 1
    return 2 if f" {needle}" in f" {name}" else 3


def kinds() -> List[Tuple[str, Tuple[str, ...]]]:
    """(group title, pack tables) in the order results are listed."""
    return [
        (tr("Comuni"), ("comuni",)),
        (tr("Zone omogenee"), ("zone_omogenee",)),
        (tr("Interventi"), datapack.INTERVENTI_TABLES),
        (tr("Aree di opportunità"), datapack.OPPORTUNITY_TABLES),
        (tr("Stazioni"), ("stazioni",)),
    ]


def index_key(pack: Path, scope: Optional[frozenset], catalogue: Catalogue) -> tuple:
    """What an index depends on: the pack file as it is now, the filter, the catalogue in use."""
    return datapack.signature(pack), scope, catalogue.version, catalogue.origin


def build_places(pack: Path, catalogue: Catalogue, scope: Optional[frozenset] = None) -> Places:
    """Read the searchable tables of the pack (main thread) into an index. The file is read with GDAL,
    once, envelopes only (a QGIS layer per table would cost ten times as much): the pack is a GeoPackage
    and its fids are the features' QGIS ids."""
    dataset = _open(pack)
    present = {dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())}
    area = scope_area(pack, scope) if scope else None
    table = comuni_table(pack) if "comuni" in present else []
    comuni = {code: name for code, name, _ in table}
    members = zones(table)
    groups = kinds()
    places = []
    for number, (_, tables) in enumerate(groups):
        for entry in catalogue.entries:
            name = entry.pack_table()
            if entry.valid and entry.source("datapack") and name in tables and name in present:
                filtered = area if name not in FRAME_ENTRIES else None
                places += _read(dataset.GetLayerByName(name), name, entry.title, number, filtered, comuni, members)
    return Places(tuple(places), tuple(title for title, _ in groups), index_key(pack, scope, catalogue))


def _open(pack: Path):
    try:  # GDAL answers None, or raises when someone turned its exceptions on
        dataset = gdal.OpenEx(str(pack), gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError:
        dataset = None
    if dataset is None:
        raise RemixError(f"Pacchetto dati «{Path(pack).name}» non leggibile.")
    return dataset


def _read(layer, table: str, title: str, group: int, area, comuni: dict, members: dict) -> List[Place]:
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    wanted = [
        n for n in ("comune", "zona_omogenea", "pro_com_t", "titolo", "cup", "nome", "id", "rilevanza") if n in names
    ]
    layer.SetIgnoredFields([n for n in names if n not in wanted])
    layer.SetAttributeFilter(None)
    layer.SetSpatialFilter(None)
    found, geometry = [], QgsGeometry()
    for feature in layer:
        shape = feature.GetGeometryRef()
        if shape is None or shape.IsEmpty():
            continue
        x0, x1, y0, y1 = shape.GetEnvelope()
        if area is not None:
            if not area.extent.intersects(QgsRectangle(x0, y0, x1, y1)):
                continue
            geometry.fromWkb(shape.ExportToIsoWkb())
            if not area.intersects(geometry):
                continue
        values = {n: text_value(feature.GetField(n)) for n in wanted}
        label, detail, extra = _describe(table, title, values, comuni, members)
        if label:
            found.append(
                Place(
                    label,
                    detail,
                    group,
                    table,
                    feature.GetFID(),
                    (x0, y0, x1, y1),
                    normalise(f"{label} {extra}"),
                    normalise(label),
                )
            )
    return found


def _describe(table: str, title: str, values: dict, comuni: dict, members: dict) -> Tuple[str, str, str]:
    """(label, detail, extra searchable words) of one feature."""
    comune = comuni.get(values.get("pro_com_t", ""), values.get("comune", ""))
    if table == "comuni":
        detail = tr("Comune") + f" · {values.get('zona_omogenea', '')}"
        return values.get("comune", ""), detail, values.get("pro_com_t", "")
    if table == "zone_omogenee":
        zona = values.get("zona_omogenea", "")
        return zona, tr("Zona omogenea") + f" · {len(members.get(zona, []))} " + tr("Comuni"), ""
    if table in datapack.INTERVENTI_TABLES:
        cup = values.get("cup", "")
        return values.get("titolo", "") or cup, f"CUP {cup} · {title}", cup
    if table == "stazioni":
        kind = f"{tr('Stazione')} {values.get('rilevanza', '')}".strip()
        return values.get("nome", ""), " · ".join(x for x in (kind, comune) if x), ""
    return values.get("nome", ""), " · ".join(x for x in (comune, title) if x), values.get("id", "")
