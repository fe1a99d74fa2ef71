"""QGIS's own feature form on a store layer, for a new or an existing segnalazione.

The form is the layer's (configured by core.segnalazioni_layers from the taxonomy). What this adds:
the layer is put in editing only for the form, and the save is committed to the GeoPackage at
once — nothing waits in an edit buffer that a crash would lose. A failed commit keeps the edits
in the layer and says why. The autore is read-only (set from the profile): its tooltip says where to change it.

On any screen, 1280×800 tablets included, the form fits: its page scrolls (the layer's form is one tab, shown
without a tab bar) and the dialog is sized to its content, no taller than the screen, its buttons on it. The
technical group opens collapsed (QGIS 3.22-3.24 cannot say so in the layer), and so does CMM's istruttoria
while it has no notes; an empty read-only field is shown empty, not as the word «NULL».
"""

from typing import List, Optional

from qgis.core import QgsApplication, QgsFeature, QgsVectorLayer
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsCollapsibleGroupBoxBasic
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QRect, QSize
from qgis.PyQt.QtWidgets import QGroupBox, QLineEdit, QPlainTextEdit, QScrollArea, QTabWidget, QWidget

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.segnalazioni.layers import AUTHOR_FIELD, TECHNICAL_GROUP, commit
from remix_plugin.core.segnalazioni.schema import load_taxonomy

QWIDGETSIZE_MAX = 16777215  # Qt's «no maximum size»
REVIEW_GROUP = "istruttoria"  # CMM's notes: collapsed while there are none
WINDOW_FRAME = 48  # what a window manager adds around the dialog (title bar, borders), at most


def open_form(
    layer: QgsVectorLayer, feature: QgsFeature, parent=None, new: bool = True, on_saved=None
) -> QgsAttributeDialog:
    """Show the form (not modal) for a new feature or an existing one; `on_saved(uuid)` after the commit."""
    if not layer.isEditable():
        layer.startEditing()
    dialog = SegnalazioneDialog(layer, feature, False, parent, True)
    dialog.setMode(QgsAttributeEditorContext.AddFeatureMode if new else QgsAttributeEditorContext.SingleEditMode)
    dialog.setWindowTitle(tr("Nuova segnalazione") if new else tr("Segnalazione: ") + str(feature["titolo"] or ""))
    dialog.findChild(QWidget, AUTHOR_FIELD).setToolTip(
        tr("Chi ha registrato la segnalazione. Per le nuove è l'«Autore delle segnalazioni» delle Impostazioni RE.MIX.")
    )
    _lay_out(dialog, feature)
    dialog.accepted.connect(lambda: _save(layer, str(feature["uuid"]), on_saved))
    dialog.rejected.connect(lambda: _close(layer))
    dialog.resize(_fitting_size(dialog))
    dialog.show()  # QGIS restores the size the dialog had last time: kept, unless it is off the screen
    _keep_on_screen(dialog)
    return dialog


def group_box(dialog: QWidget, title: str) -> Optional[QGroupBox]:
    """The form's group box of that title; from QGIS 3.26 the collapsible group box it is (handed over as a
    QGroupBox)."""
    for box in dialog.findChildren(QGroupBox):
        if box.title() == title:
            return sip.cast(box, QgsCollapsibleGroupBoxBasic) if _collapsible(box) else box
    return None


def is_collapsed(box: QGroupBox) -> bool:
    if _collapsible(box):
        return sip.cast(box, QgsCollapsibleGroupBoxBasic).isCollapsed()
    return box.isCheckable() and not box.isChecked()


def _collapsible(box: QGroupBox) -> bool:
    return box.metaObject().className() in ("QgsCollapsibleGroupBoxBasic", "QgsCollapsibleGroupBox")


def _collapse(box: Optional[QGroupBox]) -> None:
    """Close a group box. QGIS 3.22-3.24 make plain group boxes: there its title becomes a box to tick to open it."""
    if box is None:
        return
    if _collapsible(box):
        sip.cast(box, QgsCollapsibleGroupBoxBasic).setCollapsed(True)
        return
    content = [child for child in box.children() if isinstance(child, QWidget)]

    def show(shown: bool) -> None:
        for child in content:
            child.setVisible(shown)
        box.setMaximumHeight(QWIDGETSIZE_MAX if shown else box.fontMetrics().height() + 6)  # closed: its title only

    box.setCheckable(True)
    box.setChecked(False)  # its read-only fields stay read-only: QGroupBox only re-enables what it disabled
    box.setToolTip(tr("Spuntare per mostrare i campi del gruppo."))
    box.toggled.connect(show)
    show(False)


