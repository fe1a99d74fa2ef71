"""A component that is one menu entry opening one dialog: built on first use, closed with the plugin."""

from qgis.PyQt.QtGui import QIcon

from remix_plugin.core.base.paths import icon


class DialogComponent:
    ICON = ""  # the action's and the dialog's icon, in resources/icons

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.dialog = None

    def make_dialog(self):
        """The dialog (None when it cannot be built: the reason is already told)."""
        raise NotImplementedError

    def open_dialog(self):
        if self.dialog is None:
            self.dialog = self.make_dialog()
            if self.dialog is None:
                return None
            self.dialog.setWindowIcon(QIcon(icon(self.ICON)))
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def unload(self):
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
