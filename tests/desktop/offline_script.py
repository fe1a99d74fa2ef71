"""Run inside QGIS Desktop (qgis --code): open an offline package's project as a field technician would,
record every network request QGIS makes meanwhile, and take a screenshot."""

import os
import time

from desktop_script import run_when_ready
from qgis.core import Qgis, QgsApplication, QgsNetworkAccessManager, QgsProject, QgsVectorLayer
from qgis.utils import iface, plugins

result = {"plugin_loaded": "remix_plugin" in plugins, "requests": []}


def settle(seconds=2.0):
    end = time.time() + seconds
    while time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.05)


def steps():
    QgsNetworkAccessManager.instance().requestAboutToBeCreated.connect(
        lambda parameters: result["requests"].append(parameters.request().url().toString())
    )
    result["opened"] = iface.addProject(os.environ["REMIX_PACKAGE_PROJECT"])
    settle()
    layers = list(QgsProject.instance().mapLayers().values())
    result["layers"] = len(layers)
    result["invalid"] = [lyr.name() for lyr in layers if not lyr.isValid()]
    result["unstyled"] = [
        lyr.name()
        for lyr in layers
        if isinstance(lyr, QgsVectorLayer) and lyr.customProperty("remix/entry_id") and lyr.renderer() is None
    ]
    result["counts"] = {
        f"{lyr.customProperty('remix/map')}/{lyr.customProperty('remix/entry_id')}": lyr.featureCount()
        for lyr in layers
        if lyr.customProperty("remix/entry_id")
    }
    part = next(c for c in plugins["remix_plugin"].components if type(c).__name__ == "SegnalazioniComponent")
    result["store"] = str(part.store_path())
    result["actions"] = sorted(a.text() for a in plugins["remix_plugin"].actions)
    from remix_plugin.core.data.datapack import project_pack
    from remix_plugin.core.infobox.places import build_places

    pack = project_pack(QgsProject.instance())
    result["search_pack"] = str(pack)
    result["search"] = [p.label for p in build_places(pack, plugins["remix_plugin"].session.catalogue).search("rho")]
    iface.mapCanvas().refreshAllLayers()
    iface.mapCanvas().waitWhileRendering()
    settle()
    result["scale"] = iface.mapCanvas().scale()
    result["warnings"] = [
        f"{item.title()}: {item.text()}" for item in iface.messageBar().items() if item.level() >= Qgis.Warning
    ]
    iface.mainWindow().grab().save(os.environ["REMIX_SCREENSHOT"])


run_when_ready(steps, result, 1500)
