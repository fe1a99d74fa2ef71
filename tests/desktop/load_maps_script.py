"""Run inside QGIS Desktop (qgis --code): load both maps through the plugin's own actions, take a screenshot."""

import os
import time

from desktop_script import run_when_ready
from qgis.core import QgsApplication, QgsProject
from qgis.utils import iface, plugins

OUT = os.environ["REMIX_SCREENSHOT"]
result = {"plugin_loaded": "remix_plugin" in plugins}


def wait_tasks(limit=120):
    end = time.time() + limit
    while QgsApplication.taskManager().countActiveTasks() and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.05)


def steps():
    menu_titles = [a.text() for a in iface.mainWindow().menuBar().actions()]
    result["menu"] = "RE.MIX" in menu_titles
    actions = {a.text(): a for a in plugins["remix_plugin"].actions}
    result["actions"] = sorted(actions)
    for title in ("Mappa delle Opportunità", "Mappa delle Realizzazioni", "Catalogo RE.MIX"):
        actions[title].trigger()
        QgsApplication.processEvents()
        wait_tasks()
    for _ in range(40):
        QgsApplication.processEvents()
        time.sleep(0.05)
    layers = QgsProject.instance().mapLayers().values()
    result["layers"] = sorted(
        lyr.customProperty("remix/map", "") + "/" + lyr.customProperty("remix/entry_id", "") for lyr in layers
    )
    result["invalid"] = [lyr.name() for lyr in layers if not lyr.isValid()]
    root = QgsProject.instance().layerTreeRoot()
    result["groups"] = [g.name() for g in root.children()]
    iface.mapCanvas().refreshAllLayers()
    iface.mapCanvas().waitWhileRendering()
    for _ in range(40):
        QgsApplication.processEvents()
        time.sleep(0.05)
    iface.mainWindow().grab().save(OUT)


run_when_ready(steps, result, 1500)
