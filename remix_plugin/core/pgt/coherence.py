"""The coherence reading of a PGT package against the RE.MIX catalogue: for each proposed area, the
facts a CMM officer looks for — its overlap with the opportunity areas, whether it lies in a LUM
(art. 35 NdA PTM, distances from the catalogue), in a park or PLIS, and which funded interventi
are near it. Read from the data pack, as a table and as a map layer.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from qgis.core import QgsFeature, QgsFeatureRequest, QgsField, QgsFields, QgsGeometry, QgsSpatialIndex, QgsVectorLayer

from remix_plugin.core.base import formatting
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import FieldType
from remix_plugin.core.catalogue.lum import lum_layer
from remix_plugin.core.catalogue.model import Catalogue, load_catalogue
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import add_attributes, add_features
from remix_plugin.core.pgt.check import CheckResult, as_text

GREEN_TABLES = ("parchi", "plis")
COLUMNS = [  # name, type, Italian header (CSV, PDF)
    ("tema", FieldType.String, "Tema"),
    ("codice", FieldType.String, "Codice"),
    ("denominazione", FieldType.String, "Denominazione"),
    ("superficie_mq", FieldType.Double, "Superficie (m²)"),
    ("opportunita_mq", FieldType.Double, "Su aree di opportunità RE.MIX (m²)"),
    ("opportunita_pct", FieldType.Double, "Su aree di opportunità (%)"),
    ("opportunita", FieldType.String, "Aree di opportunità RE.MIX"),
    ("lum_pct", FieldType.Double, "In un LUM (%)"),
    ("lum_fermate", FieldType.String, "Fermate dei LUM"),
    ("verde_pct", FieldType.Double, "In parchi e PLIS (%)"),
    ("verde", FieldType.String, "Parchi e PLIS"),
    ("interventi_n", FieldType.Int, "Interventi finanziati vicini"),
    ("interventi", FieldType.String, "Interventi finanziati vicini (elenco)"),
    ("distanza_intervento_m", FieldType.Double, "Distanza dall'intervento più vicino (m)"),
]


@dataclass
class AreaReading:
    theme: str  # theme title
    code: str
    name: str
    geometry: QgsGeometry
    area_m2: float
    opportunity_m2: float = 0.0
    opportunity: List[str] = field(default_factory=list)
    lum_m2: float = 0.0
    lum_stops: List[str] = field(default_factory=list)
    green_m2: float = 0.0
    green: List[str] = field(default_factory=list)
    interventi: List[str] = field(default_factory=list)
    nearest_intervento_m: Optional[float] = None

    def share(self, part: float) -> float:
        return round(100.0 * part / self.area_m2, 1) if self.area_m2 else 0.0

    def values(self) -> list:
        """The row in COLUMNS order."""
        return [
            self.theme,
            self.code,
            self.name,
            round(self.area_m2, 1),
            round(self.opportunity_m2, 1),
            self.share(self.opportunity_m2),
            "; ".join(self.opportunity),
            self.share(self.lum_m2),
            "; ".join(self.lum_stops),
            self.share(self.green_m2),
            "; ".join(self.green),
            len(self.interventi),
            "; ".join(self.interventi),
            None if self.nearest_intervento_m is None else round(self.nearest_intervento_m, 1),
        ]


@dataclass
class CoherenceReading:
    rows: List[AreaReading]
    lum_distances: dict  # rilevanza -> metres (from the catalogue)
    interventi_distance_m: float
    notes: List[str] = field(default_factory=list)  # what could not be read (a table missing from the pack...)

    def layer(self) -> QgsVectorLayer:
        """The reading as a map: one polygon per proposed area with the table's columns (EPSG:32632)."""
        layer = QgsVectorLayer(f"MultiPolygon?crs={datapack.CRS}", "Lettura di coerenza RE.MIX", "memory")
        fields = QgsFields()
        for name, kind, _ in COLUMNS:
            fields.append(QgsField(name, kind))
        add_attributes(layer, fields)
        layer.updateFields()
        features = []
        for row in self.rows:
            feature = QgsFeature(layer.fields())
            feature.setAttributes(row.values())
            feature.setGeometry(row.geometry)
            features.append(feature)
        add_features(layer, features)
        layer.updateExtents()
        return layer

    def rule(self) -> str:
        """How the reading was made, in Italian (for the report)."""
        lum = ", ".join(
            f"{metres:g} m dalle fermate di rilevanza {kind}" for kind, metres in self.lum_distances.items()
        )
        return (
            f"Lettura di coerenza: sovrapposizione con le aree di opportunità RE.MIX (unione delle banche dati, "
            f"contata una volta sola), quota nei LUM ({lum}), quota in parchi e PLIS, interventi finanziati entro "
            f"{self.interventi_distance_m:g} m."
        )


