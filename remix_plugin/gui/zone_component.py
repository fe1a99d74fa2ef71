"""The Zone omogenee / Comuni filter in QGIS: the dock, and keeping the filter on the project.

It owns `session.scope` and emits `session.scope_changed` (the indicators dock, the infobox and the
locator follow it). The filter itself is `core.scope_filter`, as in the command line: layers loaded
later get it when a map is loaded, and a project read from disk gets back the filter it was saved with.
"""

from qgis.core import QgsProject

from remix_plugin.core.base import log, tasks
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.data import datapack
from remix_plugin.core.scope import filtering
from remix_plugin.core.scope.model import comuni_table
from remix_plugin.gui.canvas import zoom_canvas
from remix_plugin.gui.dock_component import DockComponent


class ZoneComponent(DockComponent):
    DOCK_ICON = "filter.svg"

    def __init__(self, plugin):
        super().__init__(plugin)
        self.report = None  # the last ScopeReport
        self._waiting = None  # the filter asked for while a task of the plugin was running
        self._listening = []  # the tasks whose end runs the waiting filter

    def init_gui(self):
        self.dock_action = self.plugin.add_action(
            "filter.svg",
            tr("Zone omogenee"),
            self.toggle_dock,
            tr("Filtra tutti gli strati del catalogo per Zona omogenea o per Comune"),
            checkable=True,
        )
        project = QgsProject.instance()
        project.readProject.connect(self.restore)
        project.cleared.connect(self.forget)
        self.session.map_loaded.connect(self.follow_new_layers)

    def unload(self):
        self._forget_tasks()
        self._waiting = None
        project = QgsProject.instance()
        project.readProject.disconnect(self.restore)
        project.cleared.disconnect(self.forget)
        self.session.map_loaded.disconnect(self.follow_new_layers)
        self.remove_dock()

    @staticmethod
    def pack():
        return datapack.project_pack(QgsProject.instance())

    def make_dock(self):
        from remix_plugin.gui.zone_dock import ZoneDock

        try:
            table = comuni_table(self.pack())
        except RemixError as exc:
            log.error(exc.message)
            return None
        dock = ZoneDock(table, self.iface.mainWindow())
        dock.apply_requested.connect(self.apply)
        dock.zoom_requested.connect(self.zoom)
        dock.set_checked(self.session.scope)
        dock.show_report(self.report)
        return dock

    def apply(self, scope):
        """Filter the project to `scope` (None: all CMM) and zoom to it."""
        self._when_free(lambda project, pack: filtering.apply_scope(project, scope, pack), zoom=True)

    def restore(self, *_document):
        """A project was read: give back the filter it was saved with (or none)."""
        if filtering.saved_scope(QgsProject.instance()) is None:
            self.forget()
        else:
            self._when_free(filtering.restore)

    def follow_new_layers(self, _load_report):
        """Layers just loaded from the catalogue get the active filter (or the one waiting, which
        covers them too)."""
        scope = self.session.scope
        if scope is not None and self._waiting is None:
            self._when_free(lambda project, pack: filtering.apply_scope(project, scope, pack))

    def _when_free(self, work, zoom=False):
        """Run `work` now, or, while a task of the plugin runs (an offline package, the indicators),
        when it ends: QGIS (3.22 to 3.44, scripts/probe_ogr_deadlock.py) can deadlock when one thread
        gives GeoPackage layers new sources while another opens layers of the same file. The newest
        request waiting is the one run."""
        if tasks.busy():
            if self._waiting is None:  # said once, however many choices follow
                log.log(tr("Filtro per Zona omogenea: sarà applicato al termine del caricamento in corso."), push=True)
            self._waiting = (work, zoom)
            for task in tasks.active():
                if task not in self._listening:
                    task.taskCompleted.connect(self._run_waiting)
                    task.taskTerminated.connect(self._run_waiting)
                    self._listening.append(task)
            return
        if self._run(work) is not None and zoom:
            self.zoom()

    def _run_waiting(self):
        """A task of the plugin ended: the newest filter waiting runs now (or waits for the next task)."""
        self._listening = [task for task in self._listening if task in tasks.active()]
        if self._waiting is not None:
            work, zoom = self._waiting
            self._waiting = None
            self._when_free(work, zoom)

    def _forget_tasks(self):
        for task in self._listening:
            try:
                task.taskCompleted.disconnect(self._run_waiting)
                task.taskTerminated.disconnect(self._run_waiting)
            except (RuntimeError, TypeError):  # the task manager has deleted it
                pass
        self._listening = []

    def forget(self):
        self._waiting = None  # a filter asked for on the project that is gone
        self._publish(None)

    def zoom(self):
        if self.report is not None:
            zoom_canvas(self.iface.mapCanvas(), self.report.extent, QgsProject.instance().crs(), margin=0.05)

    def _run(self, work):
        """work(project, pack) -> ScopeReport; errors and problems go to the user."""
        try:
            report = work(QgsProject.instance(), self.pack())
        except RemixError as exc:
            log.error(exc.message)
            return None
        for problem in report.problems:
            log.warning(problem, push=True)
        self._publish(report)
        return report

    def _publish(self, report):
        scope = report.scope if report is not None else None
        self.report = report
        if self.dock is not None:
            self.dock.set_checked(scope)
            self.dock.show_report(report)
        if scope != self.session.scope:
            self.session.scope = scope
            self.session.scope_changed.emit(scope)
        self.iface.mapCanvas().refresh()
