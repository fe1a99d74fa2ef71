"""The one way the plugin moves the map: show an extent with a margin, never narrower than a given width,
whatever the CRS it comes in and the canvas's own."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException, QgsProject, QgsRectangle

from remix_plugin.core.data import datapack


def zoom_canvas(
    canvas, extent: QgsRectangle, crs: QgsCoordinateReferenceSystem = None, margin: float = 0.1, min_width: float = 0.0
) -> bool:
    """Show `extent` (in `crs`; the pack's CRS when not given) widened on every side by `margin` times its
    larger side, and at least `min_width` metres wide around its centre (a point, a small feature). False
    when there is nothing to show or it cannot be placed on the canvas's CRS."""
    if extent.isNull() or (extent.isEmpty() and not min_width):
        return False
    metric = QgsCoordinateReferenceSystem(datapack.CRS)
    project = QgsProject.instance()
    box = QgsRectangle(extent)
    try:
        if crs is not None and crs.isValid() and crs != metric:
            box = QgsCoordinateTransform(crs, metric, project).transformBoundingBox(box)
        box = box.buffered(max(box.width(), box.height()) * margin)
        if min_width and max(box.width(), box.height()) < min_width:
            centre, half = box.center(), min_width / 2
            box = QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
        if box.isEmpty():
            return False
        target = canvas.mapSettings().destinationCrs()
        if target.isValid() and target != metric:
            box = QgsCoordinateTransform(metric, target, project).transformBoundingBox(box)
    except QgsCsException:
        return False
    canvas.setExtent(box)
    canvas.refresh()
    return True
