"""Run inside QGIS Desktop (qgis --code): report the plugin's own load time as QGIS measured it, and quit."""

import json
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import plugin_times, plugins


def run():
    with open(os.environ["REMIX_RESULT"], "w", encoding="utf-8") as handle:
        json.dump({"plugin_loaded": "remix_plugin" in plugins, "plugin_time": plugin_times.get("remix_plugin")}, handle)
    QgsApplication.exit(0)


QTimer.singleShot(0, run)
