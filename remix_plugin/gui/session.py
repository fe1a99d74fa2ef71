"""What the GUI components share: the catalogue in use, the loading of maps, the plugin's QgsTasks.

Maps are built and placed on the main thread (see `load_map`); the catalogue update and the
basemaps' reachability checks run in RemixTasks. Nothing here runs at QGIS start.
"""

import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QObject, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.base.tasks import RemixTask
from remix_plugin.core.catalogue import maps, update
from remix_plugin.core.catalogue.update import update_catalogue
from remix_plugin.core.printing.render import project_extent


class Session(QObject):
    catalogue_changed = pyqtSignal()
    map_loaded = pyqtSignal(object)  # maps.LoadReport
    scope_changed = pyqtSignal(object)  # frozenset of ISTAT codes (pro_com_t), or None for all CMM
    basemap_changed = pyqtSignal(str)  # the basemap mode in effect after a change asked for (light|pro|none)

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
            self._catalogue = update_catalogue("")  # bundled; the remote one comes via refresh
        return self._catalogue

    def refresh_catalogue(self):
        """Fetch CMM's published catalogue; success is said only when a newer copy came. With no address
        in the settings nothing is fetched, and the user is told so (None: no task)."""
        settings = Settings.load()
        if not settings.catalogue_url.strip():
            bundled = update_catalogue("")
            if self._catalogue is not None and self._catalogue.origin != bundled.origin:  # the address was removed
                self._catalogue = bundled
                self.catalogue_changed.emit()
                log.log(
                    tr(
                        "Nessun indirizzo del catalogo nelle Impostazioni: in uso il catalogo {version} del {updated} incluso nel plugin."
                    ).format(version=bundled.version, updated=bundled.updated),
                    Qgis.Info,
                    push=True,
                )
                return None
            current = self.catalogue
            log.warning(
                tr(
                    "Catalogo non aggiornato: nelle Impostazioni RE.MIX manca l'indirizzo del catalogo pubblicato "
                    "dalla CMM. Resta in uso il catalogo {version} del {updated}."
                ).format(version=current.version, updated=current.updated),
                push=True,
            )
            return None

        def work(task):
            return update.fetch_catalogue(
                settings.catalogue_url, settings.catalogue_authcfg, settings.network_timeout_ms
            )

        def done(result):
            catalogue, outcome = result
            self._catalogue = catalogue
            self.catalogue_changed.emit()
            if outcome == update.UPDATED:
                log.log(
                    tr("Catalogo RE.MIX aggiornato: in uso il catalogo {version} del {updated}.").format(
                        version=catalogue.version, updated=catalogue.updated
                    ),
                    Qgis.Success,
                    push=True,
                )
            elif outcome == update.UNCHANGED:
                log.log(
                    tr("Il catalogo RE.MIX {version} del {updated} è già il più recente.").format(
                        version=catalogue.version, updated=catalogue.updated
                    ),
                    Qgis.Info,
                    push=True,
                )
            # FALLBACK: the warning with the reason has been given by the update itself

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
        """Load a map (or some of its entries) and place it in the project, on the main thread as QGIS
        adds layers itself: a layer built in a task keeps PROJ objects of the task's thread, which QGIS
        3.40 drops when that thread ends (its CRS then has no WKT, and an offline package written from
        it has none). The whole map from the data pack takes a fifth of a second."""
        project = QgsProject.instance()
        catalogue = self.catalogue
        entries = [catalogue.entry(e) for e in entry_ids] if entry_ids else None
        skip = maps.existing_entries(project, map_id)
        first = not project.mapLayers()
        title = catalogue.map(map_id).title
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ctx = maps.make_context(catalogue)
            ctx.comuni_scope = self.scope
            report = maps.place_layers(project, map_id, maps.build_layers(map_id, ctx, entries=entries, skip=skip), ctx)
        except RemixError as exc:
            log.error(exc.message)
            return None
        except Exception as exc:  # unexpected: the user is told, the traceback goes to the log
            log.log(traceback.format_exc(), Qgis.Critical)
            log.error(f"Caricamento «{title}»: errore imprevisto ({exc}).")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        report.kept = sorted(skip & {e.id for e in (entries or catalogue.entries_for_map(map_id))})
        self._tell(report, title)
        if first and report.added:
            self.iface.mapCanvas().setExtent(project_extent(project))
            self.iface.mapCanvas().refresh()
        self.map_loaded.emit(report)
        return report

    def set_basemap(self, mode: str):
        """Switch the basemaps to `mode` in a task. The project, the setting and the menu (through
        basemap_changed) change only when at least one layer of the mode loads; when none does (no network,
        say) the basemaps in place stay, the setting is unchanged and the menu goes back to the mode in
        effect."""
        project = QgsProject.instance()
        catalogue = self.catalogue
        previous = Settings.load().basemap_mode

        def work(task):
            ctx = maps.make_context(catalogue)
            layers = maps.basemap_layers(mode, ctx) if mode != "none" else []
            for layer in layers:
                layer.moveToThread(QCoreApplication.instance().thread())
            return ctx, layers

        def done(result):
            ctx, layers = result
            for problem in ctx.problems:
                log.warning(problem, push=True)
            if mode != "none" and not layers:
                self._basemap_failed(previous, mode)
                return
            added = maps.set_basemap(project, mode, ctx, layers)
            if mode != "none" and added:
                log.log(
                    tr("Mappe di base {mode}: {count} strati.").format(mode=mode.capitalize(), count=len(added)),
                    Qgis.Info,
                    push=True,
                )
            settings = Settings.load()
            settings.basemap_mode = mode
            settings.save()
            self.basemap_changed.emit(mode)

        def failed(_message):  # already told by the task
            self.basemap_changed.emit(previous)

        return self.run("Mappe di base RE.MIX", work, done, failed)

    def _basemap_failed(self, previous: str, mode: str) -> None:
        log.warning(
            tr(
                "Mappe di base {mode} non caricate: nessuno strato raggiungibile. Restano le mappe di base in uso."
            ).format(mode=mode.capitalize()),
            push=True,
        )
        self.basemap_changed.emit(previous)

    def _tell(self, report, title):
        for problem in report.problems:
            log.warning(problem, push=True)
        if report.added:
            log.log(f"«{title}»: caricati {len(report.added)} strati.", Qgis.Success, push=True)
        elif report.kept:
            log.log(f"«{title}» è già nel progetto: nessuno strato duplicato.", Qgis.Info, push=True)
