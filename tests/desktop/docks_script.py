"""Run inside QGIS Desktop (qgis --code): a planner loads the Realizzazioni map from the RE.MIX menu, filters it
to the Zona «Nord Milano» in the «Zone omogenee» dock, then opens each dock of the plugin — Catalogo RE.MIX,
Indicatori di sintesi («finanziamento», first Comune selected), Infobox RE.MIX (an intervento identified on the
map), Segnalazioni — and the «Stampa» dialog, on a screen of the Xvfb size. What each one measures on the screen
is written to the result; the whole screen is saved as $REMIX_SHOTS/desktop_<size>_<name>.png, to be looked at."""

import os
from pathlib import Path

from desktop_script import component, run_when_ready
from desktop_script import settle as wait
from qgis.core import QgsApplication, QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QEvent, QObject, QPoint, QRect, Qt
from qgis.PyQt.QtGui import QFontMetrics
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QDockWidget, QPushButton, QWidget
from qgis.utils import iface, plugins

ZONA = "Nord Milano"
result = {"docks": {}, "shots": []}


def settle(seconds=1.0, tasks=True):
    wait(seconds, tasks, result)


def on_screen(widget, screen: QRect) -> list:
    """[x, y, width, height, inside the screen] of the widget, in screen coordinates."""
    where = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    return [where.x(), where.y(), where.width(), where.height(), screen.contains(where)]


def shoot(name: str) -> None:
    """The whole screen (QGIS's window, and a dialog over it) as desktop_<size>_<name>.png; then QGIS's window is
    put back on the screen (it grows past it when a dock opens stacked: result["window_at"] keeps what it was), as
    a window manager keeps a maximised window, so that each dock is measured on its own."""
    canvas = iface.mapCanvas()
    canvas.waitWhileRendering()
    settle(0.8, tasks=False)
    QgsApplication.processEvents()
    screen = QApplication.primaryScreen()
    size = f"{screen.geometry().width()}x{screen.geometry().height()}"
    path = Path(os.environ["REMIX_SHOTS"]) / f"desktop_{size}_{name}.png"
    screen.grabWindow(0).save(str(path))
    result["shots"].append(path.name)
    result.setdefault("window_at", {})[name] = on_screen(iface.mainWindow(), screen.geometry())
    iface.mainWindow().setGeometry(screen.availableGeometry())
    settle(0.5, tasks=False)
    result.setdefault("window_reset", {})[name] = on_screen(iface.mainWindow(), screen.geometry())


def size(value) -> list:
    return [value.width(), value.height()]


def record_dock(name: str, dock, screen: QRect) -> None:
    result["docks"][name] = {
        "title": dock.windowTitle(),
        "visible": dock.isVisible() and not dock.visibleRegion().isEmpty(),
        "floating": dock.isFloating(),
        "geometry": on_screen(dock, screen),
        "minimum_size_hint": [dock.minimumSizeHint().width(), dock.minimumSizeHint().height()],
        # the least the dock's contents and QGIS's window need (what no window manager can shrink)
        "contents_minimum": size(dock.widget().layout().totalMinimumSize()) if dock.widget().layout() else None,
        "window_minimum": size(iface.mainWindow().minimumSizeHint()),
        # buttons a planner cannot read whole: their right edge past what the dock shows
        "cut_buttons": [
            b.text()
            for b in dock.widget().findChildren(QPushButton)
            if b.isVisible() and b.mapTo(dock, b.rect().topRight()).x() > dock.width()
        ],
        "tallest_parts": sorted(
            (
                [w.objectName(), w.minimumSizeHint().height()]
                for w in dock.widget().findChildren(QWidget)
                if w.objectName()
            ),
            key=lambda part: -part[1],
        )[:4],
    }


class Resizes(QObject):
    """The heights QGIS's window takes, and whether the plugin's docks were all tabbed together at that moment."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def eventFilter(self, watched, event):  # Qt's name
        if event.type() == QEvent.Type.Resize:
            main = iface.mainWindow()
            docks = [d for d in main.findChildren(QDockWidget) if d.objectName().startswith("Remix") and d.isVisible()]
            tops = {d.mapTo(main, QPoint(0, 0)).y() for d in docks}
            self.seen.append([event.size().height(), len(tops) <= 1])
        return False


def open_dock(name: str, part):
    """The dock as its menu entry opens it (entries are checkable: triggered only when unchecked); the heights
    the window took meanwhile go to result["resizes"][name]."""
    resizes = Resizes()
    iface.mainWindow().installEventFilter(resizes)
    if not part.dock_action.isChecked():
        part.dock_action.trigger()
    settle(0.8, tasks=False)
    iface.mainWindow().removeEventFilter(resizes)
    result.setdefault("resizes", {})[name] = resizes.seen
    return part.dock


def catalogue_column(dock) -> dict:
    """The «Strato» column's width and the width its longest text needs (text + indentation of its level)."""
    tree = dock.tree
    needed, longest = 0, ""
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        items = [(group, 0)] + [(group.child(i), 1) for i in range(group.childCount())]
        for item, depth in items:
            level = depth + (1 if tree.rootIsDecorated() else 0)
            width = QFontMetrics(item.font(0)).horizontalAdvance(item.text(0)) + tree.indentation() * level
            if width > needed:
                needed, longest = width, item.text(0)
    header = tree.header()
    return {
        "header": header.model().headerData(0, Qt.Orientation.Horizontal),
        "width": header.sectionSize(0),
        "needed": needed,
        "longest": longest,
        "entries": sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount())),
        "hscroll": tree.horizontalScrollBar().isVisible(),
        "viewport_width": tree.viewport().width(),
    }


