"""Catalogue, the two maps, basemap modes and settings: menu entries, toolbar buttons, the dock."""

from qgis.PyQt.QtGui import QIcon

try:  # Qt6 (QGIS 4): QActionGroup is in QtGui
    from qgis.PyQt.QtGui import QActionGroup
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QActionGroup

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.paths import icon
from remix_plugin.core.base.settings import Settings


class CatalogueComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.dock = None
        self.dock_action = None
        self.basemap_group = None

    @property
    def session(self):
        return self.plugin.session

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
            self.basemap_group.addAction(action)
        p.add_action("settings.svg", tr("Impostazioni…"), self.open_settings, toolbar=False)

    def toggle_dock(self, checked):
        if self.dock is None:
            from remix_plugin.gui.catalogue_dock import CatalogueDock

            self.dock = CatalogueDock(self.session, self.iface.mainWindow())
            self.dock.setWindowIcon(QIcon(icon("catalogue.svg")))
            self.plugin.add_dock(self.dock)
            self.dock.visibilityChanged.connect(self.dock_action.setChecked)
        self.dock.setVisible(checked)

    def open_settings(self):
        from remix_plugin.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.iface.mainWindow())
        if dialog.exec() and dialog.catalogue_changed:
            self.session.refresh_catalogue()

    def unload(self):
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
