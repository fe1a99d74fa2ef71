"""Render what a project shows to a PNG, headless (for `make demo` and for looking at results)."""

from pathlib import Path

from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data.layers import ENTRY_PROPERTY


def project_extent(project: QgsProject) -> QgsRectangle:
    """The extent of the Comuni if loaded, else of every catalogue layer."""
    layers = [lyr for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "comuni"]
    layers = layers or list(project.mapLayers().values())
    extent = QgsRectangle()
    for layer in layers:
        extent.combineExtentWith(layer.extent())
    return extent


def render_png(project: QgsProject, out: Path, extent: QgsRectangle = None, width: int = 1600) -> Path:
    root = project.layerTreeRoot()
    layers = [node.layer() for node in root.findLayers() if node.isVisible() and node.layer() is not None]
    extent = extent or project_extent(project)
    if extent.isEmpty():
        raise RemixError("Niente da disegnare: il progetto non ha strati con un'estensione.")
    extent.scale(1.05)
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setTransformContext(project.transformContext())
    settings.setBackgroundColor(QColor("white"))
    height = int(width * extent.height() / extent.width())
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not job.renderedImage().save(str(out), "PNG"):
        raise RemixError(f"Impossibile scrivere l'immagine «{out}».")
    return out
