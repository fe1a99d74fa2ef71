"""«Pacchetto PGT»: the menu entry and toolbar button; the dialog is built on first use."""
from qgis.PyQt.QtGui import QIcon

from remix_plugin.core.i18n import tr
from remix_plugin.core.paths import icon


class PgtComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.dialog = None

    def init_gui(self):
        self.plugin.add_action("pgt.svg", tr("Pacchetto PGT…"), self.open_dialog,
                               tr("Verifica i file del PGT di un Comune e crea il pacchetto per la valutazione di "
                                  "compatibilità con il PTM"))

    def open_dialog(self):
        if self.dialog is None:
            from remix_plugin.gui.pgt_dialog import PgtDialog

            self.dialog = PgtDialog(self.plugin.session, self.iface, self.iface.mainWindow())
            self.dialog.setWindowIcon(QIcon(icon("pgt.svg")))
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def unload(self):
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
