"""Run inside QGIS Desktop (qgis --code): a planner loads the Realizzazioni map, searches a Comune in QGIS's
own locator bar, then clicks a PINQuA intervento in Rho with «Informazioni RE.MIX» and reads its infobox;
the window is saved as a screenshot."""

import os
import time

from desktop_script import run_when_ready
from desktop_script import settle as wait
from qgis.core import QgsApplication, QgsLocatorContext, QgsLocatorResult, QgsPointXY, QgsProject
from qgis.gui import QgsLocatorWidget
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QWidget
from qgis.utils import iface, plugins

CUP = "C41I21000020001"
result = {}


def settle(seconds=1.0, tasks=True):
    wait(seconds, tasks, result)


def locator_search(text):
    # QGIS's own locator widget reaches Python as a bare QWidget: found by class name, then cast
    widget = next(
        w for w in iface.mainWindow().findChildren(QWidget) if w.metaObject().className() == "QgsLocatorWidget"
    )
    locator = sip.cast(widget, QgsLocatorWidget).locator()
    found = []

    def keep(found_result):
        if found_result.filter is not None and found_result.filter.name() == "remix":
            found.append(QgsLocatorResult(found_result))

    locator.foundResult.connect(keep)
    locator.fetchResults(text, QgsLocatorContext())
    end = time.time() + 20
    while locator.isRunning() and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.01)
    settle(0.2, tasks=False)
    locator.foundResult.disconnect(keep)
    return [(r.displayString, r.group) for r in found]


def choose_in_search_bar(text):
    """Type in QGIS's search bar and press Enter, as a planner does: what the infobox dock then shows."""
    line = next(
        w for w in iface.mainWindow().findChildren(QWidget) if w.metaObject().className() == "QgsLocatorLineEdit"
    )
    line.setFocus()
    QTest.keyClicks(line, text)
    settle(1.5, tasks=False)
    QTest.keyClick(line, Qt.Key.Key_Return)
    settle(1.0, tasks=False)
    component = next(c for c in plugins["remix_plugin"].components if type(c).__name__ == "InfoboxComponent")
    shown = component.dock.current() if component.dock is not None else None
    return [shown.entry.id, shown.feature["comune"]] if shown is not None else None


def click_point(layer, feature):
    """Inside the intervento, where it is the smallest one (the real PINQuA areas of Rho overlap)."""
    alone = feature.geometry()
    for other in layer.getFeatures():
        if other.id() != feature.id() and other.geometry().area() < feature.geometry().area():
            alone = alone.difference(other.geometry())
    return alone.pointOnSurface().asPoint()


def steps():
    actions = {a.text(): a for a in plugins["remix_plugin"].actions}
    actions["Mappa delle Realizzazioni"].trigger()
    settle()
    result["locator"] = locator_search("rmx cassina de pecchi")
    result["chosen"] = choose_in_search_bar("rmx cassina de pecchi")
    layer = next(
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if lyr.customProperty("remix/entry_id") == "interventi_pinqua"
    )
    feature = next(layer.getFeatures(f"\"cup\" = '{CUP}'"))
    point = click_point(layer, feature)
    canvas = iface.mapCanvas()
    canvas.setCenter(QgsPointXY(point.x() + 90, point.y()))  # the dock will cover the right of the map
    canvas.zoomScale(3500)
    canvas.waitWhileRendering()
    settle(1.0, tasks=False)
    actions["Informazioni RE.MIX"].trigger()
    pixel = canvas.getCoordinateTransform().transform(point)
    QTest.mouseClick(
        canvas.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round(pixel.x()), round(pixel.y())),
    )
    settle(0.5, tasks=False)
    component = next(c for c in plugins["remix_plugin"].components if type(c).__name__ == "InfoboxComponent")
    dock = component.dock
    result["map_tool"] = type(canvas.mapTool()).__name__
    result["dock_visible"] = dock.isVisible()
    result["hits"] = [[h.entry.id, h.feature.id()] for h in dock.hits]
    result["text"] = dock.browser.toPlainText()
    result["highlight"] = component.highlight is not None and component.highlight.isVisible()
    canvas.refreshAllLayers()
    canvas.waitWhileRendering()
    settle(1.5, tasks=False)
    iface.mainWindow().grab().save(os.environ["REMIX_SCREENSHOT"])


run_when_ready(steps, result, 1500)