def click_point(layer, feature):
    """Inside the intervento, where it is the smallest one (interventi overlap)."""
    alone = feature.geometry()
    for other in layer.getFeatures():
        smaller = other.geometry().area() < feature.geometry().area()
        if other.id() != feature.id() and smaller and other.geometry().intersects(alone):
            alone = alone.difference(other.geometry())
    return (alone if not alone.isEmpty() else feature.geometry()).pointOnSurface().asPoint()


def identify_intervento(actions) -> None:
    """«Informazioni RE.MIX» and a click on the first area of an intervento inside the Zona filter."""
    from remix_plugin.core.base.qgis_compat import GeometryType  # the plugin as installed from the zip

    lookup = component("SegnalazioniComponent").lookup()

    def in_zone(candidate_layer, feature):
        comune = lookup.at(QgsGeometry.fromPointXY(click_point(candidate_layer, feature)))
        return comune is not None and comune.code in result["scope"]

    layers = [
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if str(lyr.customProperty("remix/entry_id") or "").startswith("interventi")
        and lyr.featureCount() > 0
        and lyr.geometryType() == GeometryType.Polygon
    ]
    layer, feature = None, None
    for candidate in sorted(layers, key=lambda lyr: lyr.customProperty("remix/entry_id") != "interventi_pinqua"):
        feature = next((f for f in candidate.getFeatures() if in_zone(candidate, f)), None)
        if feature is not None:
            layer = candidate
            break
    point = click_point(layer, feature)
    canvas = iface.mapCanvas()
    canvas.setCenter(QgsPointXY(point.x(), point.y()))
    canvas.zoomScale(8000)
    canvas.waitWhileRendering()
    settle(1.0, tasks=False)
    if not actions["Informazioni RE.MIX"].isChecked():
        actions["Informazioni RE.MIX"].trigger()
    pixel = canvas.getCoordinateTransform().transform(point)
    resizes = Resizes()
    iface.mainWindow().installEventFilter(resizes)
    QTest.mouseClick(
        canvas.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round(pixel.x()), round(pixel.y())),
    )
    settle(0.8, tasks=False)
    iface.mainWindow().removeEventFilter(resizes)
    result.setdefault("resizes", {})["infobox"] = resizes.seen
    result["identified"] = [layer.customProperty("remix/entry_id"), feature.id()]


def steps():
    from remix_plugin.core.scope.model import resolve_scope

    screen = QApplication.primaryScreen().geometry()
    result["screen"] = [screen.width(), screen.height()]
    window = iface.mainWindow()
    window.setGeometry(QApplication.primaryScreen().availableGeometry())  # no window manager: «maximised» by hand
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    settle(1.0)
    result["window"] = on_screen(window, screen)
    actions = {a.text(): a for a in plugins["remix_plugin"].actions}
    actions["Mappa delle Realizzazioni"].trigger()
    settle()

    zones = component("ZoneComponent")
    dock = open_dock("zone", zones)
    codes = resolve_scope(zones.pack(), [ZONA])
    dock.set_checked(codes)
    dock.applyButton.click()
    settle(1.5)
    result["scope"] = sorted(codes)
    result["zone_status"] = dock.statusLabel.text()
    record_dock("zone", dock, screen)
    shoot("zone")

    dock = open_dock("catalogo", component("CatalogueComponent"))
    record_dock("catalogo", dock, screen)
    result["strato"] = catalogue_column(dock)
    shoot("catalogo")

    dock = open_dock("indicatori", component("IndicatorsComponent"))
    dock.indicatorCombo.setCurrentIndex(dock.indicatorCombo.findData("finanziamento"))
    settle(2.0)
    dock.table.selectRow(0)
    settle(1.0)
    record_dock("indicatori", dock, screen)
    result["indicator"] = dock.indicatorCombo.currentData()
    result["rows"] = dock.table.rowCount()
    result["comuni"] = [dock.table.item(r, 0).text() for r in range(dock.table.rowCount())]
    result["selected"] = dock.selected_code()
    result["reference_line"] = dock.scopeLabel.text()
    result["reference_line_visible"] = dock.scopeLabel.isVisible() and not dock.scopeLabel.visibleRegion().isEmpty()
    shoot("indicatori")

    identify_intervento(actions)
    infobox = component("InfoboxComponent")
    dock = infobox.dock if infobox.dock is not None else open_dock("infobox", infobox)
    record_dock("infobox", dock, screen)
    result["infobox_hits"] = [h.entry.id for h in dock.hits]
    result["infobox_text"] = dock.browser.toPlainText()[:600]
    shoot("infobox")

    dock = open_dock("segnalazioni", component("SegnalazioniComponent"))
    record_dock("segnalazioni", dock, screen)
    shoot("segnalazioni")

    actions["Stampa…"].trigger()
    settle(1.5, tasks=False)
    dialog = component("PrintComponent").dialog
    result["stampa"] = {
        "visible": dialog.isVisible(),
        "dialog": on_screen(dialog, screen),
        "size_hint": [dialog.minimumSizeHint().width(), dialog.minimumSizeHint().height()],
        "buttons": {
            "designer": on_screen(dialog.designerButton, screen),
            "export": on_screen(dialog.exportButton, screen),
            "close": on_screen(dialog.buttonBox.button(QDialogButtonBox.StandardButton.Close), screen),
        },
        "buttons_in_dialog": all(
            QRect(QPoint(0, 0), dialog.size()).contains(QRect(b.mapTo(dialog, QPoint(0, 0)), b.size()))
            for b in (
                dialog.designerButton,
                dialog.exportButton,
                dialog.buttonBox.button(QDialogButtonBox.StandardButton.Close),
            )
        ),
    }
    shoot("stampa")
    dialog.close()
    settle(0.5, tasks=False)


run_when_ready(steps, result, 2000)
