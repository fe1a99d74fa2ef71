"""Infoboxes in QGIS: the «Informazioni RE.MIX» map tool, the «Infobox RE.MIX» dock, the highlight of the
feature shown, selections in catalogue layers, and the «RE.MIX» locator filter.

What a click hits is `core.identify`, what an infobox says is `core.infobox`, what the search finds is
`core.places`: this component only wires them to the canvas, the dock and the locator. It follows the
Zona/Comuni filter (`session.scope_changed`): features it hides leave the dock, and the search index is
rebuilt for it. Nothing is read at QGIS start: the dock, the tool and the index are made on first use,
and the core modules behind them imported then.
"""

from functools import partial

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsHighlight, QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import entry_id
from remix_plugin.core.infobox.identify import hit_for, identify, selected_hits, still_shown
from remix_plugin.gui.canvas import zoom_canvas
from remix_plugin.gui.dock_component import DockComponent
from remix_plugin.gui.locator_filter import PlaceIndex, RemixLocatorFilter

HIGHLIGHT = QColor(214, 0, 110)  # CMM magenta: reads over both maps' styles
MIN_VIEW_M = 600.0  # a point chosen in the search is shown in a window this wide


class RemixInfoboxTool(QgsMapToolEmitPoint):
    """A click on the map asks for the infoboxes there (QGIS's identify cursor)."""

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(QgsApplication.getThemeCursor(QgsApplication.Identify))


