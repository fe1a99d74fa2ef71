"""One logger for the whole plugin: QgsMessageLog under the tag "RE.MIX", optionally the message bar.

The GUI installs the message bar once (`set_message_bar`); core code only calls `log()`, so the
same code runs headless (CLI, Processing, tests) where there is no bar. A message pushed from a worker
thread (a task) reaches the bar through a queued signal, on the main thread: Qt widgets are never
touched from another thread. Every message is redacted first (core/base/secrets.py): an error quoting a
connection string shows no password, in the log or on the bar.
"""

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QObject, pyqtSignal

from remix_plugin.core.base.secrets import redact

TAG = "RE.MIX"


class _BarProxy(QObject):
    """Lives on the main thread (made there by `set_message_bar`): a push emitted from any thread runs
    `bar.pushMessage` on the main thread (Qt queues signals crossing threads)."""

    pushed = pyqtSignal(str, object, int)  # message, level, duration

    def __init__(self, bar):
        super().__init__()
        self.bar = bar
        self.pushed.connect(self._push)

    def _push(self, message: str, level, duration: int) -> None:
        self.bar.pushMessage(TAG, message, level, duration)


_proxy = None


def set_message_bar(bar) -> None:
    """Install (or, with None, remove) the QgsMessageBar that `push=True` messages go to. Main thread only."""
    global _proxy
    if _proxy is not None:
        _proxy.deleteLater()
    _proxy = _BarProxy(bar) if bar is not None else None


def log(message: str, level=Qgis.Info, push: bool = False, duration: int = 6) -> None:
    """Write to the QGIS log; with push=True also show it to the user in the message bar."""
    message = redact(message)
    QgsMessageLog.logMessage(message, TAG, level)
    if push and _proxy is not None:
        _proxy.pushed.emit(message, level, duration)


def warning(message: str, push: bool = False) -> None:
    log(message, Qgis.Warning, push)


def error(message: str, push: bool = True) -> None:
    log(message, Qgis.Critical, push, duration=0)
