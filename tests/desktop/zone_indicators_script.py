"""Run inside QGIS Desktop (qgis --code): a planner loads the Realizzazioni map, filters it to a Zona
omogenea in the «Zone omogenee» dock, reads the indicators dock for that zone, takes a screenshot."""

import os

from desktop_script import component, run_when_ready
from desktop_script import settle as wait
from qgis.core import QgsProject
from qgis.utils import iface, plugins

ZONA = os.environ["REMIX_ZONA"]
result = {}


def settle(seconds=1.0, tasks=True):
    wait(seconds, tasks, result)


def steps():
    from remix_plugin.core.scope.model import resolve_scope

    actions = {a.text(): a for a in plugins["remix_plugin"].actions}
    actions["Mappa delle Realizzazioni"].trigger()
    settle()
    zones = component("ZoneComponent")
    zones.dock_action.trigger()
    settle(0.5, tasks=False)
    codes = resolve_scope(zones.pack(), [ZONA])
    zones.dock.set_checked(codes)
    zones.dock.applyButton.click()
    settle()
    indicators = component("IndicatorsComponent")
    indicators.dock_action.trigger()
    dock = indicators.dock
    dock.indicatorCombo.setCurrentIndex(dock.indicatorCombo.findData("finanziamento"))
    settle(2.0)
    dock.table.selectRow(0)
    settle(1.0)
    project = QgsProject.instance()
    result["scope"] = sorted(codes)
    result["saved_scope"] = project.readEntry("remix", "scope", "")[0]
    result["rows"] = dock.table.rowCount()
    result["first_row"] = [dock.table.item(0, c).text() for c in range(dock.table.columnCount())]
    result["status"] = zones.dock.statusLabel.text()
    result["filtered"] = {
        lyr.customProperty("remix/entry_id"): lyr.featureCount()
        for lyr in project.mapLayers().values()
        if lyr.customProperty("remix/scope_codes")
    }
    iface.mapCanvas().refreshAllLayers()
    iface.mapCanvas().waitWhileRendering()
    settle(1.0, tasks=False)
    iface.mainWindow().grab().save(os.environ["REMIX_SCREENSHOT"])


run_when_ready(steps, result, 1500)
