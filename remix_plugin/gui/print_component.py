"""«Stampa»: the toolbar button and menu entry of the CMM print layouts; the dialog is built on first use.

It also lists the CMM map sheets in QGIS's own «Nuovo layout da modello» while the plugin is loaded
(core.layout_install: copied into the profile a moment after start, removed on unload).
"""

from qgis.PyQt.QtCore import QTimer

from remix_plugin.core.base.i18n import tr
from remix_plugin.gui.dialog_component import DialogComponent

INSTALL_DELAY_MS = 1500  # after QGIS has started: initGui stays light


class PrintComponent(DialogComponent):
    ICON = "print.svg"

    def __init__(self, plugin):
        super().__init__(plugin)
        self.installed = {}
        self.timer = None

    def init_gui(self):
        self.plugin.add_action(
            self.ICON,
            tr("Stampa…"),
            self.open_dialog,
            tr("Stampa la mappa con un layout CMM in PDF, in PNG o nel compositore di stampe; le schede comunali"),
        )
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.install_templates)
        self.timer.start(INSTALL_DELAY_MS)

    def install_templates(self):
        from remix_plugin.core.printing import layout_install

        self.installed = layout_install.install()

    def make_dialog(self):
        from remix_plugin.gui.print_dialog import PrintDialog

        return PrintDialog(self.plugin.session, self.iface, self.iface.mainWindow())

    def unload(self):
        self.timer.stop()
        self.timer.timeout.disconnect(self.install_templates)
        if self.installed:
            from remix_plugin.core.printing import layout_install

            layout_install.remove(self.installed)
            self.installed = {}
        super().unload()
