"""The catalogue dock: the catalogue as a tree of groups, each entry with date, source and link."""

import html
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFontMetrics
from qgis.PyQt.QtWidgets import QDockWidget, QHeaderView, QStyle, QTreeWidgetItem

from remix_plugin.core.base.i18n import tr

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class CatalogueDock(QDockWidget, FORM):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("RemixCatalogueDock")
        self.session = session
        self.opportunitaButton.clicked.connect(lambda: session.load_map("opportunita"))
        self.realizzazioniButton.clicked.connect(lambda: session.load_map("realizzazioni"))
        self.loadButton.clicked.connect(self.load_selected)
        self.refreshButton.clicked.connect(session.refresh_catalogue)
        self.tree.itemSelectionChanged.connect(self.show_details)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.load_selected())
        self.searchEdit.textChanged.connect(self.filter_tree)
        session.catalogue_changed.connect(self.populate)
        self.populate()

    def populate(self):
        catalogue = self.session.catalogue
        self.tree.clear()
        for group_id, group_title in catalogue.groups.items():
            group_item = QTreeWidgetItem([group_title])
            font = group_item.font(0)
            font.setBold(True)
            group_item.setFont(0, font)
            for entry in (e for e in catalogue.entries if e.group == group_id):
                item = QTreeWidgetItem([entry.title, entry.updated, entry.provider])
                item.setData(0, ENTRY_ROLE, entry.id)
                tip = entry.title + "\n" + tr("Pagina di riferimento: ") + entry.reference
                if not entry.valid:
                    item.setForeground(0, QBrush(QColor("#9a9a9a")))
                    tip += "\n" + "\n".join(entry.problems)
                item.setToolTip(0, tip)
                item.setToolTip(1, tr("Aggiornamento dei dati: ") + entry.updated)
                item.setToolTip(2, tr("Fonte: ") + entry.provider)
                group_item.addChild(item)
            group_item.setToolTip(0, group_title)
            self.tree.addTopLevelItem(group_item)
        self.tree.expandAll()
        self.fit_columns()
        self.setWindowTitle(tr("Catalogo RE.MIX") + f" ({catalogue.version})")

    def fit_columns(self):
        """Every column as wide as its longest text (names are never cut; the dock scrolls sideways)."""
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)  # Qt measures the rows in view only: all rows here
            self.tree.setColumnWidth(column, max(self.tree.columnWidth(column), self.text_width(column)))
        for column, tip in enumerate(
            (
                tr("Titolo dello strato nel catalogo"),
                tr("Anno dell'ultimo aggiornamento dei dati"),
                tr("Ente fonte dei dati"),
            )
        ):
            self.tree.headerItem().setToolTip(column, tip)

    def text_width(self, column: int) -> int:
        """The width the longest text of a column needs, with the tree's indentation and the cell margins."""
        widest = 0
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            items = [(group, 0)] + [(group.child(i), 1) for i in range(group.childCount())]
            for item, depth in items:
                metrics = QFontMetrics(item.font(column))
                indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
                widest = max(widest, metrics.horizontalAdvance(item.text(column)) + (indent if column == 0 else 0))
        return widest + 2 * self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12

    def selected_entry(self):
        items = self.tree.selectedItems()
        entry_id = items[0].data(0, ENTRY_ROLE) if items else None
        return self.session.catalogue.entry(entry_id) if entry_id else None

    def show_details(self):
        entry = self.selected_entry()
        self.loadButton.setEnabled(bool(entry and entry.valid))
        if entry is None:
            self.detailsLabel.clear()
            return
        maps = ", ".join(m.title for m in self.session.catalogue.maps if m.id in entry.maps)
        text = (
            f"<b>{html.escape(entry.title)}</b><br>{tr('Mappe')}: {html.escape(maps)}<br>"
            f"{tr('Fonte')}: {html.escape(entry.provider)} — {tr('aggiornamento')} {html.escape(entry.updated)}<br>"
            f"<a href=\"{html.escape(entry.reference, quote=True)}\">{tr('Pagina di riferimento')}</a>"
        )
        for problem in entry.problems + entry.warnings:
            text += f"<br><span style='color:#b00'>{html.escape(problem)}</span>"
        self.detailsLabel.setText(text)

    def load_selected(self):
        entry = self.selected_entry()
        if entry is not None and entry.valid:
            self.session.load_map(next(iter(entry.maps)), [entry.id])

    def filter_tree(self, text):
        needle = text.strip().lower()
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            visible = 0
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                hidden = bool(needle) and needle not in child.text(0).lower() and needle not in child.text(2).lower()
                child.setHidden(hidden)
                visible += not hidden
            group.setHidden(visible == 0)
