"""«Prepara pacchetto offline»: choose the area, the maps, a basemap file and a size limit; check; write
the package. «Aggiorna pacchetto» refreshes an existing one (its segnalazioni stay as they are).

Thin over core.offline: planning and writing run in a RemixTask. When the check finds something
(a layer that cannot go offline, a basemap too large, an estimate over the limit) the report lists
it and the button turns into «Crea comunque» / «Aggiorna comunque»: the user decides with a second
click, and any change to the choices asks again.
"""

import html
from pathlib import Path

from qgis.core import QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem

from remix_plugin.core.base import formatting, log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue import maps
from remix_plugin.core.data import datapack
from remix_plugin.core.data.offline_manifest import package_folder
from remix_plugin.core.offline import package as offline
from remix_plugin.core.scope.model import comuni_table, normalise, zones

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
CODE_ROLE = Qt.ItemDataRole.UserRole


class OfflineDialog(QDialog, FORM):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.session = session
        self.settings = Settings.load()
        self.table = comuni_table(datapack.resolve_pack(None, self.settings))
        self.task = None
        self.confirmed = None  # the choices the user saw the issues of: a second click writes them
        self.followed = False  # follow_scope has set the area: a later filter changes it again, once
        self.followed_scope = None
        for zona in zones(self.table):
            self.zoneCombo.addItem(zona)
        for code, name, _ in sorted(self.table, key=lambda row: normalise(row[1])):
            item = QListWidgetItem(name)
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.comuniList.addItem(item)
        self.basemapWidget.setFilter(tr("GeoTIFF o MBTiles (*.tif *.tiff *.mbtiles)"))
        self.basemapWidget.setToolTip(
            tr(
                "Un'immagine di sfondo già disponibile sul computer: viene copiata nel "
                "pacchetto, perché in campo non c'è rete"
            )
        )
        for widget in (self.outputWidget, self.updateWidget):
            widget.setStorageMode(QgsFileWidget.GetDirectory)
        self.outputWidget.setFilePath(self.settings.offline_output_dir)
        current = package_folder(QgsProject.instance())
        self.updateWidget.setFilePath(str(current) if current else "")
        self.limitSpin.setValue(self.settings.offline_limit_mb)
        central = bool(self.settings.segnalazioni_central)
        self.prefillCheck.setEnabled(central)
        self.prefillCheck.setToolTip(
            tr("Porta nel pacchetto le segnalazioni dell'archivio centrale")
            if central
            else tr("Scegliere prima l'archivio centrale nel pannello «Segnalazioni»")
        )
        self.checkButton.clicked.connect(lambda: self.start(write=False))
        self.createButton.clicked.connect(lambda: self.start(write=True))
        self.updateButton.clicked.connect(self.update_package)
        self.comuniSearch.textChanged.connect(self.filter_comuni)
        # the written folder is a link: opened in the file manager (the report stays; a file:// link would
        # otherwise be loaded into the browser itself)
        self.reportBrowser.setOpenLinks(False)
        self.reportBrowser.anchorClicked.connect(QDesktopServices.openUrl)
        self.zoneCombo.currentTextChanged.connect(lambda _text: self.zoneRadio.setChecked(True))
        self.buttonBox.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        for signal in (
            self.zoneCombo.currentIndexChanged,
            self.comuniList.itemChanged,
            self.limitSpin.valueChanged,
            self.basemapWidget.fileChanged,
            self.outputWidget.fileChanged,
            self.updateWidget.fileChanged,
            self.opportunitaCheck.toggled,
            self.realizzazioniCheck.toggled,
            self.prefillCheck.toggled,
            self.allRadio.toggled,
            self.zoneRadio.toggled,
            self.comuniRadio.toggled,
        ):
            signal.connect(self.forget_confirmation)
        self.follow_scope(session.scope)

    def follow_scope(self, scope) -> None:
        """Start from where the user is: the active Zona omogenea filter (its Zona; the Comuni checked when
        the filter is not one whole Zona), else the whole Città metropolitana. Called on opening; a filter
        that has not changed since leaves the user's own choice alone."""
        if self.followed and scope == self.followed_scope:
            return
        self.followed, self.followed_scope = True, scope
        if not scope:
            self.allRadio.setChecked(True)
            return
        by_zona = {}
        for code, _, zona in self.table:
            by_zona.setdefault(zona, set()).add(code)
        zona = next((z for z, codes in by_zona.items() if codes == set(scope)), None)
        if zona is not None:
            self.zoneCombo.setCurrentIndex(self.zoneCombo.findText(zona))
            self.zoneRadio.setChecked(True)
            return
        for i in range(self.comuniList.count()):
            item = self.comuniList.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in scope else Qt.CheckState.Unchecked)
        self.comuniRadio.setChecked(True)

    # --- the choices --------------------------------------------------------------------------
    def scope(self):
        """ISTAT codes of the chosen area, None for the whole Città metropolitana."""
        if self.allRadio.isChecked():
            return None
        if self.zoneRadio.isChecked():
            return frozenset(code for code, _, zona in self.table if zona == self.zoneCombo.currentText())
        codes = frozenset(
            self.comuniList.item(i).data(CODE_ROLE)
            for i in range(self.comuniList.count())
            if self.comuniList.item(i).checkState() == Qt.CheckState.Checked
        )
        if not codes:
            raise RemixError(tr("Scegliere almeno un Comune, una Zona omogenea o tutta la Città metropolitana."))
        return codes

    def request(self) -> offline.OfflineRequest:
        out = self.outputWidget.filePath().strip()
        if not out:
            raise RemixError(tr("Scegliere la cartella in cui creare il pacchetto."))
        chosen = tuple(
            m
            for m, box in (("opportunita", self.opportunitaCheck), ("realizzazioni", self.realizzazioniCheck))
            if box.isChecked()
        )
        basemap = self.basemapWidget.filePath().strip()
        return offline.OfflineRequest(
            out_dir=Path(out),
            maps=chosen,
            scope=self.scope(),
            basemap=Path(basemap) if basemap else None,
            limit_mb=self.limitSpin.value(),
            central=self.settings.segnalazioni_central if self.prefillCheck.isChecked() else "",
        )

    def filter_comuni(self, text):
        needle = normalise(text)
        for i in range(self.comuniList.count()):
            item = self.comuniList.item(i)
            item.setHidden(bool(needle) and needle not in normalise(item.text()))
        if needle:
            self.comuniRadio.setChecked(True)

    def forget_confirmation(self, *_):
        self.confirmed = None
        self.createButton.setText(tr("Crea pacchetto"))
        self.updateButton.setText(tr("Aggiorna pacchetto"))

    # --- check, create, update ----------------------------------------------------------------
    def start(self, write: bool):
        try:
            request = self.request()
        except RemixError as exc:
            self.show_error(exc.message)
            return None
        self.settings.offline_output_dir = str(request.out_dir)
        self.settings.offline_limit_mb = request.limit_mb
        self.settings.save()
        accept = write and self.confirmed == ("create", request)
        catalogue = self.session.catalogue

        def work(task):
            return offline.prepare(request, maps.make_context(catalogue), task, accept, write)

        return self._run(
            tr("Pacchetto offline"), work, lambda result: self.finished(result, write, ("create", request))
        )

    def update_package(self):
        folder = Path(self.updateWidget.filePath().strip() or ".")
        try:
            request = offline.refresh_request(folder)
        except RemixError as exc:
            self.show_error(exc.message)
            return None
        request.limit_mb = self.limitSpin.value()
        accept = self.confirmed == ("update", folder)
        reopen = self._close_if_open(folder)
        if reopen is False:
            return None
        catalogue = self.session.catalogue

        def work(task):
            return offline.prepare(request, maps.make_context(catalogue), task, accept, refresh=folder)

        def finished(result):
            self.finished(result, True, ("update", folder))
            if reopen:
                QgsProject.instance().read(reopen)

        return self._run(tr("Aggiornamento del pacchetto offline"), work, finished, reopen)

    def _close_if_open(self, folder: Path):
        """The package's own project is open: save it and close it for the refresh (None: not open;
        False: it holds unsaved edits, nothing done; else the project file to reopen afterwards)."""
        project = QgsProject.instance()
        current = package_folder(project)
        if current is None or current.resolve() != folder.resolve():
            return None
        if any(getattr(layer, "isModified", lambda: False)() for layer in project.mapLayers().values()):
            self.show_error(
                tr(
                    "Il progetto del pacchetto ha modifiche non salvate negli strati: salvarle o annullarle "
                    "prima di aggiornare il pacchetto."
                )
            )
            return False
        path = project.fileName()
        if project.isDirty():
            project.write()
        project.clear()
        return path

    def _run(self, description, work, on_done, reopen=None):
        for button in (self.checkButton, self.createButton, self.updateButton):
            button.setEnabled(False)
        self.progressBar.setValue(0)
        self.reportBrowser.setHtml(f"<i>{html.escape(description)}…</i>")

        def failed(message):
            self.idle()
            self.show_error(message)
            if reopen:
                QgsProject.instance().read(reopen)

        def done(result):
            self.idle()
            on_done(result)

        self.task = self.session.run(description, work, done, failed)
        self.task.progressChanged.connect(self.show_progress)
        return self.task

    @pyqtSlot(float)
    def show_progress(self, value):
        self.progressBar.setValue(int(value))

    def idle(self):
        self.task = None
        for button in (self.checkButton, self.createButton, self.updateButton):
            button.setEnabled(True)

    # --- what the user reads ------------------------------------------------------------------
    def finished(self, result, write: bool, choices):
        plan, folder = result
        lines = [self._plan_html(plan)]
        if folder is not None:
            self.progressBar.setValue(100)
            self.forget_confirmation()
            text = tr("Pacchetto aggiornato") if choices[0] == "update" else tr("Pacchetto scritto")
            link = html.escape(QUrl.fromLocalFile(str(folder)).toString(), quote=True)
            lines.insert(0, f'<p><b>{text}:</b> <a href="{link}">{html.escape(str(folder))}</a></p>')
            log.log(f"{text}: {folder}", push=True)
        elif plan.issues and write:
            self.confirmed = choices
            (self.updateButton if choices[0] == "update" else self.createButton).setText(
                tr("Aggiorna comunque") if choices[0] == "update" else tr("Crea comunque")
            )
            lines.insert(
                0,
                "<p><b>"
                + html.escape(
                    tr(
                        "Nulla è stato scritto. Rivedere le questioni qui sotto; per "
                        "procedere lo stesso, fare clic di nuovo."
                    )
                )
                + "</b></p>",
            )
        self.reportBrowser.setHtml("".join(lines))

    def _plan_html(self, plan) -> str:
        size = formatting.number(plan.estimate_bytes / 1024 / 1024, 1)
        rows = "".join(
            f"<li><b>{i.features}</b> — {html.escape(i.title)} <span style='color:#666'>"
            f"({html.escape(i.origin)})</span></li>"
            for i in plan.items
        )
        parts = [
            f"<p><b>{html.escape(tr('Area'))}:</b> {html.escape(plan.area)} — "
            f"<b>{html.escape(tr('dimensione stimata'))}:</b> {size} MB "
            f"({html.escape(tr('limite'))} {plan.request.limit_mb} MB)</p>"
        ]
        if plan.issues:
            parts.append(
                f"<p><b>{html.escape(tr('Da decidere prima di scrivere'))}:</b></p><ul>"
                + "".join(f"<li style='color:#b2182b'>{html.escape(i)}</li>" for i in plan.issues)
                + "</ul>"
            )
        parts.append(f"<p><b>{html.escape(tr('Elementi per strato nel pacchetto'))}:</b></p><ul>{rows}</ul>")
        parts += [f"<p style='color:#666'>{html.escape(n)}</p>" for n in plan.notes]
        return "".join(parts)

    def show_error(self, message: str):
        self.reportBrowser.setHtml(f"<p style='color:#b2182b'>{html.escape(message)}</p>")
