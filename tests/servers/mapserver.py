"""QGIS Server's development server (`qgis_mapserver`) on 127.0.0.1: the WMS peer (basemaps, overlays).

`qgis_mapserver -p PROJECT 127.0.0.1:PORT` answers OWS requests on any path, e.g.
    http://127.0.0.1:PORT/ows/?SERVICE=WMS&REQUEST=GetCapabilities
Layers are published under their names in the project (no short names set here).
"""

import os
import shutil
from pathlib import Path
from typing import Dict, Optional, Union

from tests.servers import HOST, ServerError, ServerProcess, http_get

# WMS CRSs advertised by the test projects: the web basemap CRS, lon/lat, the data pack's CRS
WMS_CRS = ["EPSG:3857", "EPSG:4326", "EPSG:32632"]


class QgisMapServer(ServerProcess):
    """Serves one .qgs/.qgz project; `url` is the OWS endpoint for QGIS's `wms` provider."""

    name = "qgis_mapserver"
    start_timeout = 60.0  # first start initialises QGIS and its providers

    def __init__(self, project: Union[str, Path], port: Optional[int] = None):
        super().__init__(port)
        self.project = Path(project).resolve()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/ows/"

    def command(self):
        binary = shutil.which("qgis_mapserver") or "/usr/bin/qgis_mapserver"
        return [binary, "-l", "1", "-p", str(self.project), f"{HOST}:{self.port}"]

    def environment(self) -> dict:
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["QGIS_SERVER_LOG_LEVEL"] = "1"  # warnings and errors only: keeps the error tail readable
        env.pop("QGIS_PROJECT_FILE", None)
        return env

    def start(self):
        if not self.project.is_file():
            raise ServerError(f"qgis_mapserver: project {self.project} does not exist")
        return super().start()

    def ready(self) -> bool:
        body = http_get(self.url + "?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities", timeout=5)
        return b"<WMS_Capabilities" in body

    def wms_uri(self, layers: str, crs: str = "EPSG:3857", fmt: str = "image/png") -> str:
        """A `wms` provider URI for this server (same keys as remix_plugin.core.catalogue.sources.wms_uri)."""
        return f"contextualWMSLegend=0&crs={crs}&dpiMode=7&format={fmt}&layers={layers}&styles=&url={self.url}"


def write_project(
    path: Union[str, Path], layers: Dict[str, str], crs: str = "EPSG:32632", color: str = "255,140,0,255"
) -> Path:
    """Write a small WMS-ready project: one vector layer per {name: OGR source}, each drawn with a
    fixed opaque fill (so renderings are deterministic), the WMS CRSs advertised. Needs a
    running QgsApplication (the tests' `qgis_app`). Sources are referenced, never copied."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsProject,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(crs))
    for name, source in layers.items():
        layer = QgsVectorLayer(str(source), name, "ogr")
        if not layer.isValid():
            raise ServerError(f"write_project: cannot open {source}")
        if layer.geometryType() == 2:  # polygons: a fixed fill instead of a random colour
            symbol = QgsFillSymbol.createSimple({"color": color, "outline_color": "0,0,0,255", "outline_width": "0.2"})
            layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        project.addMapLayer(layer)
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WMSServiceTitle", "/", "RE.MIX test WMS")
    project.writeEntry("WMSCrsList", "/", WMS_CRS)
    if not project.write(str(path)):
        raise ServerError(f"write_project: cannot write {path}: {project.error()}")
    return Path(path)
