"""One logger for the whole plugin: QgsMessageLog under the tag "RE.MIX", optionally the message bar.

The GUI installs the message bar once (`set_message_bar`); core code only calls `log()`, so the
same code runs headless (CLI, Processing, tests) where there is no bar.
"""

from qgis.core import Qgis, QgsMessageLog

TAG = "RE.MIX"
_bar = None


def set_message_bar(bar) -> None:
    """Install (or, with None, remove) the QgsMessageBar that `push=True` messages go to."""
    global _bar
    _bar = bar


def log(message: str, level=Qgis.Info, push: bool = False, duration: int = 6) -> None:
    """Write to the QGIS log; with push=True also show it to the user in the message bar."""
    QgsMessageLog.logMessage(message, TAG, level)
    if push and _bar is not None:
        _bar.pushMessage(TAG, message, level, duration)


def warning(message: str, push: bool = False) -> None:
    log(message, Qgis.Warning, push)


def error(message: str, push: bool = True) -> None:
    log(message, Qgis.Critical, push, duration=0)
