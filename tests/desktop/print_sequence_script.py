"""Run inside QGIS Desktop (qgis --code): the planner's print sequence of issue #16, REMIX_ROUNDS times
after loading the Realizzazioni map: «Stampa» A3 to PDF, the same sheet opened in the layout designer
(then closed), the Scheda comunale of one Zona, a PGT check and package, an offline package of the Zona,
A3 again. QGIS crashed in «Esporta» when layouts were built in a worker thread: the result records
what each step wrote, what reached the message bar and every log message about threads."""

import json
import os
import time
from pathlib import Path

from desktop_script import component, run_when_ready
from desktop_script import settle as wait
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsMessageBarItem
from qgis.PyQt import sip
from qgis.PyQt.QtGui import QGuiApplication
from qgis.utils import iface, plugins

ROUNDS = int(os.environ["REMIX_ROUNDS"])
OUT = Path(os.environ["REMIX_OUT"])
ZONA = os.environ["REMIX_ZONA"]
PGT_FILES = json.loads(os.environ["REMIX_PGT_FILES"])  # theme id -> PATH or PATH:LAYER
RHO = "015182"
LEVELS = {Qgis.Info: "info", Qgis.Warning: "warning", Qgis.Critical: "critical", Qgis.Success: "success"}
result = {"rounds": [], "pushed": [], "log_threads": [], "log_problems": []}


def settle(seconds=0.5, tasks=True):
    wait(seconds, tasks, result)


def trigger(text):
    """A menu entry of the plugin, clicked."""
    next(a for a in plugins["remix_plugin"].actions if a.text() == text).trigger()


def open_dialog(action, name):
    """The dialog as a planner opens it: from its menu entry."""
    trigger(action)
    settle(0.3, tasks=False)
    return component(name).dialog


def written(path):
    """{path, size} of a file the step should have written (size -1: not there)."""
    path = Path(path)
    return {"path": str(path), "size": path.stat().st_size if path.is_file() else -1}


def folder_files(folder):
    """name -> size of every file under `folder` (hidden staging folders left out)."""
    return {
        str(p.relative_to(folder)): p.stat().st_size
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def export(dialog, template, out):
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData(template))
    dialog.outputWidget.setFilePath(str(out))
    dialog.exportButton.click()  # on the main thread: back here once written (a task, if ever, waited for)
    settle(0.3)
    return dict(written(out), message=dialog.messageLabel.text())


def print_a3(out):
    dialog = open_dialog("Stampa…", "PrintComponent")
    done = export(dialog, "A3_orizzontale", out)
    dialog.close()
    return done


def designer():
    """«Apri nel compositore», then the designer closed as a planner closes it; the layout stays in the
    project's layout manager, as it does for a planner."""
    dialog = open_dialog("Stampa…", "PrintComponent")
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData("A3_orizzontale"))
    dialog.designerButton.click()
    settle(1.0, tasks=False)
    opened = [d.masterLayout().name() for d in iface.openLayoutDesigners()]
    for window in iface.openLayoutDesigners():
        window.close()
    settle(0.5, tasks=False)
    dialog.close()
    return {
        "opened": opened,
        "left_open": len(iface.openLayoutDesigners()),
        "layouts": [layout.name() for layout in QgsProject.instance().layoutManager().layouts()],
        "message": dialog.messageLabel.text(),
    }


def atlas(out):
    """The Zona filter applied in the «Zone omogenee» dock, then the Scheda comunale of its Comuni."""
    from remix_plugin.core.scope.model import resolve_scope

    zones = component("ZoneComponent")
    if not zones.dock_action.isChecked():
        zones.dock_action.trigger()
    zones.dock.set_checked(resolve_scope(zones.pack(), [ZONA]))
    zones.dock.applyButton.click()
    settle()
    dialog = open_dialog("Stampa…", "PrintComponent")
    done = dict(export(dialog, "scheda_comunale", out), scope=sorted(plugins["remix_plugin"].session.scope or []))
    dialog.close()
    return done


