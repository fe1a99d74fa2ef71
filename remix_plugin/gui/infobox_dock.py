"""The «Infobox RE.MIX» dock: the features a click (or a selection, or a search) found, one infobox at a
time in a QTextBrowser; above it, the features under the title of their layer, and arrows to step.

It only shows: what was hit, the highlight and the zoom are the component's (`infobox_component`).
Links never navigate the browser: a click on one opens it in the system browser, and only when it
is an http, https or mailto address.
"""

import html
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices, QTextOption
from qgis.PyQt.QtWidgets import QDockWidget, QTreeWidgetItem

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.values import safe_url
from remix_plugin.core.infobox.content import feature_title

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class InfoboxDock(QDockWidget, FORM):
    current_changed = pyqtSignal(object)  # the Hit shown, or None
    zoom_requested = pyqtSignal(object)  # the Hit shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("RemixInfoboxDock")
        self.hits = []
        self.items = []  # the tree item of each hit
        self.number = -1  # the hit shown
        self.renderer = None  # Hit -> HTML
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([140, 460])
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.browser.anchorClicked.connect(self.open_link)
        self.hitTree.currentItemChanged.connect(self.item_chosen)
        self.previousButton.clicked.connect(lambda: self.step(-1))
        self.nextButton.clicked.connect(lambda: self.step(1))
        self.zoomButton.clicked.connect(self.request_zoom)
        self.set_hits(
            [],
            None,
            tr("Attivare lo strumento «Informazioni RE.MIX» e fare clic sulla mappa su un'area o " "un intervento."),
        )

    def set_hits(self, hits, renderer, empty_message: str = ""):
        """Show these hits, under the title of their layer (the first one open); with none, the message."""
        self.hits, self.renderer, self.number = list(hits), renderer, -1
        self.hitTree.blockSignals(True)
        self.hitTree.clear()
        self.items, heading = [], None
        for number, hit in enumerate(self.hits):
            if heading is None or heading.text(0) != hit.entry.title:
                heading = QTreeWidgetItem([hit.entry.title])
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                heading.setToolTip(0, hit.entry.title)
                font = heading.font(0)
                font.setBold(True)
                heading.setFont(0, font)
                self.hitTree.addTopLevelItem(heading)
            title = feature_title(hit.feature, hit.entry)
            item = QTreeWidgetItem(heading, [title])
            item.setToolTip(0, title)
            item.setData(0, HIT_ROLE, number)
            self.items.append(item)
        self.hitTree.expandAll()
        self.hitTree.blockSignals(False)
        several = len(self.hits) > 1
        for widget in (self.hitTree, self.previousButton, self.nextButton, self.positionLabel):
            widget.setVisible(several)
        self.zoomButton.setEnabled(bool(self.hits))
        if self.hits:
            self.select(0)
            self.hitTree.scrollToTop()  # the first layer's title too
        else:
            self.browser.setHtml(f"<p style='color:#6b6b6b'>{html.escape(empty_message)}</p>")
            self.current_changed.emit(None)

    def current(self):
        return self.hits[self.number] if 0 <= self.number < len(self.hits) else None

    def select(self, number: int):
        """Show hit `number` (its item in the tree becomes current)."""
        if 0 <= number < len(self.hits):
            self.hitTree.setCurrentItem(self.items[number])
            if self.number != number:  # the item was current already
                self.show_hit(number)

    def item_chosen(self, item, _previous=None):
        number = item.data(0, HIT_ROLE) if item is not None else None
        if number is not None:
            self.show_hit(number)

    def request_zoom(self):
        if self.current() is not None:
            self.zoom_requested.emit(self.current())

    def step(self, delta: int):
        self.select(self.number + delta)

    def show_hit(self, number: int):
        self.number = number
        hit = self.hits[number]
        try:
            page = self.renderer(hit)
        except RemixError as exc:
            page = f"<p style='color:#b00'>{html.escape(exc.message)}</p>"
        self.browser.setHtml(page)
        self.positionLabel.setText(tr("{n} di {total}").format(n=number + 1, total=len(self.hits)))
        self.previousButton.setEnabled(number > 0)
        self.nextButton.setEnabled(number < len(self.hits) - 1)
        self.current_changed.emit(hit)

    def drop(self, keep):
        """Keep only the hits for which keep(hit) is true (a filter changed, layers went away)."""
        current = self.current()
        kept = [hit for hit in self.hits if keep(hit)]
        if len(kept) == len(self.hits):
            return
        self.set_hits(kept, self.renderer, tr("Gli elementi mostrati non sono più sulla mappa."))
        if current in kept:
            self.select(kept.index(current))

    @staticmethod
    def open_link(url: QUrl):
        address = url.toString()
        if safe_url(address):
            QDesktopServices.openUrl(url)
        else:
            refused = tr("Collegamento non aperto: sono ammessi solo indirizzi http, https e mailto.")
            log.warning(f"{refused} ({address[:200]})", push=True)
