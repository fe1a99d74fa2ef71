"""The «Indicatori di sintesi» dock: choose indicator, method, classes and normalisation; read the
Comuni in a sortable table and a small chart; click a Comune to zoom to it and list the features
behind its figure; export the CSV or add the indicator to the map.

Measuring runs in a task (`synthesis.measure`); changing method, classes or normalisation only
reclassifies the last measurement, at once. A new scope or changed data measure again.

The classes compare each Comune with a reference set the user chooses, saved in the settings and used by
the Scheda comunale too: every Comune of the Città metropolitana (the Comuni of the filter are then
measured with all the others and shown alone), or only the Comuni of the Zona filter. The dock writes
which, and warns in one line when the classes rest on few values. A Comune clicked is outlined on the map.
"""

from dataclasses import replace
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsProject
from qgis.gui import QgsRubberBand
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDockWidget, QFileDialog, QTableWidgetItem, QTreeWidgetItem

from remix_plugin.core.base import formatting, log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.qgis_compat import GeometryType
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue import indicator_layers, maps
from remix_plugin.core.data import datapack
from remix_plugin.core.indicators import synthesis
from remix_plugin.core.indicators.classification import METHODS, reference_note
from remix_plugin.core.indicators.synthesis import EURO, INDICATORS, NORMALISATIONS
from remix_plugin.gui.canvas import zoom_canvas
from remix_plugin.gui.class_chart import ClassChart

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TRACE_ROWS = 2000  # features listed for a Comune; the CSV export has them all
NORMALISATION_LABELS = {"": "Nessuna", "area": "Per superficie del Comune", "popolazione": "Per abitante"}
OUTLINE = QColor("#e6007e")  # the Comune clicked in the table, outlined on the map


class SortItem(QTableWidgetItem):
    """A cell shown as formatted text but sorted by its number."""

    def __lt__(self, other):
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return mine < theirs


class TraceItem(QTreeWidgetItem):
    """A feature in the trace list, sorted by its amount in the «Quantità» column."""

    def __init__(self, texts, amount):
        super().__init__(texts)
        self.amount = amount

    def __lt__(self, other):
        if self.treeWidget() is not None and self.treeWidget().sortColumn() == 1:
            return self.amount < other.amount
        return super().__lt__(other)


