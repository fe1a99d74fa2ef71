"""What every script run inside QGIS Desktop (`qgis --code`) ends with: once QGIS is up, run the
steps, write the result file the test reads (with the traceback if a step failed) and quit QGIS.

Found through PYTHONPATH (`qgis_desktop.run_qgis` puts this folder there, and only this folder, so
that the plugin is still the one installed from the zip)."""

import json
import os
import time
import traceback

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer


def settle(seconds: float = 1.0, tasks: bool = True, result: dict = None, patience: float = 120) -> None:
    """Let QGIS work: wait (at most `patience` s) for the running tasks, then `seconds` more of events. Tasks
    still running then are named in result["stuck"]."""
    end = time.time() + patience
    while tasks and QgsApplication.taskManager().countActiveTasks() and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.05)
    if tasks and result is not None and QgsApplication.taskManager().countActiveTasks():
        result.setdefault("stuck", []).extend(t.description() for t in QgsApplication.taskManager().activeTasks())
    end = time.time() + seconds
    while time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.05)


def component(name: str):
    """The plugin's GUI component of that class (its dock or dialog, as the menu opened it)."""
    from qgis.utils import plugins

    return next(c for c in plugins["remix_plugin"].components if type(c).__name__ == name)


def run_when_ready(steps, result: dict, delay_ms: int = 1500) -> None:
    def run():
        try:
            steps()
        except Exception:  # the result file says what went wrong
            result["error"] = traceback.format_exc()
        with open(os.environ["REMIX_RESULT"], "w", encoding="utf-8") as handle:
            json.dump(result, handle)
        # the project is closed first, as quitting from the window does: QGIS 3.22-3.44 crash at exit when
        # the project still holds layers (QgisApp::setMapStyleDockLayer), with or without the plugin
        from qgis.utils import iface

        iface.newProject(False)
        QgsApplication.exit(0)

    QTimer.singleShot(delay_ms, run)
