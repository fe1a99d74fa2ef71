"""A component with one dock: made on first use, shown and hidden by its checkable action (which follows
the dock's visibility), tabbed with the plugin's other docks, and removed with the plugin."""

from qgis.PyQt.QtGui import QIcon

from remix_plugin.core.base.paths import icon


class DockComponent:
    DOCK_ICON = ""  # the dock's icon, in resources/icons

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.dock = None
        self.dock_action = None

    @property
    def session(self):
        return self.plugin.session

    def make_dock(self):
        """The dock widget, wired to the component (None when it cannot be made: the reason is already told)."""
        raise NotImplementedError

    def ensure_dock(self):
        """The dock, made now if it is not there yet (None when it cannot be made)."""
        if self.dock is None:
            dock = self.make_dock()
            if dock is None:
                if self.dock_action is not None:
                    self.dock_action.setChecked(False)
                return None
            dock.setWindowIcon(QIcon(icon(self.DOCK_ICON)))
            self.plugin.add_dock(dock)
            dock.visibilityChanged.connect(self.dock_visibility_changed)
            self.dock = dock
        return self.dock

    def toggle_dock(self, checked):
        dock = self.ensure_dock()
        if dock is not None:
            dock.setVisible(checked)

    def dock_visibility_changed(self, visible):
        if self.dock_action is not None:
            self.dock_action.setChecked(visible)

    def remove_dock(self):
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
