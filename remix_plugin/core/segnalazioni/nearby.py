"""Opportunities near a segnalazione: the incubator's matching of projects and opportunities.

Catalogue features within a distance of the segnalazione, read from the data pack: the
opportunity areas (catalogue group «opportunita»), the interventi («realizzazioni») and the LUM,
derived from the stations as the catalogue says (catalogue.lum.lum_layer). Distances are planar in
EPSG:32632; 0 means the feature touches or contains the segnalazione.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import List

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.catalogue.lum import lum_layer
from remix_plugin.core.catalogue.model import Catalogue
from remix_plugin.core.data import datapack

GROUPS = ("opportunita", "realizzazioni")
NAME_FIELDS = ("nome", "titolo", "cup", "id")
MAX_DISTANCE_M = 20000


@dataclass
class Nearby:
    entry_id: str
    layer_title: str
    group_title: str
    name: str
    distance_m: float
    fid: int


def opportunities_near(geometry: QgsGeometry, pack: Path, catalogue: Catalogue, distance_m: float) -> List[Nearby]:
    """Catalogue features within `distance_m` of the geometry (EPSG:32632), nearest first."""
    if geometry is None or geometry.isNull():
        raise RemixError("La segnalazione non ha geometria: impossibile cercare le opportunità vicine.")
    if not 0 <= distance_m <= MAX_DISTANCE_M:
        raise RemixError(f"Distanza di ricerca {distance_m:g} m non ammessa: scegliere tra 0 e {MAX_DISTANCE_M} m.")
    tables = datapack.pack_tables(pack)
    found = []
    for entry in catalogue.entries:
        if not entry.valid:
            continue
        derived_source = entry.source("derived")
        if derived_source and derived_source.get("derive") == "lum" and derived_source["table"] in tables:
            stations = datapack.open_table(pack, derived_source["table"])
            layer = lum_layer(stations, derived_source.get("distances", {}), entry.title)
        elif entry.group in GROUPS and entry.source("datapack") and entry.pack_table() in tables:
            table = entry.pack_table()
            assert table is not None  # it is one of the pack's tables, checked just above
            layer = datapack.open_table(pack, table, entry.title)
        else:
            continue
        found += _within(layer, geometry, distance_m, entry.id, entry.title, catalogue.groups.get(entry.group, ""))
    return sorted(found, key=lambda n: (n.distance_m, n.layer_title, n.name))


def _within(
    layer: QgsVectorLayer, geometry: QgsGeometry, distance_m: float, entry_id: str, title: str, group: str
) -> List[Nearby]:
    box = geometry.boundingBox()
    box.grow(distance_m)
    name_field = next((n for n in NAME_FIELDS if layer.fields().indexOf(n) >= 0), None)
    found = []
    for feature in layer.getFeatures(QgsFeatureRequest().setFilterRect(box)):
        if not feature.hasGeometry():
            continue
        distance = feature.geometry().distance(geometry)
        if distance <= distance_m:
            name = str(feature[name_field]) if name_field and feature[name_field] is not None else f"n. {feature.id()}"
            found.append(Nearby(entry_id, title, group, name, round(distance, 1), feature.id()))
    return found
