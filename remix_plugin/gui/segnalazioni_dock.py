"""The «Segnalazioni» dock: the store's segnalazioni (filter by stato, tipo, Comune), open and edit
one, change stato, export, the opportunities near one, and the conflicts left by sync.

Every action is a core function (segnalazioni_layers, _export, _nearby, _conflicts); the sync is
the component's (a background task).
"""

from pathlib import Path

from qgis.core import QgsProviderRegistry
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QListWidgetItem,
    QMessageBox,
    QTableWidgetItem,
)

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.secrets import has_password
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.scope.model import normalise
from remix_plugin.core.segnalazioni.conflicts import conflicts, resolve
from remix_plugin.core.segnalazioni.export import export_package
from remix_plugin.core.segnalazioni.layers import set_values, summaries
from remix_plugin.core.segnalazioni.nearby import opportunities_near
from remix_plugin.core.segnalazioni.schema import load_taxonomy
from remix_plugin.gui.canvas import zoom_canvas

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class SegnalazioniDock(QDockWidget, FORM):
    def __init__(self, component, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("RemixSegnalazioniDock")
        self.component = component
        self.taxonomy = load_taxonomy()
        self.rows = {}  # uuid -> Summary shown
        self.open_conflicts = []
        self.statoFilter.addItem(tr("Tutti gli stati"), "")
        self.tipoFilter.addItem(tr("Tutti i tipi"), "")
        for code, label in self.taxonomy.lists["stato"]:
            self.statoFilter.addItem(label, code)
            self.statoCombo.addItem(label, code)
        for code, label in self.taxonomy.lists["tipo"]:
            self.tipoFilter.addItem(label, code)
        for combo in (self.statoFilter, self.tipoFilter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes what the others leave
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(2, 110)
        self.nearbyTable.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.storeWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.storeWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.storeWidget.setFilePath(str(component.store_path()))
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        self.centralCombo.addItems(sorted(metadata.connections()) if metadata is not None else [])
        self.centralCombo.setCurrentText(Settings.load().segnalazioni_central)
        self.storeWidget.fileChanged.connect(self.store_chosen)
        # saved once typed or picked, never on each keystroke: a half-typed password would reach the file
        self.centralCombo.currentTextChanged.connect(self.check_central)
        self.centralCombo.lineEdit().editingFinished.connect(self.central_chosen)
        self.centralCombo.activated.connect(lambda _index: self.central_chosen())
        self.syncButton.clicked.connect(self.synchronise)
        for combo in (self.statoFilter, self.tipoFilter):
            combo.currentIndexChanged.connect(self.refresh)
        self.comuneFilter.textChanged.connect(self.refresh)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.openButton.clicked.connect(self.open_selected)
        self.statoButton.clicked.connect(self.change_stato)
        self.exportButton.clicked.connect(self.export_selected)
        self.historyButton.clicked.connect(self.history_selected)
        component.history_shown.connect(self.show_history)
        self.nearbyButton.clicked.connect(self.find_nearby)
        self.conflictsList.currentRowChanged.connect(self.show_conflict)
        self.keepCentralButton.clicked.connect(lambda: self.resolve_conflict(False))
        self.keepLocalButton.clicked.connect(lambda: self.resolve_conflict(True))
        component.store_changed.connect(self.refresh)
        self.refresh()

    # --- settings -----------------------------------------------------------------------------------
    def store_chosen(self, path: str):
        settings = Settings.load()
        settings.segnalazioni_store = path
        settings.save()
        self.refresh()

    def check_central(self, text: str) -> bool:
        """A connection with a password is refused as it is typed: said next to the box, no sync."""
        refused = has_password(text)
        self.centralWarning.setVisible(refused)
        self.syncButton.setEnabled(not refused)
        return not refused

    def central_chosen(self):
        text = self.centralCombo.currentText().strip()
        if not self.check_central(text):
            return
        settings = Settings.load()
        if settings.segnalazioni_central != text:
            settings.segnalazioni_central = text
            settings.save()

    def synchronise(self):
        """What the box shows is what is synced, even when the click comes before the box lost focus."""
        self.central_chosen()
        self.component.synchronise()

    # --- the list --------------------------------------------------------------------------------------
    def refresh(self):
        path = self.component.store_path()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        self.rows = {}
        if not path.exists():
            self.statusLabel.setText(
                tr(
                    "L'archivio locale non esiste ancora: sarà creato con la prima segnalazione "
                    "o dalla prima sincronizzazione."
                )
            )
            self._show_conflicts([])
            return
        try:
            stato, tipo = self.statoFilter.currentData(), self.tipoFilter.currentData()
            found = summaries(path, [stato] if stato else [], [tipo] if tipo else [])
            open_conflicts = conflicts(path)
        except RemixError as exc:
            self.statusLabel.setText(exc.message)
            return
        needle = normalise(self.comuneFilter.text())
        shown = [s for s in found if not needle or needle in normalise(s.comune) or needle in s.comune_istat]
        for s in shown:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = [
                s.titolo + (" •" if s.pending else "") + (" ⊘" if s.hidden else ""),
                self.taxonomy.label("tipo", s.tipo),
                s.comune,
                self.taxonomy.label("stato", s.stato),
            ]
            tip = (
                f"{s.titolo}\n{self.taxonomy.label('natura', s.natura)} — {s.comune} ({s.zona_omogenea})\n"
                + tr("Aggiornata il")
                + " "
                + self.taxonomy.describe("aggiornata_il", s.aggiornata_il)
                + ("\n" + tr("⊘ non più visibile nell'archivio centrale: conservata qui") if s.hidden else "")
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(UUID_ROLE, s.uuid)
                item.setToolTip(tip)
                self.table.setItem(row, column, item)
            self.rows[s.uuid] = s
        self.table.setSortingEnabled(True)
        waiting = sum(1 for s in found if s.pending)
        text = tr("Segnalazioni mostrate: {shown} su {total}; da sincronizzare: {waiting} (•).").format(
            shown=len(shown), total=len(found), waiting=waiting
        )
        if open_conflicts:
            text += " " + tr("Conflitti da risolvere: {n}.").format(n=len(open_conflicts))
        self.statusLabel.setText(text)
        self._show_conflicts(open_conflicts)

    def selected(self):
        uuids = dict.fromkeys(item.data(UUID_ROLE) for item in self.table.selectedItems())
        return [self.rows[u] for u in uuids if u in self.rows]

    def _one_selected(self):
        chosen = self.selected()
        if len(chosen) != 1:
            log.warning(tr("Scegliere una segnalazione nell'elenco."), push=True)
            return None
        return chosen[0]

    def _feature(self, summary):
        layer = self.component.store_layers().layer(summary.table)
        return layer, layer.getFeature(summary.fid)

    def open_selected(self):
        summary = self._one_selected()
        if summary is None:
            return
        from remix_plugin.gui.segnalazione_form import open_form

        try:
            layer, feature = self._feature(summary)
        except RemixError as exc:
            log.error(exc.message)
            return
        zoom_canvas(
            self.component.iface.mapCanvas(), feature.geometry().boundingBox(), layer.crs(), margin=1.0, min_width=600.0
        )
        self.component.form = open_form(
            layer, feature, self, new=False, on_saved=lambda _uuid: self.component.store_changed.emit()
        )

    def change_stato(self):
        chosen = self.selected()
        code = self.statoCombo.currentData()
        try:
            for summary in chosen:
                layer, _ = self._feature(summary)
                set_values(layer, summary.fid, {"stato": code})
        except RemixError as exc:
            log.error(exc.message)
        self.refresh()

    def history_selected(self):
        summary = self._one_selected()
        if summary is not None:
            self.component.show_history(summary.uuid, summary.titolo)

    def show_history(self, title: str, text: str):
        QMessageBox.information(self, tr("Storia di «{title}»").format(title=title), text)

    def export_selected(self):
        chosen = self.selected()
        if not chosen:
            log.warning(tr("Scegliere nell'elenco le segnalazioni da esportare."), push=True)
            return
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Esporta segnalazioni"), "segnalazioni.zip", tr("Archivio zip (*.zip)")
        )
        if not target:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            out = export_package(self.component.store_path(), [s.uuid for s in chosen], target, self.component.pack())
        except RemixError as exc:
            log.error(exc.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        log.log(tr("Pacchetto da inviare scritto: {path}").format(path=out), push=True)

    # --- opportunities nearby ------------------------------------------------------------------------------
    def find_nearby(self):
        summary = self._one_selected()
        self.nearbyTable.setRowCount(0)
        if summary is None:
            return
        distance = self.distanceSpin.value()
        try:
            _, feature = self._feature(summary)
            found = opportunities_near(
                feature.geometry(), self.component.pack(), self.component.session.catalogue, distance
            )
        except RemixError as exc:
            self.nearbyLabel.setText(exc.message)
            return
        for n in found:
            row = self.nearbyTable.rowCount()
            self.nearbyTable.insertRow(row)
            for column, text in enumerate((f"{n.distance_m:.0f} m", n.name, n.layer_title)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{n.name} — {n.layer_title} ({n.group_title})")
                self.nearbyTable.setItem(row, column, item)
        self.nearbyLabel.setText(
            tr("{n} elementi del catalogo entro {d} m da «{title}».").format(
                n=len(found), d=distance, title=summary.titolo
            )
        )

    # --- conflicts ---------------------------------------------------------------------------------------
    def _show_conflicts(self, open_conflicts):
        self.open_conflicts = open_conflicts
        self.conflictsList.clear()
        for c in open_conflicts:
            item = QListWidgetItem(f"{c.lost.data.get('titolo') or c.uuid} — {c.created[:16].replace('T', ' ')}")
            item.setToolTip(c.description)
            self.conflictsList.addItem(item)
        title = tr("Conflitti") + (f" ({len(open_conflicts)})" if open_conflicts else "")
        self.tabs.setTabText(self.tabs.indexOf(self.conflictsTab), title)
        self.show_conflict(self.conflictsList.currentRow())

    def show_conflict(self, row: int):
        valid = 0 <= row < len(self.open_conflicts)
        self.keepCentralButton.setEnabled(valid)
        self.keepLocalButton.setEnabled(valid)
        if not valid:
            self.conflictDetails.setText(
                tr("Nessun conflitto scelto.") if self.open_conflicts else tr("Nessun conflitto da risolvere.")
            )
            return
        c = self.open_conflicts[row]
        lost = c.lost.data
        self.conflictDetails.setText(
            c.description
            + "\n\n"
            + tr("Versione conservata")
            + ": "
            + " · ".join(
                f"{self.taxonomy.field(name).label}: {self.taxonomy.describe(name, lost.get(name))}"
                for name in ("titolo", "tipo", "stato", "comune", "aggiornata_il")
                if lost.get(name)
            )
        )

    def resolve_conflict(self, keep_local: bool):
        row = self.conflictsList.currentRow()
        if not 0 <= row < len(self.open_conflicts):
            return
        try:
            resolve(self.component.store_path(), self.open_conflicts[row].id, keep_local)
        except RemixError as exc:
            log.error(exc.message)
            return
        self.component.reload_layers()
        self.refresh()
