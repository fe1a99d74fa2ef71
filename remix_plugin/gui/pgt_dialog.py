"""«Pacchetto PGT»: a Comune technician maps their own layers to the expected themes, checks them
(report table, coherence reading, result layers on the map) and creates the package for CMM.

Thin over core.pgt_*: the check and the staging of the package run in a RemixTask; the PDF (print
layouts) and the final rename run on the main thread when the task is done.
"""

import html
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
)
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from remix_plugin.core.base import formatting, log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data import datapack
from remix_plugin.core.pgt.check import ERROR, WARNING, SourceLayer, comune_from_pack
from remix_plugin.core.pgt.coherence import COLUMNS
from remix_plugin.core.pgt.package import add_report_pdf, discard, finalise, stage_package, verify
from remix_plugin.core.pgt.report import add_results_to_project
from remix_plugin.core.pgt.themes import load_themes, remember_mapping, remembered_mapping, suggest_mapping
from remix_plugin.core.scope.model import comuni_table, normalise
from remix_plugin.gui.canvas import zoom_canvas

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
SEVERITY_COLOURS = {ERROR: "#b2182b", WARNING: "#b35806"}


class ThemePage(QWidget):
    """One theme: the technician's layer and, for each expected field, which of its fields holds it."""

    def __init__(self, theme, open_file, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.remembered = {}
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Strato")))
        self.layerCombo = QgsMapLayerComboBox(self)
        self.layerCombo.setObjectName(f"layerCombo_{theme.id}")
        self.layerCombo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.layerCombo.setAllowEmptyLayer(True)
        self.layerCombo.setLayer(None)
        row.addWidget(self.layerCombo, 1)
        self.openButton = QToolButton(self)
        self.openButton.setText(tr("Apri file…"))
        self.openButton.setToolTip(tr("Aggiunge al progetto uno strato da file (shapefile, GeoPackage, DXF…)"))
        self.openButton.clicked.connect(lambda: open_file(self))
        row.addWidget(self.openButton)
        layout.addLayout(row)
        self.table = QTableWidget(len(theme.fields), 2, self)
        self.table.setHorizontalHeaderLabels([tr("Campo atteso"), tr("Campo dello strato")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.combos = {}
        for index, expected in enumerate(theme.fields):
            item = QTableWidgetItem(f"{expected.title} ({expected.name})" + (" *" if expected.required else ""))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            hint = [expected.title]
            if expected.domain:
                hint.append(tr("Valori ammessi: ") + ", ".join(d.value for d in expected.domain))
            item.setToolTip("\n".join(hint))
            self.table.setItem(index, 0, item)
            combo = QComboBox(self.table)
            self.table.setCellWidget(index, 1, combo)
            self.combos[expected.name] = combo
        layout.addWidget(self.table)
        self.layerCombo.layerChanged.connect(self.refresh_fields)

    def layer(self):
        return self.layerCombo.currentLayer()

    def set_remembered(self, remembered: dict) -> None:
        self.remembered = dict(remembered)
        self.refresh_fields()

    def refresh_fields(self) -> None:
        layer = self.layer()
        names = [f.name() for f in layer.fields()] if layer is not None else []
        suggested = suggest_mapping(self.theme, names, self.remembered) if names else {}
        for expected, combo in self.combos.items():
            combo.clear()
            combo.addItem(tr("— nessuno —"), "")
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(expected, ""))))

    def mapping(self) -> dict:
        return {expected: combo.currentData() for expected, combo in self.combos.items() if combo.currentData()}


