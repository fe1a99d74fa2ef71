"""Segnalazioni in QGIS: «Nuova segnalazione» (tipo and natura, then draw with snapping to the
catalogue layers, then the form), the «Segnalazioni» dock and «Sincronizza».

The local store's layers go into the project when first needed; the map tool is QGIS's own
digitizing tool; the sync runs in a RemixTask and the layers are reloaded when it ends. The core
modules are imported on first use, so QGIS's start-up does not pay for them.
"""

from pathlib import Path

from qgis.core import Qgis, QgsProject, QgsSnappingConfig, QgsTolerance
from qgis.gui import QgsMapToolCapture, QgsMapToolDigitizeFeature
from qgis.PyQt.QtCore import QObject, pyqtSignal

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY
from remix_plugin.gui.dock_component import DockComponent

SNAP_TOLERANCE_PX = 12


class SegnalazioniComponent(DockComponent, QObject):  # a QObject for its signal
    store_changed = pyqtSignal()  # the store's content changed (a save, a sync): the dock refreshes
    history_shown = pyqtSignal(str, str)  # (title, lines) of a segnalazione's signed history, read centrally
    DOCK_ICON = "segnalazioni_list.svg"

    def __init__(self, plugin):
        QObject.__init__(self)
        DockComponent.__init__(self, plugin)
        self.tool = None
        self.form = None
        self._previous_tool = None
        self._saved_snapping = None
        self._draw = None  # (tipo, natura, layer) being drawn
        self._layers = None  # StoreLayers placed in the project

    def init_gui(self):
        p = self.plugin
        p.add_action(
            "segnalazione.svg",
            tr("Nuova segnalazione"),
            self.start_new,
            tr("Registra una segnalazione: scegliere tipo e natura, disegnarla sulla mappa, compilare la scheda"),
        )
        self.dock_action = p.add_action(
            "segnalazioni_list.svg",
            tr("Segnalazioni"),
            self.toggle_dock,
            tr("Elenco, stato, conflitti e opportunità vicine delle segnalazioni"),
            checkable=True,
            toolbar=False,
        )
        p.add_action(
            "sync.svg",
            tr("Sincronizza segnalazioni"),
            self.synchronise,
            tr("Sincronizza l'archivio locale delle segnalazioni con l'archivio centrale della CMM"),
        )

    def unload(self):
        self.stop_drawing()
        if self.form is not None:
            self.form.reject()
            self.form = None
        self.remove_dock()

    # --- the store -----------------------------------------------------------------------------------
    @staticmethod
    def store_path() -> Path:
        """The store the current project's segnalazioni are edited and synced in."""
        from remix_plugin.core.segnalazioni.store import project_store

        return project_store(QgsProject.instance(), Settings.load())

    @staticmethod
    def pack() -> Path:
        """The open offline package's own data (its Comuni), else the settings' data pack."""
        return datapack.project_pack(QgsProject.instance())

    def lookup(self):
        from remix_plugin.core.segnalazioni.geometry import ComuniLookup

        return ComuniLookup.for_pack(self.pack())

    def store_layers(self):
        """The store's layers in the project (StoreLayers), added (and the store created) the first time."""
        from remix_plugin.core.segnalazioni.layers import open_store_layers, place_store, placed_store_layers

        project = QgsProject.instance()
        path = self.store_path()
        known = self._layers
        if (
            known is None
            or known.path != path
            or any(project.mapLayer(lyr.id()) is None for lyr in (known.aree, known.punti, known.valori))
        ):
            known = placed_store_layers(project, path)
            if known is None:
                known = open_store_layers(path, self.lookup())
                place_store(project, known)
            self._layers = known
        return known

    # --- «Nuova segnalazione» -------------------------------------------------------------------------
    def start_new(self):
        from remix_plugin.gui.new_segnalazione_dialog import NewSegnalazioneDialog

        dialog = NewSegnalazioneDialog(self.iface.mainWindow())
        if dialog.exec():
            self.draw(dialog.tipo, dialog.natura)

    def draw(self, tipo: str, natura: str):
        """Put QGIS's digitizing tool on the map for the layer of this natura, snapping to catalogue layers."""
        try:
            layer = self.store_layers().for_natura(natura)
        except RemixError as exc:
            log.error(exc.message)
            return
        from remix_plugin.core.segnalazioni.schema import load_taxonomy

        self.stop_drawing()
        canvas = self.iface.mapCanvas()
        taxonomy = load_taxonomy()
        point = taxonomy.layers[taxonomy.layer_for(natura)].geometry == "point"
        mode = QgsMapToolCapture.CapturePoint if point else QgsMapToolCapture.CapturePolygon
        self.tool = QgsMapToolDigitizeFeature(canvas, self.iface.cadDockWidget(), mode)
        self.tool.setLayer(layer)
        self.tool.digitizingCompleted.connect(self.digitized)
        self._draw = (tipo, natura, layer)
        if not layer.isEditable():
            layer.startEditing()  # the tool draws only on an editable layer; nothing is buffered until the form
        self._snap_to_catalogue()
        self._previous_tool = canvas.mapTool()
        canvas.setMapTool(self.tool)
        self.tool.deactivated.connect(self.stop_drawing)
        log.log(tr("Disegnare la segnalazione sulla mappa."), push=True)

    def _snap_to_catalogue(self):
        project = QgsProject.instance()
        self._saved_snapping = QgsSnappingConfig(project.snappingConfig())
        config = QgsSnappingConfig(project.snappingConfig())
        config.setEnabled(True)
        config.setMode(QgsSnappingConfig.AdvancedConfiguration)
        for layer in project.mapLayers().values():
            if layer.customProperty(ENTRY_PROPERTY) and layer.type() == layer.VectorLayer:
                config.setIndividualLayerSettings(
                    layer,
                    QgsSnappingConfig.IndividualLayerSettings(
                        True,
                        QgsSnappingConfig.VertexFlag | QgsSnappingConfig.SegmentFlag,
                        SNAP_TOLERANCE_PX,
                        QgsTolerance.Pixels,
                        0.0,
                        0.0,
                    ),
                )
        project.setSnappingConfig(config)

    def stop_drawing(self):
        if self.tool is None:
            return
        tool, self.tool = self.tool, None
        tool.deactivated.disconnect(self.stop_drawing)
        canvas = self.iface.mapCanvas()
        if canvas.mapTool() is tool:
            canvas.setMapTool(self._previous_tool) if self._previous_tool is not None else canvas.unsetMapTool(tool)
        if self._saved_snapping is not None:
            QgsProject.instance().setSnappingConfig(self._saved_snapping)
            self._saved_snapping = None
        if self._draw is not None and self.form is None:
            layer = self._draw[2]
            if layer.isEditable() and not layer.isModified():
                layer.rollBack()
        tool.deleteLater()

    def digitized(self, feature):
        """The drawing is done: check it, find its Comune, open the form with what is known."""
        from remix_plugin.core.segnalazioni.geometry import place
        from remix_plugin.core.segnalazioni.layers import new_feature
        from remix_plugin.core.segnalazioni.schema import load_taxonomy
        from remix_plugin.gui.segnalazione_form import open_form

        tipo, natura, layer = self._draw
        try:
            placed = place(feature.geometry(), natura, self.lookup(), load_taxonomy())
        except RemixError as exc:
            log.error(exc.message)  # the tool stays: the user draws again
            return
        for note in placed.notes:
            log.warning(note, push=True)
        values = {
            "tipo": tipo,
            "natura": natura,
            "comune_istat": placed.comune.code,
            "zona_omogenea": placed.comune.zona,
        }
        self.form = open_form(
            layer,
            new_feature(layer, placed.geometry, values),
            self.iface.mainWindow(),
            on_saved=lambda _uuid: self.store_changed.emit(),
        )
        self.form.finished.connect(self._form_closed)
        self.stop_drawing()

    def _form_closed(self, _result):
        self.form = None
        self._draw = None

    # --- dock and sync ------------------------------------------------------------------------------
    def make_dock(self):
        from remix_plugin.gui.segnalazioni_dock import SegnalazioniDock

        return SegnalazioniDock(self, self.iface.mainWindow())

    @staticmethod
    def reload_layers():
        """The store changed outside the layers (sync, conflict resolution): read it again."""
        from remix_plugin.core.segnalazioni.layers import store_layers_in

        for layer in store_layers_in(QgsProject.instance()).values():
            layer.reload()
            layer.triggerRepaint()

    def synchronise(self):
        """Two-way sync in the background; the layers are reloaded and the dock refreshed at the end."""
        settings = Settings.load()
        path = self.store_path()
        central = settings.segnalazioni_central
        if not central:
            log.error(tr("Scegliere l'archivio centrale nel pannello «Segnalazioni» prima di sincronizzare."))
            self.toggle_dock(True)
            return None

        def work(task):
            from remix_plugin.core.segnalazioni.sync import sync

            return sync(path, central, feedback=task)

        def done(report):
            self.reload_layers()
            level = Qgis.Warning if report.conflicts or report.refused else Qgis.Success
            log.log(report.summary(), level, push=True)
            self.store_changed.emit()

        return self.session.run(tr("Sincronizzazione delle segnalazioni"), work, done)

    def show_history(self, uuid: str, title: str):
        """The signed history of one segnalazione, read from the central store in the background."""
        central = Settings.load().segnalazioni_central
        if not central:
            log.error(tr("Scegliere l'archivio centrale nel pannello «Segnalazioni» per leggerne la storia."))
            return None

        def work(_task):
            from remix_plugin.core.segnalazioni.central import CentralStore, history_lines

            with CentralStore(central) as store:
                return history_lines(store.history(uuid))

        def done(lines):
            text = "\n".join(lines) or tr(
                "Nessuna scrittura nell'archivio centrale: la segnalazione non è ancora stata inviata."
            )
            self.history_shown.emit(title, text)

        return self.session.run(tr("Storia della segnalazione"), work, done)
