"""Run inside QGIS Desktop (qgis --code): a Comune technician files a segnalazione — «Nuova segnalazione» from
the RE.MIX menu, tipo and natura in its first dialog, the perimeter drawn with clicks on the map — and the form
opens on a screen of $REMIX_SCREEN (e.g. 1280x800). What the form measures and shows is written to the result;
the whole screen (QGIS's window and the form over it) is saved as a screenshot, and the form scrolled to its
end (the closed groups) beside it, as <screenshot>_end.png."""

import os

from desktop_script import component, run_when_ready
from desktop_script import settle as wait
from qgis.core import QgsApplication, QgsPointXY, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QPoint, QRect, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)
from qgis.utils import iface, plugins

AUTHOR = "Laura Verdi (Ufficio tecnico)"
COMUNE = "Rho"
result = {}


def settle(seconds=1.0, tasks=True):
    wait(seconds, tasks, result)


def fill_first_dialog():
    """The «Nuova segnalazione» dialog (modal): a criticità, lavori — an area to draw."""
    dialog = QApplication.activeModalWidget()
    result["first_dialog"] = type(dialog).__name__
    for combo, code in ((dialog.tipoCombo, "criticita"), (dialog.naturaCombo, "lavori")):
        combo.setCurrentIndex(combo.findData(code))
    result["first_dialog_author"] = dialog.authorValue.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def click(canvas, point, button=Qt.MouseButton.LeftButton):
    pixel = canvas.getCoordinateTransform().transform(point)
    QTest.mouseClick(
        canvas.viewport(), button, Qt.KeyboardModifier.NoModifier, QPoint(round(pixel.x()), round(pixel.y()))
    )


def on_screen(widget, screen: QRect) -> list:
    where = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    return [where.x(), where.y(), where.width(), where.height(), screen.contains(where)]


def steps():
    from remix_plugin.core.base.settings import Settings

    settings = Settings.load()
    settings.segnalazioni_author = AUTHOR
    settings.save()
    screen = QApplication.primaryScreen().geometry()
    result["screen"] = [screen.width(), screen.height()]
    window = iface.mainWindow()
    window.setGeometry(QApplication.primaryScreen().availableGeometry())  # no window manager: «maximised» by hand
    settle(1.0)
    part = component("SegnalazioniComponent")
    lookup = part.lookup()
    comune = next(c for c in lookup.all() if c.name == COMUNE)
    centre = lookup.point_inside(comune).asPoint()
    canvas = iface.mapCanvas()
    layer = part.store_layers().aree
    QgsProject.instance().setCrs(layer.crs())
    canvas.setExtent(QgsRectangle(centre.x() - 500, centre.y() - 500, centre.x() + 500, centre.y() + 500))
    canvas.refresh()
    settle(1.0)
    action = next(a for a in plugins["remix_plugin"].actions if a.text() == "Nuova segnalazione")
    QTimer.singleShot(800, fill_first_dialog)
    action.trigger()  # modal: fill_first_dialog answers it
    settle(0.5, tasks=False)
    x, y = centre.x(), centre.y()
    corners = [QgsPointXY(x, y), QgsPointXY(x + 120, y), QgsPointXY(x + 120, y + 120), QgsPointXY(x, y + 120)]
    for corner in corners:
        click(canvas, corner)
    click(canvas, corners[-1], Qt.MouseButton.RightButton)
    settle(1.5, tasks=False)
    form = part.form
    result["form_open"] = form is not None and form.isVisible()
    hint = form.minimumSizeHint()
    result["minimum_size_hint"] = [hint.width(), hint.height()]
    result["form"] = on_screen(form, screen)
    ok = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    result["ok"] = on_screen(ok, screen)
    texts = []
    for widget in form.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
    result["null_shown"] = [t for t in texts if "NULL" in t]
    shown = {}
    for name in ("titolo", "comune_istat", "zona_omogenea", "autore", "uuid", "dispositivo", "creata_il"):
        widget = next(w for w in form.findChildren(QWidget, name) if isinstance(w, (QLineEdit, QComboBox)))
        value = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        shown[name] = [value, widget.isVisible() and not widget.visibleRegion().isEmpty()]
    result["fields"] = shown
    QgsApplication.processEvents()
    QApplication.primaryScreen().grabWindow(0).save(os.environ["REMIX_SCREENSHOT"])
    page = next(s for s in form.findChildren(QScrollArea) if s.isVisible() and s.widget() is not None)
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())  # the end of the form: the closed groups
    settle(0.3, tasks=False)
    form.grab().save(os.environ["REMIX_SCREENSHOT"].replace(".png", "_end.png"))
    form.reject()
    settle(0.5, tasks=False)


run_when_ready(steps, result, 2000)
