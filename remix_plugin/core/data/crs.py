"""The CRS every area is measured in, and the feature request that hands geometries over in it (light: the
Comuni index and the table reader both use it, and only the reader loads numpy and GDAL)."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFeatureRequest, QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data import datapack


def computation_crs() -> QgsCoordinateReferenceSystem:
    """Areas are planar in the pack's CRS, WGS 84 / UTM 32N (metres; scale error under 0.1 % in CMM)."""
    return QgsCoordinateReferenceSystem(datapack.CRS)


def transformed_request(layer: QgsVectorLayer) -> QgsFeatureRequest:
    """A request that hands geometries over in the computation CRS, whatever the layer's own CRS."""
    if not layer.crs().isValid():
        raise RemixError(
            f"Strato «{layer.name()}»: sistema di riferimento non definito, impossibile confrontarlo "
            "con i confini comunali."
        )
    request = QgsFeatureRequest()
    if layer.crs() != computation_crs():
        request.setDestinationCrs(computation_crs(), QgsCoordinateTransformContext())
    return request
