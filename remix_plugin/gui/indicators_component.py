"""The synthesis indicators in QGIS: the «Indicatori di sintesi» dock, and the indicator layers of the
two maps kept in step with the active filter, the data and the chosen classes.

The map layers are recomputed in a task when the Zona/Comuni filter changes, when an edit to a layer
they are computed from is saved, and when the dock's method, classes or normalisation change; each
is then pointed at its freshly written table, keeping its place, name and style.
"""

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue import indicator_layers, maps
from remix_plugin.core.data.layers import entry_id
from remix_plugin.gui.dock_component import DockComponent


class IndicatorsComponent(DockComponent):
    DOCK_ICON = "indicators.svg"

    def __init__(self, plugin):
        super().__init__(plugin)
        self.watched = []  # layers whose afterCommitChanges we follow
        self.timer = None

    def init_gui(self):
        self.dock_action = self.plugin.add_action(
            "indicators.svg",
            tr("Indicatori di sintesi"),
            self.toggle_dock,
            tr("Superficie delle aree di interesse e finanziamento per Comune, in classi"),
            checkable=True,
        )
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.setInterval(400)
        self.timer.timeout.connect(self.refresh_map_layers)
        self.session.scope_changed.connect(self.scope_changed)
        QgsProject.instance().layersAdded.connect(self.watch)
        QgsProject.instance().readProject.connect(self.project_read)

    def unload(self):
        self.session.scope_changed.disconnect(self.scope_changed)
        QgsProject.instance().layersAdded.disconnect(self.watch)
        QgsProject.instance().readProject.disconnect(self.project_read)
        for layer in self.watched:
            try:
                layer.afterCommitChanges.disconnect(self.data_changed)
            except (RuntimeError, TypeError):  # layer already deleted
                pass
        self.watched = []
        self.timer.stop()
        self.timer.deleteLater()
        self.timer = None
        if self.dock is not None:
            self.dock.clear_outline()  # the outline is the canvas's item: it would outlive the dock
        self.remove_dock()

    def make_dock(self):
        from remix_plugin.gui.indicators_dock import IndicatorsDock

        dock = IndicatorsDock(self.session, self.iface, self.iface.mainWindow())
        dock.options_changed.connect(self.timer.start)
        dock.measure()
        return dock

    # --- following scope and data ----------------------------------------------------------------
    def watch(self, layers):
        for layer in layers:
            if entry_id(layer) in indicator_layers.watched_tables() and hasattr(layer, "afterCommitChanges"):
                layer.afterCommitChanges.connect(self.data_changed)
                self.watched.append(layer)

    def project_read(self, _document=None):
        """A project saved before its indicator tables were replaced (and dropped) gets them computed again."""
        if any(not layer.isValid() for layer in indicator_layers.map_layers(QgsProject.instance())):
            self.timer.start()

    def scope_changed(self, scope):
        if self.dock is not None:
            self.dock.scope_changed(scope)
        self.timer.start()

    def data_changed(self):
        if self.dock is not None:
            self.dock.data_changed()
        self.timer.start()

    def refresh_map_layers(self):
        """Recompute the maps' indicator layers (if any) for the current filter, data and settings
        (core.catalogue.indicator_layers: written in a task, repointed on the main thread)."""
        layers = indicator_layers.map_layers(QgsProject.instance())
        if not layers:
            return None
        ids = indicator_layers.entry_ids()
        needed = sorted({ids[entry_id(layer)] for layer in layers})
        scope, catalogue, settings = self.session.scope, self.session.catalogue, Settings.load()

        def work(task):
            return indicator_layers.write_tables(
                maps.make_context(catalogue),
                needed,
                scope,
                settings.indicator_method,
                settings.indicator_classes,
                settings.indicator_normalise,
                task,
            )

        def done(fresh):
            indicator_layers.repoint(QgsProject.instance(), fresh)

        return self.session.run(tr("Aggiornamento degli indicatori nelle mappe"), work, done)
