"""What every script run inside QGIS Desktop (`qgis --code`) ends with: once QGIS is up, run the
steps, write the result file the test reads (with the traceback if a step failed) and quit QGIS.

Found through PYTHONPATH (`qgis_desktop.run_qgis` puts this folder there, and only this folder, so
that the plugin is still the one installed from the zip)."""

import json
import os
import traceback

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer


def run_when_ready(steps, result: dict, delay_ms: int = 1500) -> None:
    def run():
        try:
            steps()
        except Exception:  # the result file says what went wrong
            result["error"] = traceback.format_exc()
        with open(os.environ["REMIX_RESULT"], "w", encoding="utf-8") as handle:
            json.dump(result, handle)
        QgsApplication.exit(0)

    QTimer.singleShot(delay_ms, run)
