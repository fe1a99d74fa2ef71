"""RemixPlugin: QGIS's entry object. It only builds and removes the menu, the toolbar and the parts.

Each capability is a component in `remix_plugin/gui/` (a class with `init_gui()` and `unload()`),
so this class stays small; components create their docks and dialogs lazily, on first use, so
nothing is loaded at QGIS start.
"""

import importlib

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QDockWidget, QFrame, QMenu, QScrollArea

try:  # Qt6 (QGIS 4): QAction is in QtGui
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QAction

from remix_plugin.core.base import i18n, log
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.paths import icon

# "module:Class" of every component, in menu order, by group: a separator between groups, in the menu and
# in the toolbar. Maps; consulting them; the segnalazioni; what is produced from them; settings and help.
MENU_GROUPS = [
    ["remix_plugin.gui.catalogue_component:CatalogueComponent"],
    [
        "remix_plugin.gui.zone_component:ZoneComponent",
        "remix_plugin.gui.indicators_component:IndicatorsComponent",
        "remix_plugin.gui.infobox_component:InfoboxComponent",
    ],
    ["remix_plugin.gui.segnalazioni_component:SegnalazioniComponent"],
    [
        "remix_plugin.gui.print_component:PrintComponent",
        "remix_plugin.gui.pgt_component:PgtComponent",
        "remix_plugin.gui.offline_component:OfflineComponent",
    ],
    ["remix_plugin.gui.help_component:HelpComponent"],
]
COMPONENTS = [path for group in MENU_GROUPS for path in group]
# menu entries that go in the last group (beside «Aiuto»), whichever component adds them
LAST_GROUP_ICONS = ("settings.svg",)


class RemixPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.components = []
        self.provider = None
        self.session = None
        self._separate_menu = False  # a group has begun: a separator before its first menu entry
        self._separate_toolbar = False  # and before its first toolbar button
        self._last_group = None  # while initGui runs: the entries of LAST_GROUP_ICONS, placed in the last group

    # --- helpers components use ---------------------------------------------------------------
    def add_action(
        self,
        icon_name: str,
        text: str,
        callback,
        tooltip: str = "",
        checkable: bool = False,
        toolbar: bool = True,
        menu: QMenu = None,
    ) -> QAction:
        action = QAction(QIcon(icon(icon_name)), text, self.iface.mainWindow())
        action.setObjectName("remix_" + icon_name.split(".")[0] + f"_{len(self.actions)}")
        action.setToolTip(tooltip or text)
        action.setCheckable(checkable)
        action.triggered.connect(callback)
        if menu is not None:
            menu.addAction(action)
        elif icon_name in LAST_GROUP_ICONS and self._last_group is not None:
            self._last_group.append(action)
        else:
            self._separate()
            self.menu.addAction(action)
        if toolbar:
            if self._separate_toolbar and self.toolbar.actions():
                self.toolbar.addSeparator()
            self._separate_toolbar = False
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def _separate(self) -> None:
        """The first entry of a group in the menu: a separator before it."""
        if self._separate_menu and self.menu.actions():
            self.menu.addSeparator()
        self._separate_menu = False

    def _begin_group(self, last: bool) -> None:
        self._separate_menu = self._separate_toolbar = True
        if last:  # the entries kept for the last group come first in it
            kept, self._last_group = self._last_group, None
            for action in kept or []:
                self._separate()
                self.menu.addAction(action)

    def add_dock(self, dock: QDockWidget) -> None:
        """The plugin's docks share one tabbed place on the right, so that each keeps a readable height
        instead of being squeezed under the others; a dock that is opened comes to the front of its tabs."""
        main = self.iface.mainWindow()
        # the contents scroll: a dock never asks for more height than a 1280×800 tablet has (QGIS would grow
        # its window past the screen to give it, status bar and buttons out of sight)
        contents = dock.widget()
        if contents is not None and not isinstance(contents, QScrollArea):
            scroll = QScrollArea(dock)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(contents)
            dock.setWidget(scroll)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        others = [
            d
            for d in main.findChildren(QDockWidget)
            if d is not dock
            and d.objectName().startswith("Remix")
            and not d.isFloating()
            and d.isVisible()
            and main.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        if others:
            main.tabifyDockWidget(others[0], dock)
        dock.visibilityChanged.connect(lambda visible: visible and (dock.raise_(), fit_width(main, dock)))
        fit_width(main, dock)

    def add_submenu(self, title: str, icon_name: str = None) -> QMenu:
        self._separate()
        submenu = self.menu.addMenu(QIcon(icon(icon_name)) if icon_name else QIcon(), title)
        submenu.setToolTipsVisible(True)
        return submenu

    # --- QGIS plugin interface --------------------------------------------------------------
    def initGui(self):
        i18n.install_translator()
        log.set_message_bar(self.iface.messageBar())
        self.menu = QMenu("RE.MIX", self.iface.mainWindow().menuBar())
        self.menu.setObjectName("remix_menu")
        self.iface.mainWindow().menuBar().insertMenu(self.iface.firstRightStandardMenu().menuAction(), self.menu)
        self.toolbar = self.iface.addToolBar("RE.MIX")
        self.toolbar.setObjectName("remix_toolbar")
        self.toolbar.setToolTip(tr("Strumenti RE.MIX"))
        from remix_plugin.gui.session import Session

        self.session = Session(self.iface)
        self._last_group = []
        for number, group in enumerate(MENU_GROUPS):
            self._begin_group(last=number == len(MENU_GROUPS) - 1)
            for path in group:
                module, name = path.split(":")
                component = getattr(importlib.import_module(module), name)(self)
                component.init_gui()
                self.components.append(component)
        self.initProcessing()

    def initProcessing(self):
        from remix_plugin.processing.provider import RemixProvider

        self.provider = RemixProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def unload(self):
        if self.session is not None:
            self.session.close()
        for component in reversed(self.components):
            component.unload()
        self.components = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        for action in self.actions:
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.session is not None:
            self.session.deleteLater()
            self.session = None
        log.set_message_bar(None)
        i18n.remove_translator()


def fit_width(main, dock: QDockWidget) -> None:
    """A dock brought to the front gets the width its buttons and fields need (the tabbed docks share one), as far
    as the window allows: never a sliver with its buttons cut."""
    contents = dock.widget()
    if isinstance(contents, QScrollArea):
        contents = contents.widget()
    needed = contents.minimumSizeHint().width() + 64 if contents is not None else 0
    if dock.width() < needed:
        main.resizeDocks([dock], [needed], Qt.Orientation.Horizontal)
