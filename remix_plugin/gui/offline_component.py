"""«Prepara pacchetto offline»: the menu entry and toolbar button; the dialog is built on first use."""

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.gui.dialog_component import DialogComponent


class OfflineComponent(DialogComponent):
    ICON = "offline.svg"

    def init_gui(self):
        self.plugin.add_action(
            self.ICON,
            tr("Prepara pacchetto offline…"),
            self.open_dialog,
            tr("Porta una parte del catalogo sui tablet di campo, senza rete; aggiorna un pacchetto " "già preparato"),
        )

    def open_dialog(self):
        """The dialog starts from the active Zona filter (and follows it when it has changed since)."""
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.follow_scope(self.plugin.session.scope)
        return super().open_dialog()

    def make_dialog(self):
        from remix_plugin.gui.offline_dialog import OfflineDialog

        try:
            return OfflineDialog(self.plugin.session, self.iface.mainWindow())
        except RemixError as exc:  # no usable data pack: nothing to choose the area from
            log.error(exc.message)
            return None
