"""Catalogue, the two maps, basemap modes and settings: menu entries, toolbar buttons, the dock."""

try:  # Qt6 (QGIS 4): QActionGroup is in QtGui
    from qgis.PyQt.QtGui import QActionGroup
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QActionGroup

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings
from remix_plugin.gui.dock_component import DockComponent


class CatalogueComponent(DockComponent):
    DOCK_ICON = "catalogue.svg"

    def __init__(self, plugin):
        super().__init__(plugin)
        self.basemap_group = None

    def init_gui(self):
        p = self.plugin
        self.dock_action = p.add_action("catalogue.svg", tr("Catalogo RE.MIX"), self.toggle_dock, checkable=True)
        p.add_action(
            "map_opportunita.svg",
            tr("Mappa delle Opportunità"),
            lambda: self.session.load_map("opportunita"),
            tr("Carica la Mappa delle Opportunità: dove la rigenerazione potrebbe avvenire"),
        )
        p.add_action(
            "map_realizzazioni.svg",
            tr("Mappa delle Realizzazioni"),
            lambda: self.session.load_map("realizzazioni"),
            tr("Carica la Mappa delle Realizzazioni: interventi finanziati, in corso o realizzati"),
        )
        basemaps = p.add_submenu(tr("Mappe di base"), "basemap.svg")
        self.basemap_group = QActionGroup(basemaps)
        current = Settings.load().basemap_mode
        for mode, label in (
            ("light", tr("Light: satellite, topografia, OpenStreetMap")),
            ("pro", tr("Pro: ortofoto regionale, DBTR, CTR")),
            ("none", tr("Nessuna")),
        ):
            action = p.add_action(
                "basemap.svg",
                label,
                lambda _checked=False, m=mode: self.session.set_basemap(m),
                checkable=True,
                toolbar=False,
                menu=basemaps,
            )
            action.setChecked(mode == current)
            action.setData(mode)
            self.basemap_group.addAction(action)
        self.session.basemap_changed.connect(self.show_basemap)
        p.add_action("settings.svg", tr("Impostazioni…"), self.open_settings, toolbar=False)

    def make_dock(self):
        from remix_plugin.gui.catalogue_dock import CatalogueDock

        return CatalogueDock(self.session, self.iface.mainWindow())

    def open_settings(self):
        from remix_plugin.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.iface.mainWindow())
        if dialog.exec() and dialog.catalogue_changed:
            self.session.refresh_catalogue()

    def show_basemap(self, mode):
        """The menu ticks the mode in effect (after a failed switch: the one still in use)."""
        for action in self.basemap_group.actions():
            action.setChecked(action.data() == mode)

    def unload(self):
        self.session.basemap_changed.disconnect(self.show_basemap)
        self.remove_dock()
