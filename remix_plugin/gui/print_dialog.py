"""«Stampa»: choose a CMM layout, the map and a title; open the layout in QGIS's layout designer with
the map canvas's extent, scale and layers (to adjust it there), or export it straight to PDF/PNG.

Thin over core.printing and core.atlas. Exports run on the main thread (as QGIS's layout designer
does), on a project of their own: the map print draws copies of the canvas's layers, the Scheda
comunale builds everything from the data pack.
"""

import html
import traceback
from pathlib import Path

from qgis.core import Qgis, QgsFeedback, QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSlot
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QProgressDialog

from remix_plugin.core.base import formatting, log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data import datapack
from remix_plugin.core.printing import export as printing
from remix_plugin.core.printing import layouts
from remix_plugin.core.scope.model import comuni_table, describe_scope

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class PrintDialog(QDialog, FORM):
    def __init__(self, session, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.session = session
        self.iface = iface
        settings = Settings.load()
        project = QgsProject.instance()
        self.sheets = {
            t.name: t for t in printing.templates(project, printing.MAP) + printing.templates(project, printing.ATLAS)
        }  # an offline package's own, for its project
        for sheet in self.sheets.values():
            label = sheet.title.replace("RE.MIX — ", "")
            self.templateCombo.addItem(
                label + (tr(" (un PDF, una pagina per Comune)") if sheet.kind == printing.ATLAS else ""), sheet.name
            )
        index = self.templateCombo.findData(settings.print_template)
        self.templateCombo.setCurrentIndex(max(0, index))
        self.mapCombo.addItem(tr("Vista attuale: tutti gli strati visibili"), "")
        for map_def in session.catalogue.maps:
            self.mapCombo.addItem(map_def.title, map_def.id)
        self.outputWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.outputWidget.setDefaultRoot(settings.print_output_dir)
        self.templateCombo.currentIndexChanged.connect(self.follow_template)
        self.mapCombo.currentIndexChanged.connect(self.follow_map)
        self.designerButton.clicked.connect(self.open_designer)
        self.exportButton.clicked.connect(self.export)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        self.follow_template()
        self.follow_map()

    # --- the choices --------------------------------------------------------------------------
    def chosen(self) -> printing.Template:
        return self.sheets[self.templateCombo.currentData()]

    def follow_template(self):
        atlas = self.chosen().kind == printing.ATLAS
        for widget in (self.mapCombo, self.titleEdit, self.scaleCheck, self.designerButton):
            widget.setEnabled(not atlas)
        self.outputWidget.setFilter(tr("PDF (*.pdf)") if atlas else tr("PDF (*.pdf);;PNG (*.png)"))
        scope = self.session.scope
        self.messageLabel.setText(
            html.escape(tr("Una pagina per ciascun Comune di: ") + self.area())
            if atlas and scope is not None
            else html.escape(tr("Una pagina per ciascuno dei 133 Comuni (nessun filtro per Zona omogenea attivo)."))
            if atlas
            else ""
        )

    def follow_map(self):
        map_id = self.mapCombo.currentData()
        self.titleEdit.setPlaceholderText(self.session.catalogue.map(map_id).title if map_id else tr("Mappa RE.MIX"))

    def showEvent(self, event):
        self.scaleCheck.setText(tr("Usa la scala della mappa (1:{})").format(formatting.count(self.canvas_scale())))
        self.follow_template()
        super().showEvent(event)

    def canvas_scale(self) -> float:
        return self.iface.mapCanvas().scale()

    def title(self) -> str:
        return self.titleEdit.text().strip() or self.titleEdit.placeholderText()

    def area(self) -> str:
        return describe_scope(comuni_table(datapack.project_pack(QgsProject.instance())), self.session.scope)

    def view(self) -> printing.MapView:
        canvas = self.iface.mapCanvas()
        view = printing.project_view(
            QgsProject.instance(),
            self.mapCombo.currentData() or None,
            canvas.extent(),
            self.canvas_scale() if self.scaleCheck.isChecked() else 0.0,
        )
        view.crs = canvas.mapSettings().destinationCrs()
        return view

    def subtitle(self) -> str:
        map_id = self.mapCombo.currentData()
        return printing.subtitle(self.area(), self.session.catalogue.map(map_id).title if map_id else "", self.title())

    # --- actions ------------------------------------------------------------------------------
    def open_designer(self):
        """The filled layout added to the project's layouts and opened in the designer."""
        project = QgsProject.instance()
        try:
            layout = printing.map_layout(
                project,
                self.chosen(),
                self.view(),
                self.title(),
                self.subtitle(),
                datapack.project_pack(project),
                self.session.catalogue,
                name_places=False,  # the layout is saved with the project: only its own layers' labels
            )
        except RemixError as exc:
            return self.say(exc.message, error=True)
        manager = project.layoutManager()
        name, number = self.title(), 1
        while manager.layoutByName(name) is not None:
            number += 1
            name = f"{self.title()} ({number})"
        layout.setName(name)
        manager.addLayout(layout)
        self.remember()
        self.say(tr("Layout «{}» aperto nel compositore.").format(name))
        return self.iface.openLayoutDesigner(layout)

    def export(self):
        """PDF or PNG of the map (or the Scheda comunale atlas), on the main thread as QGIS's own layout
        designer exports: layouts, their maps and labels are not for worker threads (QGIS 3.40 aborts,
        3.22 crashed now and then in libproj). A progress dialog shows the pages and can cancel."""
        project = QgsProject.instance()
        try:
            if not self.outputWidget.filePath().strip():
                raise RemixError(tr("Scegliere il file da scrivere (PDF o PNG)."))
            out = layouts.target(self.outputWidget.filePath().strip())
            pack = datapack.project_pack(project)
        except RemixError as exc:
            return self.say(exc.message, error=True)
        self.remember()
        self.exportButton.setEnabled(False)
        self.progressBar.setValue(0)
        self.say(tr("Esportazione in corso…"))
        feedback = QgsFeedback()
        progress = QProgressDialog(tr("Esportazione della stampa…"), tr("Annulla"), 0, 100, self)
        progress.setWindowTitle(tr("Stampa RE.MIX"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.canceled.connect(feedback.cancel)
        feedback.progressChanged.connect(lambda value: (progress.setValue(int(value)), self.show_progress(value)))
        try:
            if self.chosen().kind == printing.ATLAS:
                result = self._print_atlas(pack, out, feedback)
            else:
                result = self._print_map(pack, out)
        except RemixError as exc:
            return self.export_failed(exc.message)
        except Exception as exc:  # unexpected: the user is told, the traceback goes to the log
            log.error(traceback.format_exc(), push=False)
            return self.export_failed(tr("Stampa non riuscita: errore imprevisto ({}).").format(exc))
        finally:
            progress.close()
            progress.deleteLater()
        return self.exported(result)

    def _print_map(self, pack, out):
        chosen, catalogue = self.chosen(), self.session.catalogue
        view = printing.detached(self.view())  # copies of the layers: the export never touches the user's own
        return printing.print_map(QgsProject(), chosen, view, self.title(), self.subtitle(), out, pack, catalogue), []

    def _print_atlas(self, pack, out, feedback):
        from remix_plugin.core.printing.atlas import print_atlas

        return print_atlas(pack, self.session.scope, out, self.session.catalogue, feedback=feedback)

    def exported(self, result):  # not `done`: QDialog.done(int) is what close() calls
        path, problems = result
        for problem in problems:
            log.warning(problem, push=True)
        self.exportButton.setEnabled(True)
        self.progressBar.setValue(100)
        link = f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>'
        self.messageLabel.setText(html.escape(tr("Stampa scritta: ")) + link)
        log.log(tr("Stampa scritta: ") + str(path), Qgis.Success, push=True)

    def export_failed(self, message):
        self.exportButton.setEnabled(True)
        self.say(message, error=True)

    @pyqtSlot(float)
    def show_progress(self, value):
        self.progressBar.setValue(int(value))

    def remember(self):
        settings = Settings.load()
        settings.print_template = self.templateCombo.currentData()
        path = self.outputWidget.filePath().strip()
        if path:
            settings.print_output_dir = str(Path(path).parent)
        settings.save()

    def say(self, text: str, error: bool = False):
        colour = "#b2182b" if error else "#2b3a4a"
        self.messageLabel.setText(f'<span style="color:{colour}">{html.escape(text)}</span>')
