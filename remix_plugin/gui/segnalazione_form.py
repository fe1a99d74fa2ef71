"""QGIS's own feature form on a store layer, for a new or an existing segnalazione.

The form is the layer's (configured by core.segnalazioni_layers from the taxonomy). What this adds:
the layer is put in editing only for the form, and the save is committed to the GeoPackage at
once — nothing waits in an edit buffer that a crash would lose. A failed commit keeps the edits
in the layer and says why. The autore is read-only (set from the profile): its tooltip says where to change it.
"""

from qgis.core import QgsFeature, QgsVectorLayer
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext
from qgis.PyQt.QtWidgets import QWidget

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.segnalazioni.layers import AUTHOR_FIELD, commit


def open_form(
    layer: QgsVectorLayer, feature: QgsFeature, parent=None, new: bool = True, on_saved=None
) -> QgsAttributeDialog:
    """Show the form (not modal) for a new feature or an existing one; `on_saved(uuid)` after the commit."""
    if not layer.isEditable():
        layer.startEditing()
    dialog = QgsAttributeDialog(layer, feature, False, parent, True)
    dialog.setMode(QgsAttributeEditorContext.AddFeatureMode if new else QgsAttributeEditorContext.SingleEditMode)
    dialog.setWindowTitle(tr("Nuova segnalazione") if new else tr("Segnalazione: ") + str(feature["titolo"] or ""))
    dialog.findChild(QWidget, AUTHOR_FIELD).setToolTip(
        tr("Chi ha registrato la segnalazione. Per le nuove è l'«Autore delle segnalazioni» delle Impostazioni RE.MIX.")
    )
    dialog.accepted.connect(lambda: _save(layer, str(feature["uuid"]), on_saved))
    dialog.rejected.connect(lambda: _close(layer))
    dialog.show()
    return dialog


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
