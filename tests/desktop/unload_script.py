"""Run inside QGIS Desktop (qgis --code): open every RE.MIX part, unload, load again, unload again;
record what the main window holds each time, so the test can prove unload() removes everything."""

import os
import time

from desktop_script import run_when_ready
from qgis.core import QgsApplication
from qgis.gui import QgsLocatorWidget
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar, QWidget
from qgis.utils import iface, loadPlugin, plugins, startPlugin, unloadPlugin

NAME = "remix_plugin"


def settle():
    for _ in range(5):
        QgsApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def snapshot():
    settle()
    window = iface.mainWindow()
    # QGIS's own locator widget reaches Python as a bare QWidget: found by class name, then cast
    locator = next(
        (
            sip.cast(w, QgsLocatorWidget)
            for w in window.findChildren(QWidget)
            if w.metaObject().className() == "QgsLocatorWidget"
        ),
        None,
    )
    return {
        "menus": sorted(a.text() for a in window.menuBar().actions()),
        "toolbars": sorted(t.objectName() for t in window.findChildren(QToolBar)),
        "docks": sorted(d.objectName() for d in window.findChildren(QDockWidget)),
        "locator": sorted(f.name() for f in locator.locator().filters()) if locator else [],
        "providers": sorted(p.id() for p in QgsApplication.processingRegistry().providers()),
        "map_tool": type(iface.mapCanvas().mapTool()).__name__ if iface.mapCanvas().mapTool() else None,
        "actions": sorted(
            a.objectName()
            for a in window.findChildren(type(window.menuBar().actions()[0]))
            if a.objectName().startswith("remix")
        ),
        "layout_templates": layout_templates(),
    }


def layout_templates():
    """The CMM sheets in QGIS's «Nuovo layout da modello» list (the profile's composer_templates folder)."""
    folder = os.path.join(QgsApplication.qgisSettingsDirPath(), "composer_templates")
    return sorted(n for n in os.listdir(folder) if n.startswith("RE-MIX")) if os.path.isdir(folder) else []


def templates_installed(timeout=10.0):
    """The plugin lists its sheets a moment after start (initGui stays light): wait for them."""
    end = time.time() + timeout
    while not layout_templates() and time.time() < end:
        settle()
        time.sleep(0.05)


def open_everything():
    """Trigger every checkable RE.MIX action that shows a dock or sets a map tool (creates lazy parts)."""
    for action in plugins[NAME].actions:
        if action.isCheckable() and not action.isChecked() and action.actionGroup() is None:
            action.trigger()
    settle()


result = {}


def steps():
    open_everything()
    templates_installed()
    result["loaded_1"] = snapshot()
    unloadPlugin(NAME)
    result["unloaded_1"] = snapshot()
    loadPlugin(NAME)  # as the Plugin Manager does when a plugin is enabled again
    startPlugin(NAME)
    open_everything()
    templates_installed()
    result["loaded_2"] = snapshot()
    unloadPlugin(NAME)
    result["unloaded_2"] = snapshot()


run_when_ready(steps, result, 1000)
