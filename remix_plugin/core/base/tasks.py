"""QgsTask base: run a plain function off the GUI thread, keep its exception, report it at the end.

Workers never touch widgets or the project: they return a result, and `on_done(result)` or
`on_error(message)` run in `finished()`, on the main thread.

The plugin's tasks run one at a time. QGIS's OGR provider can deadlock when two threads open and close
GeoPackage layers at once (seen here: a map loading while the indicators were measured froze QGIS
Desktop). Still so on QGIS 3.22, 3.40 and 3.44: scripts/probe_ogr_deadlock.py freezes on each. A task
waiting its turn can be cancelled.
"""

import threading
import traceback

from qgis.core import QgsTask

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError

_TURN = threading.Lock()  # held by the running RemixTask's worker
_ACTIVE: list = []  # RemixTasks made and not finished yet (kept and read on the main thread)


def busy() -> bool:
    """A task of the plugin is running in its worker (it may be opening layers of the pack)."""
    return _TURN.locked()


def active() -> list:
    """The plugin's tasks not finished yet: whoever waits for them listens to their taskCompleted and
    taskTerminated signals."""
    return list(_ACTIVE)


class RemixTask(QgsTask):
    """`work(task)` does the job; it may call task.setProgress() and should check task.isCanceled()."""

    def __init__(self, description, work, on_done=None, on_error=None, flags=QgsTask.CanCancel):
        super().__init__(description, flags)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self.result = None
        self.exception = None
        _ACTIVE.append(self)

    def forget(self) -> None:
        """Cancel, and let nobody hear the end (the plugin is unloading: its widgets are going away)."""
        self._on_done = self._on_error = None
        self.cancel()

    def run(self) -> bool:
        while not _TURN.acquire(timeout=0.1):
            if self.isCanceled():
                return False
        try:
            self.result = self._work(self)
        except Exception as exc:  # kept, reported in finished() on the main thread
            self.exception = exc
            if not isinstance(exc, RemixError):
                log.log(traceback.format_exc(), log.Qgis.Critical)
            return False
        finally:
            _TURN.release()
        return not self.isCanceled()

    def finished(self, ok: bool) -> None:
        if self in _ACTIVE:
            _ACTIVE.remove(self)
        if ok:
            if self._on_done:
                self._on_done(self.result)
            return
        if self.isCanceled():
            message = f"{self.description()}: annullato."
        elif isinstance(self.exception, RemixError):
            message = self.exception.message
        else:
            message = f"{self.description()}: errore imprevisto ({self.exception})."
        log.error(message)
        if self._on_error:
            self._on_error(message)
