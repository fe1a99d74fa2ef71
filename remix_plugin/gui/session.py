"""What the GUI components share: the catalogue in use and the loading of maps in QgsTasks.

Building layers (files, services) runs in a RemixTask; placing them in the project runs on the
main thread when the task finishes. Nothing here runs at QGIS start.
"""
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from remix_plugin.core import log, maps, network
from remix_plugin.core.render import project_extent
from remix_plugin.core.settings import Settings
from remix_plugin.core.tasks import RemixTask


class Session(QObject):
    catalogue_changed = pyqtSignal()
    map_loaded = pyqtSignal(object)  # maps.LoadReport
    scope_changed = pyqtSignal(object)  # frozenset of ISTAT codes (pro_com_t), or None for all CMM

    def __init__(self, iface):
        super().__init__()
        self.iface = iface
        self._catalogue = None
        self._tasks = set()
        self.scope = None  # the active Zona/Comuni filter (set by the filter component)

    @property
    def catalogue(self):
        """The catalogue in use: the cached update if any (checked in refresh_catalogue), else bundled."""
        if self._catalogue is None:
            self._catalogue = network.update_catalogue("")  # bundled; the remote one comes via refresh
        return self._catalogue

    def refresh_catalogue(self):
        settings = Settings.load()

        def work(task):
            return network.update_catalogue(settings.catalogue_url, settings.catalogue_authcfg,
                                            settings.network_timeout_ms)

        def done(catalogue):
            self._catalogue = catalogue
            self.catalogue_changed.emit()
            log.log(f"Catalogo RE.MIX {catalogue.version} del {catalogue.updated} in uso.", Qgis.Success, push=True)

        return self.run("Aggiornamento del catalogo RE.MIX", work, done)

    def run(self, description, work, on_done=None, on_error=None):
        task = RemixTask(description, work, on_done, on_error)
        self._tasks.add(task)
        task.taskCompleted.connect(lambda: self._tasks.discard(task))
        task.taskTerminated.connect(lambda: self._tasks.discard(task))
        QgsApplication.taskManager().addTask(task)
        return task

    def close(self):
        """Cancel the running tasks and drop their callbacks (called by the plugin's unload)."""
        for task in list(self._tasks):
            try:
                task.forget()
            except RuntimeError:  # already finished and deleted by the task manager
                pass
        self._tasks.clear()

    def load_map(self, map_id: str, entry_ids=None):
        """Load a map (or some of its entries) in the background, then place it in the project."""
        project = QgsProject.instance()
        catalogue = self.catalogue
        entries = [catalogue.entry(e) for e in entry_ids] if entry_ids else None
        skip = maps.existing_entries(project, map_id)
        first = not project.mapLayers()
        scope = self.scope

        def work(task):
            ctx = maps.make_context(catalogue)
            ctx.comuni_scope = scope
            built = maps.build_layers(map_id, ctx, entries=entries, skip=skip, feedback=task)
            main_thread = QCoreApplication.instance().thread()
            for _, layer in built:
                layer.moveToThread(main_thread)
            return ctx, built

        def done(result):
            ctx, built = result
            report = maps.place_layers(project, map_id, built, ctx)
            report.kept = sorted(skip & {e.id for e in (entries or catalogue.entries_for_map(map_id))})
            self._tell(report, catalogue.map(map_id).title)
            if first and report.added:
                self.iface.mapCanvas().setExtent(project_extent(project))
                self.iface.mapCanvas().refresh()
            self.map_loaded.emit(report)

        title = catalogue.map(map_id).title
        return self.run(f"Caricamento «{title}»", work, done)

    def set_basemap(self, mode: str):
        project = QgsProject.instance()
        catalogue = self.catalogue

        def work(task):
            ctx = maps.make_context(catalogue)
            layers = maps.basemap_layers(mode, ctx) if mode != "none" else []
            for layer in layers:
                layer.moveToThread(QCoreApplication.instance().thread())
            return ctx, layers

        def done(result):
            ctx, layers = result
            added = maps.set_basemap(project, mode, ctx, layers)
            for problem in ctx.problems:
                log.warning(problem, push=True)
            if mode != "none" and added:
                log.log(f"Mappe di base {mode.capitalize()}: {len(added)} strati.", Qgis.Info, push=True)
            settings = Settings.load()
            settings.basemap_mode = mode
            settings.save()

        return self.run("Mappe di base RE.MIX", work, done)

    def _tell(self, report, title):
        for problem in report.problems:
            log.warning(problem, push=True)
        if report.added:
            log.log(f"«{title}»: caricati {len(report.added)} strati.", Qgis.Success, push=True)
        elif report.kept:
            log.log(f"«{title}» è già nel progetto: nessuno strato duplicato.", Qgis.Info, push=True)
