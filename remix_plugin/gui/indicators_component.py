"""The synthesis indicators in QGIS: the «Indicatori di sintesi» dock, and the indicator layers of the
two maps kept in step with the active filter, the data and the chosen classes.

The map layers are recomputed in a task when the Zona/Comuni filter changes, when an edit to a layer
they are computed from is saved, and when the dock's method, classes or normalisation change; each
is then pointed at its freshly written table, keeping its place, name and style.
"""

from datetime import datetime

from qgis.core import QgsDataProvider, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QIcon

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.paths import icon
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue import maps
from remix_plugin.core.data.layers import MAP_PROPERTY, entry_id, write_to_gpkg

# catalogue layers whose saved edits change the indicators


def _watched() -> set:
    """The tables the indicators read. (The computing modules load numpy and GDAL: imported on first use,
    never at QGIS start.)"""
    from remix_plugin.core.indicators import funding, opportunity_area

    return {t for t, _ in opportunity_area.SOURCES} | set(funding.SOURCES) | {"comuni"}


def _entry_ids() -> dict:
    from remix_plugin.core.indicators import synthesis as indicators

    return {d.entry_id: which for which, d in indicators.INDICATORS.items()}


class IndicatorsComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.dock = None
        self.dock_action = None
        self.watched = []  # layers whose afterCommitChanges we follow
        self.timer = None

    @property
    def session(self):
        return self.plugin.session

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

    def unload(self):
        self.session.scope_changed.disconnect(self.scope_changed)
        QgsProject.instance().layersAdded.disconnect(self.watch)
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
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None

    def toggle_dock(self, checked):
        if self.dock is None:
            from remix_plugin.gui.indicators_dock import IndicatorsDock

            self.dock = IndicatorsDock(self.session, self.iface, self.iface.mainWindow())
            self.dock.setWindowIcon(QIcon(icon("indicators.svg")))
            self.dock.options_changed.connect(self.timer.start)
            self.plugin.add_dock(self.dock)
            self.dock.visibilityChanged.connect(self.dock_action.setChecked)
            self.dock.measure()
        self.dock.setVisible(checked)

    # --- following scope and data ----------------------------------------------------------------
    def watch(self, layers):
        for layer in layers:
            if entry_id(layer) in _watched() and hasattr(layer, "afterCommitChanges"):
                layer.afterCommitChanges.connect(self.data_changed)
                self.watched.append(layer)

    def scope_changed(self, scope):
        if self.dock is not None:
            self.dock.scope_changed(scope)
        self.timer.start()

    def data_changed(self):
        if self.dock is not None:
            self.dock.data_changed()
        self.timer.start()

    def map_layers(self):
        return [
            layer
            for layer in QgsProject.instance().mapLayers().values()
            if entry_id(layer) in _entry_ids() and layer.customProperty(MAP_PROPERTY)
        ]

    def refresh_map_layers(self):
        """Recompute the maps' indicator layers (if any) for the current filter, data and settings."""
        layers = self.map_layers()
        if not layers:
            return None
        from remix_plugin.core.indicators import synthesis as indicators

        needed = sorted({_entry_ids()[entry_id(layer)] for layer in layers})
        scope, catalogue, settings = self.session.scope, self.session.catalogue, Settings.load()

        def work(task):
            ctx = maps.make_context(catalogue)
            stamp = datetime.now().strftime("%Y%m%d%H%M%S%f")
            fresh = {}
            with indicators.Tables(ctx.pack) as tables:  # both indicators: the pack opened, the Comuni read, once
                for which in needed:
                    result = indicators.classify(
                        tables.measure(which, scope, task),
                        settings.indicator_method,
                        settings.indicator_classes,
                        settings.indicator_normalise,
                    )
                    table = f"{indicators.INDICATORS[which].entry_id}_{stamp}"
                    written = write_to_gpkg(indicators.to_layer(result), ctx.derived_store, table)
                    fresh[which] = (written.source(), indicators.legend_data(result))
            return fresh

        def done(fresh):
            for layer in self.map_layers():
                source, legend = fresh.get(_entry_ids()[entry_id(layer)], (None, None))
                if source is None:
                    continue
                layer.setDataSource(source, layer.name(), "ogr", QgsDataProvider.ProviderOptions())
                indicators.update_classes(layer, legend)

        return self.session.run(tr("Aggiornamento degli indicatori nelle mappe"), work, done)