def pgt(out, layers):
    """Rho's PGT files: «Verifica», then «Crea pacchetto» into `out`."""
    dialog = open_dialog("Pacchetto PGT…", "PgtComponent")
    dialog.set_comune(RHO)
    for page in dialog.pages:
        page.layerCombo.setLayer(layers[page.theme.id])
    dialog.verifyButton.click()
    settle()
    checked = dialog.outcomeLabel.text()
    dialog.outputWidget.setFilePath(str(out))
    dialog.packageButton.click()
    settle()
    done = {"checked": checked, "message": dialog.outcomeLabel.text(), "files": folder_files(out)}
    dialog.close()
    return done


def offline(out):
    """A package of the Zona; a second click («Crea comunque») when the check asks to decide."""
    from remix_plugin.core.data.offline_manifest import verify_package

    dialog = open_dialog("Prepara pacchetto offline…", "OfflineComponent")
    dialog.zoneRadio.setChecked(True)
    dialog.zoneCombo.setCurrentText(ZONA)
    dialog.outputWidget.setFilePath(str(out))
    dialog.createButton.click()
    settle()
    asked = dialog.confirmed is not None
    if asked:
        dialog.createButton.click()
        settle()
    packages = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")] if out.is_dir() else []
    done = {
        "asked": asked,
        "report": dialog.reportBrowser.toPlainText()[:300],
        "files": folder_files(out),
        "problems": [problem for package in packages for problem in verify_package(package)],
        "packages": len(packages),
    }
    dialog.close()
    return done


def timed(record, name, step, *args):
    started = time.perf_counter()
    record[name] = step(*args)
    record[name]["seconds"] = round(time.perf_counter() - started, 2)


def on_log(message, tag, level):
    entry = [tag, LEVELS.get(level, str(level)), message[:500]]
    if "thread" in message.lower():
        result["log_threads"].append(entry)
    if level in (Qgis.Warning, Qgis.Critical) and len(result["log_problems"]) < 100:
        result["log_problems"].append(entry)


def on_push(widget):
    item = sip.cast(widget, QgsMessageBarItem)  # the signal hands Python a bare QWidget
    result["pushed"].append([LEVELS.get(item.level(), str(item.level())), item.title(), item.text()[:500]])


def steps():
    from remix_plugin.core.pgt.check import open_source

    iface.mainWindow().setGeometry(QGuiApplication.primaryScreen().availableGeometry())  # the whole screen
    QgsApplication.messageLog().messageReceived.connect(on_log)
    iface.messageBar().widgetAdded.connect(on_push)
    trigger("Mappa delle Realizzazioni")
    settle(1.0)
    technician = {theme: open_source(spec) for theme, spec in PGT_FILES.items()}  # as «Apri file…» adds them
    QgsProject.instance().addMapLayers(list(technician.values()))
    for number in range(1, ROUNDS + 1):
        folder = OUT / f"giro_{number:02d}"
        record = {}
        result["rounds"].append(record)
        timed(record, "a3", print_a3, folder / "a3.pdf")
        timed(record, "designer", designer)
        timed(record, "atlas", atlas, folder / "schede.pdf")
        timed(record, "pgt", pgt, folder / "pgt", technician)
        timed(record, "offline", offline, folder / "offline")
        timed(record, "a3_again", print_a3, folder / "a3_di_nuovo.pdf")
        record["layers"] = len(QgsProject.instance().mapLayers())  # a new check replaces the PGT group
    dialog = open_dialog("Stampa…", "PrintComponent")  # the last state, with «Stampa» open over it
    iface.mapCanvas().refreshAllLayers()
    iface.mapCanvas().waitWhileRendering()
    settle(1.0, tasks=False)
    QGuiApplication.primaryScreen().grabWindow(0).save(os.environ["REMIX_SCREENSHOT"])  # the dialogs too
    dialog.close()


run_when_ready(steps, result, 1500)
