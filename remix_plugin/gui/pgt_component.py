"""«Pacchetto PGT»: the menu entry and toolbar button; the dialog is built on first use."""

from remix_plugin.core.base.i18n import tr
from remix_plugin.gui.dialog_component import DialogComponent


class PgtComponent(DialogComponent):
    ICON = "pgt.svg"

    def init_gui(self):
        self.plugin.add_action(
            self.ICON,
            tr("Pacchetto PGT…"),
            self.open_dialog,
            tr(
                "Verifica i file del PGT di un Comune e crea il pacchetto per la valutazione di "
                "compatibilità con il PTM"
            ),
        )

    def make_dialog(self):
        from remix_plugin.gui.pgt_dialog import PgtDialog

        return PgtDialog(self.plugin.session, self.iface, self.iface.mainWindow())