class _Nearby:
    """Features of some pack tables around the Comune, with a spatial index."""

    def __init__(self):
        self.index = QgsSpatialIndex()
        self.items = []  # (geometry, label, source title)

    def add(self, geometry: QgsGeometry, label: str, source: str) -> None:
        if geometry is None or geometry.isEmpty():
            return
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        self.index.addFeature(len(self.items), geometry.boundingBox())
        self.items.append((geometry, label, source))

    def around(self, geometry: QgsGeometry, distance: float = 0.0):
        box = geometry.boundingBox()
        box.grow(distance)
        for key in self.index.intersects(box):
            yield self.items[key]


def read_coherence(check: CheckResult, pack: Path, catalogue: Catalogue = None, feedback=None) -> CoherenceReading:
    """The coherence reading of every checked area (with a geometry) against the data pack."""
    catalogue = catalogue or load_catalogue()
    distances = _lum_distances(catalogue)
    reach = check.themes.interventi_distance_m
    margin = max([reach] + list(distances.values()))
    box = check.comune.geometry.boundingBox()
    box.grow(margin)
    present = datapack.pack_tables(pack)
    reading = CoherenceReading([], distances, reach)

    def load(tables, label_of) -> _Nearby:
        nearby = _Nearby()
        for table in tables:
            if table not in present:
                reading.notes.append(
                    f"Tabella «{table}» assente dal pacchetto dati «{Path(pack).name}»: "
                    f"«{_title(catalogue, table)}» non considerato."
                )
                continue
            layer = datapack.open_table(pack, table)
            for feature in layer.getFeatures(QgsFeatureRequest().setFilterRect(box)):
                nearby.add(feature.geometry(), label_of(feature), _title(catalogue, table))
        return nearby

    opportunity = load(datapack.OPPORTUNITY_TABLES, lambda f: _field(f, "nome") or _field(f, "id"))
    green = load(
        GREEN_TABLES,
        lambda f: " ".join(filter(None, [_field(f, "nome"), f"({_field(f, 'tipo')})" if _field(f, "tipo") else ""])),
    )
    interventi = load(datapack.INTERVENTI_TABLES, lambda f: f"{_field(f, 'cup')} «{_field(f, 'titolo')}»".strip())
    lum = _Nearby()
    if "stazioni" in present:
        for feature in lum_layer(datapack.open_table(pack, "stazioni"), distances).getFeatures(
            QgsFeatureRequest().setFilterRect(box)
        ):
            lum.add(feature.geometry(), f"{feature['nome']} ({feature['raggio_m']:g} m)", "LUM")
    else:
        reading.notes.append(
            f"Tabella «stazioni» assente dal pacchetto dati «{Path(pack).name}»: " "LUM non considerati."
        )

    results = list(check.results.values())
    for number, result in enumerate(results):
        if feedback is not None:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * number / len(results))
        for feature in result.layer.getFeatures():
            if not feature.hasGeometry():
                continue
            geometry = feature.geometry()
            row = AreaReading(
                result.theme.title,
                result.labels[feature.id()],
                _field(feature, "denominazione"),
                geometry,
                geometry.area(),
            )
            row.opportunity_m2, row.opportunity = _overlap(geometry, opportunity, with_source=True)
            row.lum_m2, row.lum_stops = _overlap(geometry, lum)
            row.green_m2, row.green = _overlap(geometry, green)
            _near(row, geometry, interventi, reach)
            reading.rows.append(row)
    return reading


def _overlap(geometry: QgsGeometry, nearby: _Nearby, with_source: bool = False):
    """Area of `geometry` covered by the union of the nearby features, and what covers it."""
    pieces, names = [], []
    for other, label, source in nearby.around(geometry):
        common = geometry.intersection(other)
        if common.isEmpty() or common.area() <= 0.0:
            continue
        pieces.append(common)
        text = f"{source}: «{label}» ({formatting.square_metres(common.area())})" if with_source else label
        if text not in names:
            names.append(text)
    if not pieces:
        return 0.0, names
    return (pieces[0] if len(pieces) == 1 else QgsGeometry.unaryUnion(pieces)).area(), names


def _near(row: AreaReading, geometry: QgsGeometry, interventi: _Nearby, reach: float) -> None:
    found = []
    for other, label, source in interventi.around(geometry, reach):
        distance = geometry.distance(other)
        if distance <= reach:
            where = "sovrapposto" if distance == 0 else f"a {distance:.0f} m"
            found.append((distance, f"{label} — {source}, {where}"))
    found.sort()
    seen = []
    for _, text in found:
        if text not in seen:
            seen.append(text)
    row.interventi = seen
    row.nearest_intervento_m = found[0][0] if found else None


def _lum_distances(catalogue: Catalogue) -> dict:
    source = catalogue.entry("lum").source("derived") or {}
    distances = {str(k).strip().lower(): float(v) for k, v in (source.get("distances") or {}).items()}
    if not distances:
        raise RemixError("Catalogo: lo strato «lum» non indica le distanze dei LUM dalle fermate.")
    return distances


def _title(catalogue: Catalogue, table: str) -> str:
    try:
        return catalogue.entry(table).title
    except RemixError:
        return table


def _field(feature: QgsFeature, name: str) -> str:
    return (as_text(feature[name]) or "") if feature.fields().indexOf(name) >= 0 else ""
