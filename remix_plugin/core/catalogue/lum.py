"""Layers derived from data-pack tables rather than stored: the LUM (art. 35 NdA PTM).

A Luogo Urbano della Mobilità is the zone within 400 m of a stop of metropolitan relevance and
200 m of a stop of supra-municipal relevance; the distances come from the catalogue.
"""

from qgis.core import QgsFeature, QgsField, QgsFields, QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import FieldType
from remix_plugin.core.data.layers import add_attributes, add_features


def lum_layer(stazioni: QgsVectorLayer, distances: dict, name: str = "LUM") -> QgsVectorLayer:
    """One buffer per stop, as a memory layer in the stops' CRS (metres: the pack is EPSG:32632)."""
    if stazioni.crs().isGeographic():
        raise RemixError(f"Strato «{stazioni.name()}»: serve un sistema di riferimento in metri per calcolare i LUM.")
    if stazioni.fields().indexOf("rilevanza") < 0:
        raise RemixError(f"Strato «{stazioni.name()}»: manca il campo «rilevanza» per calcolare i LUM.")
    out = QgsVectorLayer(f"MultiPolygon?crs={stazioni.crs().authid()}", name, "memory")
    fields = QgsFields()
    fields.append(QgsField("nome", FieldType.String))
    fields.append(QgsField("rilevanza", FieldType.String))
    fields.append(QgsField("raggio_m", FieldType.Double))
    add_attributes(out, fields)
    out.updateFields()
    features = []
    for stop in stazioni.getFeatures():
        radius = distances.get(str(stop["rilevanza"]).strip().lower())
        if not radius or not stop.hasGeometry():
            continue
        feature = QgsFeature(out.fields())
        geometry = stop.geometry().buffer(float(radius), 24)
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        feature.setAttributes([stop["nome"], stop["rilevanza"], float(radius)])
        features.append(feature)
    add_features(out, features)
    out.updateExtents()
    return out