def _lay_out(dialog: "SegnalazioneDialog", feature: QgsFeature) -> None:
    for tabs in dialog.findChildren(QTabWidget):  # the form's one page: no tab bar for a single tab
        if tabs.count() == 1:
            tabs.tabBar().hide()
            tabs.setDocumentMode(True)
    titles = {group.id: group.title for group in load_taxonomy().groups}
    _collapse(group_box(dialog, titles[TECHNICAL_GROUP]))
    if not str(feature["note_istruttoria"] or "").strip():
        _collapse(group_box(dialog, titles[REVIEW_GROUP]))
    dialog.blank_nulls()


class SegnalazioneDialog(QgsAttributeDialog):
    """QGIS's feature dialog whose empty fields show nothing, not «NULL» (a new segnalazione's timestamps, a text
    left empty in a segnalazione filed before). QGIS saves what each field shows, and a field showing the word
    «NULL» is saved as NULL: the word is put back, in the fields still empty, while the form saves — the file's
    own timestamps are not replaced by '', an untouched field stays NULL."""

    def __init__(self, *args):
        super().__init__(*args)
        self._blanked: List[QWidget] = []

    def blank_nulls(self) -> None:
        null = QgsApplication.nullRepresentation()
        for line in self.findChildren(QLineEdit):  # an empty number shows the word greyed, as a placeholder
            if line.placeholderText() == null:
                line.setPlaceholderText("")
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            if _text(edit) == null:
                _set_text(edit, "")
                self._blanked.append(edit)

    def accept(self) -> None:
        blanked, self._blanked = self._blanked, []
        for edit in blanked:
            if _text(edit) == "":  # not typed into meanwhile
                _set_text(edit, QgsApplication.nullRepresentation())
        super().accept()
        if self.isVisible():  # not saved (a rule broken): shown again as it was
            self.blank_nulls()


def _text(edit: QWidget) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _set_text(edit: QWidget, text: str) -> None:
    blocked = edit.blockSignals(True)  # nothing changed for the form: only what is shown
    if isinstance(edit, QLineEdit):
        edit.setText(text)
    else:
        edit.setPlainText(text)
    edit.blockSignals(blocked)


def _available(dialog: QWidget) -> QRect:
    screen = dialog.screen() if hasattr(dialog, "screen") else None
    return (screen or QgsApplication.primaryScreen()).availableGeometry()


def _fitting_size(dialog: QgsAttributeDialog) -> QSize:
    """Wide and tall enough for the whole page when the screen allows it; otherwise the screen, and the page scrolls."""
    size = dialog.sizeHint()
    for scroll in dialog.findChildren(QScrollArea):
        if scroll.widget() is not None and scroll.isVisibleTo(dialog):
            page = scroll.widget().sizeHint()
            size = size.expandedTo(
                QSize(
                    size.width() + max(0, page.width() - scroll.sizeHint().width()) + 24,
                    size.height() + max(0, page.height() - scroll.sizeHint().height()),
                )
            )
            break
    screen = _available(dialog)
    return size.boundedTo(QSize(screen.width(), screen.height() - WINDOW_FRAME)).expandedTo(dialog.minimumSizeHint())


def _keep_on_screen(dialog: QgsAttributeDialog) -> None:
    screen = _available(dialog)
    size = dialog.size().boundedTo(QSize(screen.width(), screen.height() - WINDOW_FRAME))
    if size != dialog.size():
        dialog.resize(size)
    where = dialog.geometry()
    x = min(max(where.x(), screen.left()), screen.right() + 1 - where.width())
    y = min(max(where.y(), screen.top()), screen.bottom() + 1 - where.height() - WINDOW_FRAME // 2)
    if (x, y) != (where.x(), where.y()):
        dialog.move(x, y)


def _close(layer: QgsVectorLayer) -> None:
    """Cancelled: end the editing session unless it holds other edits of the user's (never dropped)."""
    if layer.isEditable() and not layer.isModified():
        layer.rollBack()


def _save(layer: QgsVectorLayer, uuid: str, on_saved) -> None:
    try:
        commit(layer)
    except RemixError as exc:
        log.error(exc.message)
        return
    log.log(tr("Segnalazione salvata nell'archivio locale."), push=True)
    if on_saved is not None:
        on_saved(uuid)