class InfoboxComponent(DockComponent):
    DOCK_ICON = "infobox_dock.svg"

    def __init__(self, plugin):
        super().__init__(plugin)
        self.tool = None
        self.tool_action = None
        self.highlight = None
        self.highlighted = None
        self.index = None
        self.filter = None

    def init_gui(self):
        p = self.plugin
        self.tool_action = p.add_action(
            "infobox.svg",
            tr("Informazioni RE.MIX"),
            self.toggle_tool,
            tr("Fare clic sulla mappa per leggere le informazioni delle aree e degli interventi RE.MIX"),
            checkable=True,
        )
        self.dock_action = p.add_action(
            "infobox_dock.svg",
            tr("Infobox RE.MIX"),
            self.toggle_dock,
            tr("Il pannello delle infobox"),
            checkable=True,
            toolbar=False,
        )
        project = QgsProject.instance()
        # every layer of the project, drawn or not: a selection in the attribute table of a map hidden behind
        # the other one shows too (the canvas only tells of the layers it draws)
        self._watched = []
        project.layersAdded.connect(self.watch_selections)
        self.watch_selections(project.mapLayers().values())
        project.layersWillBeRemoved.connect(self.layers_removed)
        project.cleared.connect(self.forget)
        self.session.scope_changed.connect(self.scope_changed)
        self.index = PlaceIndex(self.session)
        self.filter = RemixLocatorFilter(self.index, self.choose)
        self.iface.registerLocatorFilter(self.filter)

    def unload(self):
        project = QgsProject.instance()
        project.layersAdded.disconnect(self.watch_selections)
        for layer, slot in self._watched:
            try:
                layer.selectionChanged.disconnect(slot)
            except (RuntimeError, TypeError):  # the layer is gone, and its connection with it
                pass
        self._watched = []
        project.layersWillBeRemoved.disconnect(self.layers_removed)
        project.cleared.disconnect(self.forget)
        self.session.scope_changed.disconnect(self.scope_changed)
        if self.filter is not None:
            self.iface.deregisterLocatorFilter(self.filter)  # QGIS deletes it
            self.filter = None
        self.index = None
        self._unhighlight()
        if self.tool is not None:
            if self.iface.mapCanvas().mapTool() is self.tool:
                self.iface.mapCanvas().unsetMapTool(self.tool)
            self.tool.deleteLater()
            self.tool = None
        self.remove_dock()

    # --- the tool and the dock -------------------------------------------------------------------
    def toggle_tool(self, checked):
        canvas = self.iface.mapCanvas()
        if checked:
            if self.tool is None:
                self.tool = RemixInfoboxTool(canvas)
                self.tool.setAction(self.tool_action)
                self.tool.canvasClicked.connect(self.clicked)
            canvas.setMapTool(self.tool)
        elif self.tool is not None and canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)

    def make_dock(self):
        from remix_plugin.gui.infobox_dock import InfoboxDock

        dock = InfoboxDock(self.iface.mainWindow())
        dock.current_changed.connect(self.highlight_hit)
        dock.zoom_requested.connect(self.zoom_to_hit)
        return dock

    def dock_visibility_changed(self, visible):
        """The highlight goes with the dock: closing it clears the map."""
        super().dock_visibility_changed(visible)
        self.highlight_hit(self.dock.current() if visible else None)

    def show(self, hits, empty_message: str = ""):
        """Open the dock on these hits (the first one shown and highlighted)."""
        from remix_plugin.core.infobox.content import infobox_html

        try:
            pack = datapack.project_pack(QgsProject.instance())
        except RemixError as exc:  # the infobox is still shown, without what the pack adds
            log.warning(exc.message)
            pack = None
        # the renderer asks for the project when it runs: a project wrapper held by the dock would tie it
        # into a reference cycle with the project's own signal connections
        dock = self.ensure_dock()
        dock.set_hits(
            hits,
            lambda hit: infobox_html(hit.layer, hit.feature, hit.entry, QgsProject.instance(), pack),
            empty_message,
        )
        dock.setVisible(True)
        dock.raise_()

    # --- what is shown ---------------------------------------------------------------------------
    def clicked(self, point, button):
        if button != Qt.MouseButton.LeftButton:
            return
        canvas = self.iface.mapCanvas()
        hits = identify(canvas.mapSettings(), QgsPointXY(point), self.session.catalogue)
        self.show(hits, tr("Nessun elemento del catalogo RE.MIX in questo punto alla scala attuale."))

    def watch_selections(self, layers):
        for layer in layers:
            if isinstance(layer, QgsVectorLayer):
                slot = partial(self.selection_changed, layer)
                layer.selectionChanged.connect(slot)
                self._watched.append((layer, slot))

    def selection_changed(self, layer, *_selection):
        """Features selected in a catalogue layer (e.g. in its attribute table) are shown, if the dock is open."""
        if self.dock is None or self.dock.isHidden() or not entry_id(layer):  # open, even behind another tab
            return
        hits = selected_hits(layer, self.session.catalogue)
        if hits:
            self.show(hits)

    def choose(self, entry: str, fid: int, extent: tuple):
        """A search result was chosen: zoom to it, open its infobox."""

        self.zoom_to(QgsRectangle(*extent), QgsCoordinateReferenceSystem(datapack.CRS))
        project = QgsProject.instance()
        try:
            hit = hit_for(project, self.session.catalogue, entry, fid, datapack.project_pack(project))
        except RemixError as exc:
            log.error(exc.message)
            return
        self.show([hit])

    def scope_changed(self, _scope):
        if self.dock is not None:
            project = QgsProject.instance()
            self.dock.drop(lambda hit: still_shown(hit, project))

    def layers_removed(self, layer_ids):
        if self.dock is not None:
            gone = set(layer_ids)
            self.dock.drop(lambda hit: still_shown(hit, QgsProject.instance()) and hit.layer.id() not in gone)

    def forget(self):
        if self.dock is not None:
            self.dock.set_hits([], None, tr("Nessun elemento mostrato."))

    # --- the map -----------------------------------------------------------------------------------
    def highlight_hit(self, hit):
        self._unhighlight()
        if hit is None or not hit.feature.hasGeometry():
            return
        self.highlight = QgsHighlight(self.iface.mapCanvas(), hit.feature.geometry(), hit.layer)
        self.highlighted = hit  # keeps a layer read from the pack alive as long as its highlight
        self.highlight.setColor(HIGHLIGHT)
        fill = QColor(HIGHLIGHT)
        fill.setAlpha(50)
        self.highlight.setFillColor(fill)
        self.highlight.setWidth(3)
        self.highlight.show()

    def _unhighlight(self):
        if self.highlight is not None:
            self.highlight.hide()
            self.iface.mapCanvas().scene().removeItem(self.highlight)
            self.highlight = self.highlighted = None

    def zoom_to_hit(self, hit):
        if hit.feature.hasGeometry():
            self.zoom_to(hit.feature.geometry().boundingBox(), hit.layer.crs())

    def zoom_to(self, extent: QgsRectangle, crs: QgsCoordinateReferenceSystem):
        """Show `extent` with a margin; a point, or something very small, in a window MIN_VIEW_M wide."""
        zoom_canvas(self.iface.mapCanvas(), extent, crs, margin=0.15, min_width=MIN_VIEW_M)
