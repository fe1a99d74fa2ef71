"""The one log facade: what a task says to the user reaches the message bar on the main thread."""

import time

from qgis.core import QgsApplication, QgsTask
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QThread

from remix_plugin.core.base import log


class RecordingBar(QgsMessageBar):
    """A real message bar that notes on which thread each message was pushed."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def pushMessage(self, *args):
        self.seen.append((args[1], QThread.currentThread() is QgsApplication.instance().thread()))
        return super().pushMessage(*args)


def test_a_push_from_a_task_reaches_the_bar_on_the_main_thread(qgis_app):
    bar = RecordingBar()
    log.set_message_bar(bar)
    try:
        task = QgsTask.fromFunction("registro da un'attività", lambda task: log.warning("dal lavoro", push=True))
        QgsApplication.taskManager().addTask(task)
        deadline = time.monotonic() + 30
        while not bar.seen and time.monotonic() < deadline:
            QgsApplication.processEvents()
        assert bar.seen == [("dal lavoro", True)]
        log.error("dal thread principale")  # on the main thread it is shown at once
        assert bar.seen[-1] == ("dal thread principale", True)
    finally:
        log.set_message_bar(None)
