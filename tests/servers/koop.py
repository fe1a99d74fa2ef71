"""Koop on 127.0.0.1: the ArcGIS REST FeatureServer peer (stands in for Regione Lombardia's and CMM's).

tests/servers/koop/server.js serves every `<data_dir>/<name>.geojson` as
    http://127.0.0.1:PORT/file-geojson/rest/services/<name>/FeatureServer/0
reading the file on every request, so files dropped into data_dir after start are served at once.
The layer's native spatial reference is the file's CRS (EPSG:4326 unless the GeoJSON has a "crs").
"""

import json
import os
import shutil
from pathlib import Path
from typing import Optional, Union

from tests.servers import HOST, ServerError, ServerProcess, http_get

KOOP_DIR = Path(__file__).resolve().parent / "koop"


class KoopServer(ServerProcess):
    """`node server.js DATA_DIR PORT`; needs `npm ci` in tests/servers/koop (scripts/setup_servers.sh)."""

    name = "koop"

    def __init__(self, data_dir: Union[str, Path], port: Optional[int] = None):
        super().__init__(port)
        self.data_dir = Path(data_dir)

    @property
    def url(self) -> str:
        """Base of the services: `<url>/<name>/FeatureServer/0` is a layer."""
        return f"http://{HOST}:{self.port}/file-geojson/rest/services"

    def service_url(self, name: str) -> str:
        return f"{self.url}/{name}/FeatureServer"

    def layer_url(self, name: str, layer: int = 0) -> str:
        """The FeatureServer layer URL of data_dir/<name>.geojson (what `arcgisfeatureserver` wants as url)."""
        return f"{self.service_url(name)}/{layer}"

    def publish(self, source, name: str, crs: str = "EPSG:4326") -> str:
        """Write `source` (a QgsVectorLayer, a GeoJSON path or a `path.gpkg|layername=t` URI) as
        data_dir/<name>.geojson in `crs` and return its layer URL. Works while the server runs."""
        if isinstance(source, (str, Path)) and str(source).lower().endswith(".geojson") and crs == "EPSG:4326":
            shutil.copyfile(source, self.data_dir / f"{name}.geojson")  # assumed lon/lat, as RFC 7946 says
        else:
            export_geojson(source, self.data_dir / f"{name}.geojson", crs)
        return self.layer_url(name)

    def command(self):
        # in a root of the version matrix, the host's node (the native modules are built for it)
        node = os.environ.get("REMIX_NODE") or shutil.which("node")
        if not node or not (KOOP_DIR / "node_modules" / "@koopjs" / "koop-core").is_dir():
            raise ServerError("koop: node or tests/servers/koop/node_modules missing. Run scripts/setup_servers.sh.")
        return [node, str(KOOP_DIR / "server.js"), str(self.data_dir.resolve()), str(self.port)]

    def start(self):
        if not self.data_dir.is_dir():
            raise ServerError(f"koop: data directory {self.data_dir} does not exist")
        self.command()  # fail early and clearly when node or the npm packages are missing
        return super().start()

    def ready(self) -> bool:
        return json.loads(http_get(f"http://{HOST}:{self.port}/status", timeout=2)).get("success") is True


def export_geojson(source, path: Union[str, Path], crs: str = "EPSG:4326") -> Path:
    """Write a vector layer (a QgsVectorLayer or any OGR URI, e.g. `pack.gpkg|layername=t` in
    EPSG:32632) to a GeoJSON file in `crs`. EPSG:4326 gives a plain RFC 7946 file; another CRS
    is written with a "crs" member, which Koop takes as the service's native spatial reference."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )

    layer = source if isinstance(source, QgsVectorLayer) else QgsVectorLayer(str(source), Path(path).stem, "ogr")
    if not layer.isValid():
        raise ServerError(f"export_geojson: cannot open {source}")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GeoJSON"
    options.fileEncoding = "UTF-8"
    options.ct = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    if crs == "EPSG:4326":
        options.layerOptions = ["RFC7946=YES", "WRITE_BBOX=NO"]
    Path(path).unlink(missing_ok=True)
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    if error != QgsVectorFileWriter.NoError:
        raise ServerError(f"export_geojson: cannot write {path}: {message}")
    return Path(path)
