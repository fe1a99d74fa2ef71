"""The "Zone omogenee" dock: the zones and their Comuni as a checkable tree, with a search box.

It only shows and asks: applying, clearing and zooming are the component's (`zone_component`).
"""

import html
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget, QTreeWidgetItem

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.scope.model import normalise, zones

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class ZoneDock(QDockWidget, FORM):
    apply_requested = pyqtSignal(object)  # frozenset of ISTAT codes, or None for all CMM
    zoom_requested = pyqtSignal()

    def __init__(self, table, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("RemixZoneDock")
        self.populate(table)
        self.searchEdit.textChanged.connect(self.filter_tree)
        self.applyButton.clicked.connect(lambda: self.apply_requested.emit(self.checked_codes()))
        self.allButton.clicked.connect(self.clear_selection)
        self.zoomButton.clicked.connect(self.zoom_requested.emit)

    def populate(self, table):
        """One item per Zona omogenea (alphabetical), its Comuni beneath; all unchecked."""
        names = {code: name for code, name, _ in table}
        self.tree.clear()
        for zona, codes in zones(table).items():
            zone_item = QTreeWidgetItem([zona])
            zone_item.setFlags(zone_item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            zone_item.setCheckState(0, Qt.CheckState.Unchecked)
            font = zone_item.font(0)
            font.setBold(True)
            zone_item.setFont(0, font)
            zone_item.setToolTip(0, tr("Zona omogenea") + f" {zona}: {len(codes)} " + tr("Comuni"))
            for code in codes:
                item = QTreeWidgetItem([names[code]])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setData(0, CODE_ROLE, code)
                item.setToolTip(0, f"{names[code]} ({tr('codice ISTAT')} {code})")
                zone_item.addChild(item)
            self.tree.addTopLevelItem(zone_item)

    def comune_items(self):
        for z in range(self.tree.topLevelItemCount()):
            zone_item = self.tree.topLevelItem(z)
            for c in range(zone_item.childCount()):
                yield zone_item.child(c)

    def checked_codes(self):
        codes = frozenset(
            item.data(0, CODE_ROLE) for item in self.comune_items() if item.checkState(0) == Qt.CheckState.Checked
        )
        return codes or None

    def set_checked(self, codes):
        codes = codes or frozenset()
        for item in self.comune_items():
            item.setCheckState(
                0, Qt.CheckState.Checked if item.data(0, CODE_ROLE) in codes else Qt.CheckState.Unchecked
            )

    def clear_selection(self):
        self.set_checked(None)
        self.apply_requested.emit(None)

    def filter_tree(self, text):
        """Show the zones whose name matches with all their Comuni, and the Comuni that match."""
        needle = normalise(text)
        for z in range(self.tree.topLevelItemCount()):
            zone_item = self.tree.topLevelItem(z)
            zone_matches = needle in normalise(zone_item.text(0))
            shown = 0
            for c in range(zone_item.childCount()):
                child = zone_item.child(c)
                visible = zone_matches or needle in normalise(child.text(0))
                child.setHidden(not visible)
                shown += visible
            zone_item.setHidden(shown == 0)
            zone_item.setExpanded(bool(needle) and shown > 0)

    def show_report(self, report):
        """What is filtered now, and what cannot be (raster overlays, layers with problems)."""
        if report is None or report.scope is None:
            self.statusLabel.setText(tr("Nessun filtro: tutta la Città metropolitana."))
            return
        lines = [
            f"<b>{tr('Filtro attivo')}:</b> {html.escape(report.label)} — "
            f"{sum(report.kept.values())} {tr('elementi in')} {len(report.kept)} {tr('strati')}.",
            tr("I confini dei Comuni e delle Zone omogenee restano interi, velati fuori dalla selezione."),
        ]
        if report.unfiltered:
            lines.append(
                tr("Strati raster non filtrabili (WMS, ArcGIS MapServer), solo velati fuori dalla selezione:")
                + " "
                + html.escape(", ".join(report.unfiltered))
            )
        lines += [f"<span style='color:#b00'>{html.escape(p)}</span>" for p in report.problems]
        self.statusLabel.setText("<br>".join(lines))