class IndicatorsDock(QDockWidget, FORM):
    options_changed = pyqtSignal()  # method, classes or normalisation chosen: the map layers follow

    def __init__(self, session, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("RemixIndicatorsDock")
        self.session, self.iface = session, iface
        self.chart = ClassChart(self.chartFrame)
        self.chartLayout.addWidget(self.chart)
        self.measurements = {}  # indicator -> Measurement for the current scope and data
        self.result = None
        self.context = None  # the SourceContext of the last measurement (pack, derived store)
        self.task = None
        self.generation = 0
        self.task_generation = 0
        self.outline = None  # the QgsRubberBand around the Comune clicked
        outlines = self._outlines = []  # the same band, for removal when the dock is deleted (not a QObject)
        self.destroyed.connect(lambda *_: _remove_outlines(iface.mapCanvas(), outlines))
        self.sort = (1, Qt.SortOrder.DescendingOrder)  # by value, highest first, until the user sorts otherwise
        self._fill_choices()
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(300)
        self.retry.timeout.connect(self.measure)
        self.indicatorCombo.currentIndexChanged.connect(lambda _i: self.measure())
        for signal in (
            self.methodCombo.currentIndexChanged,
            self.classesSpin.valueChanged,
            self.normaliseCombo.currentIndexChanged,
        ):
            signal.connect(self.options_chosen)
        self.referenceCombo.currentIndexChanged.connect(lambda _i: self.reference_chosen())
        self.visibilityChanged.connect(lambda visible: visible or self.clear_outline())
        self.refreshButton.clicked.connect(self.data_changed)
        self.cancelButton.clicked.connect(self.cancel)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.table.horizontalHeader().sectionClicked.connect(self._sorted_by_user)
        self.exportButton.clicked.connect(lambda: self.export_csv())
        self.addButton.clicked.connect(lambda: self.add_to_map())
        self._busy(False)
        self.warningLabel.setVisible(False)
        self._show_scope()

    def _fill_choices(self):
        settings = Settings.load()
        for which, definition in INDICATORS.items():
            self.indicatorCombo.addItem(tr(definition.title), which)
        for method, (label, _) in METHODS.items():
            self.methodCombo.addItem(tr(label), method)
        for key in NORMALISATIONS:
            self.normaliseCombo.addItem(tr(NORMALISATION_LABELS[key]), key)
        self.methodCombo.setCurrentIndex(max(0, self.methodCombo.findData(settings.indicator_method)))
        self.classesSpin.setValue(min(7, max(3, settings.indicator_classes)))
        self.normaliseCombo.setCurrentIndex(max(0, self.normaliseCombo.findData(settings.indicator_normalise)))
        for key, label in (
            ("cmm", tr("Tutti i Comuni della Città metropolitana")),
            ("filtro", tr("Solo i Comuni del filtro")),
        ):
            self.referenceCombo.addItem(label, key)
        self.referenceCombo.setCurrentIndex(max(0, self.referenceCombo.findData(settings.indicator_reference)))

    @property
    def which(self) -> str:
        return self.indicatorCombo.currentData()

    @property
    def reference(self) -> str:
        return self.referenceCombo.currentData() or "cmm"

    def reference_chosen(self):
        """Another reference set: saved for the Scheda comunale too, and measured again."""
        settings = Settings.load()
        settings.indicator_reference = self.reference
        settings.save()
        self._show_scope()
        self.data_changed()

    # --- measuring (task) and classifying (at once) ------------------------------------------------
    def scope_changed(self, _scope):
        self._show_scope()
        self.data_changed()

    def data_changed(self):
        """The data or the scope changed: measure again (soon, once, however many changes arrive)."""
        self.measurements.clear()
        self.retry.start()

    def measure(self):
        which = self.which
        if which in self.measurements:
            self.reclassify()
            return
        self.generation += 1  # a measurement still running for an older scope is left to finish, unheard
        scope = self.session.scope if self.reference == "filtro" else None  # "cmm": all, the filter's shown
        generation = self.generation
        try:  # here, on the main thread: the pack is opened and checked once, not from the worker (an OGR
            # opening in a worker while the main thread opens the same file aborted QGIS 3.22 in CI)
            ctx = maps.make_context(self.session.catalogue)
        except RemixError as exc:
            log.error(exc.message)
            return

        def work(task):
            return ctx, synthesis.measure(which, ctx.pack, scope, task)

        def done(result):
            if generation != self.generation:
                return
            self.context, measurement = result
            self.measurements[which] = measurement
            self._busy(False)
            if which == self.which:
                self.reclassify()

        self._busy(True)
        self.task = self.session.run(tr("Calcolo dell'indicatore") + f" «{INDICATORS[which].short}»", work, done)
        self.task.progressChanged.connect(self._progress)
        self.task_generation = generation
        self.task.taskTerminated.connect(self._terminated)

    def _terminated(self):
        if self.task_generation == self.generation:
            self._busy(False)

    def _progress(self, value: float):
        self.progressBar.setValue(int(value))

    def cancel(self):
        if self.task is not None:
            try:
                self.task.cancel()
            except RuntimeError:  # the task already finished and was deleted
                pass
            self.task = None
        self._busy(False)

    def options_chosen(self):
        settings = Settings.load()
        settings.indicator_method = self.methodCombo.currentData()
        settings.indicator_classes = self.classesSpin.value()
        settings.indicator_normalise = self.normaliseCombo.currentData()
        settings.save()
        self.reclassify()
        self.options_changed.emit()

    def reclassify(self):
        measurement = self.measurements.get(self.which)
        if measurement is None:
            return
        per_person = self.normaliseCombo.model().item(self.normaliseCombo.findData("popolazione"))
        per_person.setEnabled(measurement.comuni.has_population)
        per_person.setToolTip(
            "" if measurement.comuni.has_population else tr("Il pacchetto dati non ha la popolazione dei Comuni")
        )
        try:
            self.result = synthesis.classify(
                measurement, self.methodCombo.currentData(), self.classesSpin.value(), self.normaliseCombo.currentData()
            )
        except RemixError as exc:
            self.result = None
            self.problemsLabel.setText(f"<span style='color:#b00'>{exc.message}</span>")
            self.table.setRowCount(0)
            self.chart.set_bars([])
            self.clear_outline()
            return
        self._fill_table()
        self._fill_chart()
        self._show_scope()
        warning = self.result.classes.warning
        self.warningLabel.setText(f"<span style='color:#b35900'>{warning}</span>" if warning else "")
        self.warningLabel.setVisible(bool(warning))
        problems = measurement.problems
        self.problemsLabel.setText(tr("Avvisi del calcolo") + f": {len(problems)}" if problems else "")
        self.problemsLabel.setToolTip("\n".join(problems))
        self.exportButton.setEnabled(True)
        self.addButton.setEnabled(True)

    # --- showing -----------------------------------------------------------------------------------
    def _fill_table(self):
        """Comune, its main figure (and the classed value when normalised), class, the other figures, zone."""
        result = self.result
        main, *others = result.definition.quantities
        normalised = bool(result.normalise)
        headers = [tr("Comune"), tr(main[2])]
        if normalised:
            headers.append(tr("Valore classificato") + f" ({result.unit})")
        headers += [tr("Classe")] + [tr(alias) for _, _, alias in others] + [tr("Zona omogenea")]
        self.table.setSortingEnabled(False)
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        figures = self.shown_figures()
        self.table.setRowCount(len(figures))
        for row, figure in enumerate(figures):
            cells = [(figure.name, figure.name.casefold()), self._quantity(figure, main)]
            if normalised:
                cells.append((formatting.measure(figure.value, result.unit), figure.value or 0.0))
            cells.append((tr(figure.classe), figure.classe_n))
            cells += [self._quantity(figure, quantity) for quantity in others]
            cells.append((figure.zona, figure.zona.casefold()))
            for column, (text, key) in enumerate(cells):
                item = SortItem(text)
                item.setData(SORT_ROLE, key)
                if column == 0:
                    item.setData(CODE_ROLE, figure.code)
                    item.setToolTip(f"{figure.name} ({tr('codice ISTAT')} {figure.code}, {figure.zona})")
                elif isinstance(key, (int, float)):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        column, order = self.sort
        self.table.sortByColumn(column if column < len(headers) else 1, order)
        self.table.resizeColumnsToContents()

    def shown_figures(self):
        """The figures of the Comuni in scope: all of the result, or the filter's when classed over all."""
        scope = self.session.scope
        if self.result is None:
            return []
        if scope is None or self.result.measurement.comuni.scoped:
            return list(self.result.figures)
        return [f for f in self.result.figures if f.code in scope]

    def shown_result(self):
        """The result with the figures of the table only (its classes still those of the reference set)."""
        return replace(self.result, figures=self.shown_figures())

    @staticmethod
    def _quantity(figure, quantity):
        """(text, sort key) of a figure's quantity: counts whole, euro in whole euros, shares in percent."""
        name, kind, _ = quantity
        return _quantity_text(name, kind, figure.quantities[name]), figure.quantities[name]

    def _sorted_by_user(self, _section):
        header = self.table.horizontalHeader()
        self.sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _fill_chart(self):
        layer = synthesis.styled_layer(self.result)
        counts = {}
        for figure in self.shown_figures():
            counts[figure.classe_n] = counts.get(figure.classe_n, 0) + 1
        bars = []
        renderer = layer.renderer()
        for item in reversed(renderer.ranges() if hasattr(renderer, "ranges") else []):
            number = int(round((item.lowerValue() + item.upperValue()) / 2))
            bars.append((item.label(), counts.get(number, 0), QColor(item.symbol().color())))
        self.chart.set_bars(bars)

    def _show_scope(self):
        """Which Comuni are listed, and which Comuni their classes compare them with."""
        scope = self.session.scope
        text = (
            tr("Ambito: tutta la Città metropolitana di Milano")
            if scope is None
            else tr("Ambito: filtro attivo") + f" ({len(scope)} " + tr("Comuni") + ")"
        )
        filtro = self.referenceCombo.model().item(self.referenceCombo.findData("filtro"))
        if filtro is not None:
            filtro.setEnabled(scope is not None)
            filtro.setToolTip("" if scope is not None else tr("Nessun filtro attivo: si confrontano tutti i Comuni"))
        if self.result is not None:
            comuni = self.result.measurement.comuni
            text += "; " + reference_note(self.reference, len(comuni), comuni.scoped)
        self.scopeLabel.setText(text)

    def _busy(self, busy: bool):
        self.progressBar.setVisible(busy)
        self.cancelButton.setVisible(busy)
        self.refreshButton.setEnabled(not busy)
        if busy:
            self.progressBar.setValue(0)
        has_result = self.result is not None and not busy
        self.exportButton.setEnabled(has_result)
        self.addButton.setEnabled(has_result)

    def selected_code(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table.item(rows[0].row(), 0).data(CODE_ROLE) if rows else None

    def select_comune(self, code: str) -> bool:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(CODE_ROLE) == code:
                self.table.selectRow(row)
                return True
        return False

    def show_selected(self):
        code = self.selected_code()
        self.traceTree.clear()
        if code is None or self.result is None:
            self.clear_outline()
            return
        figure = self.result.figure(code)
        self.zoom_to(figure)
        self.outline_comune(figure)
        try:
            rows = self.result.trace(code)
        except RemixError as exc:
            self.traceLabel.setText(exc.message)
            return
        titles = {e.id: e.title for e in self.session.catalogue.entries}
        shown = sorted(rows, key=lambda r: -r.amount)[:TRACE_ROWS]
        for row in shown:
            amount = formatting.square_metres(row.amount) if row.unit == "m²" else formatting.money(row.amount)
            item = TraceItem([row.key, amount, titles.get(row.table, row.table), row.description, row.note], row.amount)
            item.setToolTip(2, f"{row.table}, fid {row.fid}")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.traceTree.addTopLevelItem(item)
        self.traceTree.sortItems(1, Qt.SortOrder.DescendingOrder)
        for column in range(self.traceTree.columnCount()):
            self.traceTree.resizeColumnToContents(column)
        main = self.result.definition.quantities[0]
        count = f"{len(rows)} " + (tr("elemento") if len(rows) == 1 else tr("elementi"))
        if len(shown) < len(rows):
            count += " (" + tr("qui i") + f" {len(shown)} " + tr("più grandi; tutti con «Esporta CSV»") + ")"
        self.traceLabel.setText(
            f"<b>{figure.name}</b>: {count} — {tr(main[2])} "
            + _quantity_text(main[0], main[1], figure.quantities[main[0]])
            + (
                " " + tr("(unione delle aree: le sovrapposizioni contano una volta)")
                if self.result.definition.id == "superficie" and rows
                else ""
            )
        )

    def zoom_to(self, figure):
        box = self.result.measurement.comuni.geometries[figure.number].boundingBox()  # the pack's CRS
        zoom_canvas(self.iface.mapCanvas(), box, margin=0.1)

    def outline_comune(self, figure):
        """The Comune's boundary drawn over the map (the pack's CRS, reprojected to the canvas's)."""
        canvas = self.iface.mapCanvas()
        if self.outline is None:
            self.outline = QgsRubberBand(canvas, GeometryType.Polygon)
            self.outline.setStrokeColor(OUTLINE)
            fill = QColor(OUTLINE)
            fill.setAlpha(30)
            self.outline.setFillColor(fill)
            self.outline.setWidth(3)
            self._outlines.append(self.outline)
        geometry = self.result.measurement.comuni.geometries[figure.number]
        self.outline.setToGeometry(geometry, QgsCoordinateReferenceSystem(datapack.CRS))
        self.outline.show()

    def clear_outline(self):
        if self.outline is not None:
            self.outline.reset(GeometryType.Polygon)
            _remove_outlines(self.iface.mapCanvas(), self._outlines)
            self.outline = None

    # --- giving the result away ------------------------------------------------------------------
    def export_csv(self, path: str = None):
        """Write the table with its JSON and trace companions, in a task (the trace reads every source
        feature's code); asks where when no path is given. Returns the task."""
        if self.result is None:
            return None
        if path is None:
            suggested = str(Path.home() / f"{self.result.definition.entry_id}.csv")
            path, _ = QFileDialog.getSaveFileName(self, tr("Esporta CSV"), suggested, tr("Tabella CSV (*.csv)"))
            if not path:
                return None
        from remix_plugin.core.indicators.files import write_outputs

        result, out = self.shown_result(), Path(path).with_suffix(".csv")

        def done(written):
            log.log(tr("Indicatore esportato") + f": {', '.join(p.name for p in written)}", push=True)

        return self.session.run(tr("Esportazione dell'indicatore"), lambda task: write_outputs([result], out), done)

    def add_to_map(self):
        """The classified indicator as a point layer at the top of the project, kept in the derived store."""
        if self.result is None or self.context is None:
            return None
        entry = self.session.catalogue.entry(self.result.definition.entry_id)
        try:
            return indicator_layers.add_to_project(
                QgsProject.instance(), self.shown_result(), entry, self.context, self.layer_name()
            )
        except RemixError as exc:
            log.error(exc.message)
            return None

    def layer_name(self) -> str:
        result = self.result
        parts = [tr(METHODS[result.classes.method][0]), f"{result.classes.count} " + tr("classi")]
        if result.normalise:
            parts.append(tr(NORMALISATION_LABELS[result.normalise]).lower())
        shown = len(self.shown_figures())
        if shown < len(result.figures):  # the filter's Comuni, classed among all
            parts.append(f"{shown} " + tr("Comuni") + ", " + tr("classi su") + f" {len(result.figures)}")
        elif result.measurement.comuni.scoped:
            parts.append(f"{len(result.figures)} " + tr("Comuni") + ", " + tr("classi sul filtro"))
        return f"{tr(result.definition.short)} ({', '.join(parts)})"


def _remove_outlines(canvas, outlines: list) -> None:
    """Take the outlines off the canvas (a deleted canvas, at QGIS's exit, has nothing left to clear)."""
    while outlines:
        band = outlines.pop()
        try:
            canvas.scene().removeItem(band)
        except RuntimeError:
            return


def _quantity_text(name: str, kind: str, value: float) -> str:
    """Through the shared Italian formatter, as legends and charts show them: counts whole, euro in whole
    euros, other figures with two decimals under 1.000; nothing is «0» in every column."""
    if kind == "Int":
        return formatting.count(value)
    if name in EURO:
        return formatting.money_whole(value)
    if name.startswith("quota"):
        return formatting.percent(value)
    return formatting.measure(value, "")  # the unit is in the header; zero is «0», like € 0 and 0 %