class PgtDialog(QDialog, FORM):
    def __init__(self, session, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("RemixPgtDialog")
        self.session = session
        self.iface = iface
        self.themes = load_themes()
        self.pack = None
        self.task = None
        self.locations = []  # the problems' points (EPSG:32632), row by row
        self.pages = []
        for theme in self.themes.themes:
            page = ThemePage(theme, self.open_file, self)
            self.themeTabs.addTab(page, theme.title)
            self.pages.append(page)
        self.outputWidget.setStorageMode(QgsFileWidget.GetDirectory)
        self.outputWidget.setFilePath(Settings.load().pgt_output_dir)
        self.problemsTable.setColumnCount(4)
        self.problemsTable.setHorizontalHeaderLabels([tr("Tema"), tr("Codice"), tr("Gravità"), tr("Problema")])
        header = self.problemsTable.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.problemsTable.setColumnWidth(0, 170)
        self.problemsTable.verticalHeader().setVisible(False)
        self.coherenceTable.setColumnCount(len(COLUMNS))
        self.coherenceTable.setHorizontalHeaderLabels([tr(title) for _, _, title in COLUMNS])
        self.coherenceTable.verticalHeader().setVisible(False)
        self.outcomeLabel.setOpenExternalLinks(True)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Close).setText(tr("Chiudi"))
        self.comuneCombo.currentIndexChanged.connect(self.comune_changed)
        self.verifyButton.clicked.connect(self.verify)
        self.packageButton.clicked.connect(self.create_package)
        self.problemsTable.cellDoubleClicked.connect(self.zoom_to_problem)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        self.fill_comuni()

    # --- inputs -----------------------------------------------------------------------------
    def fill_comuni(self) -> None:
        try:
            self.pack = datapack.resolve_pack(None, Settings.load())
            table = sorted(comuni_table(self.pack), key=lambda row: row[1].casefold())
        except RemixError as exc:
            self.say(exc.message, error=True)
            return
        self.comuneCombo.blockSignals(True)
        for code, name, _ in table:
            self.comuneCombo.addItem(f"{name} ({code})", code)
        self.comuneCombo.setCurrentIndex(-1)
        self.comuneCombo.blockSignals(False)
        completer = QCompleter([self.comuneCombo.itemText(i) for i in range(self.comuneCombo.count())], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.comuneCombo.setCompleter(completer)
        self.comuneCombo.lineEdit().editingFinished.connect(self.take_typed_comune)  # Enter, or leaving the box

    def set_comune(self, code: str) -> None:
        self.comuneCombo.setCurrentIndex(self.comuneCombo.findData(code))

    def typed_index(self) -> int:
        """The entry of the Comune typed in the box: as listed, by name whatever the case, accents and
        apostrophes («rho», «cassina de pecchi»), or by ISTAT code (-1: none)."""
        text = self.comuneCombo.currentText().strip()
        if not text:
            return -1
        index = self.comuneCombo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return index
        if text.isdigit():
            return self.comuneCombo.findData(text.zfill(6))
        wanted = normalise(text)
        for i in range(self.comuneCombo.count()):
            if normalise(self.comuneCombo.itemText(i).rsplit(" (", 1)[0]) == wanted:
                return i
        return -1

    def keyPressEvent(self, event):
        """Enter in the Comune box chooses the Comune typed (editingFinished), and nothing else: it does not
        also press «Verifica»."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.comuneCombo.lineEdit().hasFocus():
            event.accept()
            return
        super().keyPressEvent(event)

    def take_typed_comune(self) -> None:
        """A typed Comune is chosen (Enter, or leaving the box); one that is not there is said."""
        index = self.typed_index()
        if index >= 0:
            if index != self.comuneCombo.currentIndex():
                self.comuneCombo.setCurrentIndex(index)
            self.comuneCombo.setEditText(self.comuneCombo.itemText(index))
        elif self.comuneCombo.currentText().strip():
            self.say(
                tr(
                    "Comune «{name}» non trovato: scriverne il nome o il codice ISTAT, o sceglierlo dall'elenco."
                ).format(name=self.comuneCombo.currentText().strip()),
                error=True,
            )

    def comune_code(self) -> str:
        index = self.typed_index()
        if index < 0:
            raise RemixError(tr("Scegliere il Comune dall'elenco."))
        return self.comuneCombo.itemData(index)

    def comune_changed(self) -> None:
        code = self.comuneCombo.currentData()
        remembered = remembered_mapping(Settings.load(), code) if code else {}
        for page in self.pages:
            page.set_remembered(remembered.get(page.theme.id, {}))

    def open_file(self, page: ThemePage) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Strato del PGT"), "", QgsProviderRegistry.instance().fileVectorFilters()
        )
        if path:
            added = self.iface.addVectorLayer(path, Path(path).stem, "ogr")
            if added is not None:
                page.layerCombo.setLayer(added)

    def inputs(self):
        """(ISTAT code, theme -> SourceLayer, theme -> mapping), read on the main thread."""
        code = self.comune_code()
        sources, mapping = {}, {}
        for page in self.pages:
            layer = page.layer()
            if layer is None:
                continue
            sources[page.theme.id] = SourceLayer.from_layer(layer)
            mapping[page.theme.id] = page.mapping()
        if not sources:
            raise RemixError(tr("Scegliere lo strato di almeno un tema."))
        settings = Settings.load()  # now: other parts of the plugin may have changed other settings
        remember_mapping(settings, code, {**remembered_mapping(settings, code), **mapping})
        return code, sources, mapping

    # --- actions ----------------------------------------------------------------------------
    def verify(self):
        """Run the check and the coherence reading in a task; show them when done."""
        return self._start(tr("Verifica PGT"), package=False)

    def create_package(self):
        """Check again (the layers may have changed), stage the package in a task, finish it here."""
        return self._start(tr("Pacchetto PGT"), package=True)

    def _start(self, description, package: bool):
        try:
            code, sources, mapping = self.inputs()
            out = self.outputWidget.filePath().strip()
            if package and not out:
                raise RemixError(tr("Scegliere la cartella in cui creare il pacchetto."))
        except RemixError as exc:
            self.say(exc.message, error=True)
            return None
        if package:
            settings = Settings.load()
            settings.pgt_output_dir = out
            settings.save()
        pack, themes, catalogue = self.pack, self.themes, self.session.catalogue

        def work(task):
            comune = comune_from_pack(pack, code)
            check, reading = verify(pack, comune, sources, mapping, themes, catalogue, feedback=task)
            staging = stage_package(check, reading, Path(out)) if package else None
            main = QCoreApplication.instance().thread()
            for result in check.results.values():
                result.layer.moveToThread(main)
            return check, reading, staging

        self.busy(True)
        self.say(tr("Verifica in corso…"))
        self.task = self.session.run(description, work, self.verified)
        self.task.taskTerminated.connect(self.failed)
        return self.task

    def verified(self, result):  # not `done`: QDialog.done(int) is what close() and Esc call
        check, reading, staging = result
        self.busy(False)
        self.show_results(check, reading)
        self.add_to_map(check, reading)
        outcome = tr("Esito della verifica: ") + check.outcome() + "."
        if staging is not None:
            try:
                add_report_pdf(staging)
                folder = finalise(staging)
            except RemixError as exc:
                discard(staging)
                self.say(exc.message, error=True)
                return
            link = f'<a href="{QUrl.fromLocalFile(str(folder)).toString()}">{html.escape(str(folder))}</a>'
            outcome = html.escape(outcome) + " " + tr("Pacchetto creato: ") + link
            log.log(tr("Pacchetto PGT creato: ") + str(folder), Qgis.Success, push=True)
        self.say(outcome, error=not check.compliant)

    def failed(self):
        self.busy(False)
        exception = self.task.exception if self.task is not None else None
        self.say(
            exception.message
            if isinstance(exception, RemixError)
            else tr("Verifica non riuscita: vedere il " "registro dei messaggi (RE.MIX)."),
            error=True,
        )

    def busy(self, busy: bool) -> None:
        self.verifyButton.setEnabled(not busy)
        self.packageButton.setEnabled(not busy)

    def say(self, text: str, error: bool = False) -> None:
        self.outcomeLabel.setText(text)
        self.outcomeLabel.setStyleSheet(f"color: {SEVERITY_COLOURS[ERROR]};" if error else "")

    # --- results ----------------------------------------------------------------------------
    def show_results(self, check, reading) -> None:
        self.problemsTable.setRowCount(len(check.problems))
        self.locations = []
        for row, problem in enumerate(check.problems):
            values = [check.theme_title(problem.theme), problem.code, problem.severity, problem.message]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if problem.severity in SEVERITY_COLOURS:
                    item.setForeground(QBrush(QColor(SEVERITY_COLOURS[problem.severity])))
                item.setToolTip(problem.message)
                self.problemsTable.setItem(row, column, item)
            self.locations.append(problem.location)
        self.problemsTable.resizeRowsToContents()
        self.coherenceTable.setRowCount(len(reading.rows))
        for row, area in enumerate(reading.rows):
            for column, value in enumerate(area.values()):
                text = (
                    "" if value is None else (formatting.decimal(value, 1) if isinstance(value, float) else str(value))
                )
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.coherenceTable.setItem(row, column, item)
        self.coherenceTable.resizeColumnsToContents()

    def add_to_map(self, check, reading) -> None:
        self.zoom(add_results_to_project(QgsProject.instance(), check, reading))

    def zoom_to_problem(self, row: int, _column: int) -> None:
        location = self.locations[row] if row < len(self.locations) else None
        if location is not None:
            point = location.asPoint()
            self.zoom(QgsRectangle(point.x() - 250, point.y() - 250, point.x() + 250, point.y() + 250))

    def zoom(self, extent: QgsRectangle) -> None:
        canvas = self.iface.mapCanvas()
        if canvas is not None:
            zoom_canvas(canvas, extent, margin=0.0)
