"""The «Aiuto» submenu: the consultation guide shipped with the plugin, and the Sector's sites
(`core.guide`), all opened in the system browser.

The sites are read when the menu first opens (not at QGIS start), and again after a catalogue update,
whose reference pages they include.
"""

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr


class HelpComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self.menu = None
        self.site_actions = []

    @property
    def session(self):
        return self.plugin.session

    def init_gui(self):
        self.menu = self.plugin.add_submenu(tr("Aiuto"), "help.svg")
        self.plugin.add_action(
            "guide.svg",
            tr("Guida alla consultazione"),
            self.open_guide,
            tr("Come consultare le mappe, le infobox e gli strumenti RE.MIX"),
            toolbar=False,
            menu=self.menu,
        )
        self.menu.addSeparator()
        self.menu.aboutToShow.connect(self.fill_sites)
        self.session.catalogue_changed.connect(self.forget_sites)

    def unload(self):
        self.session.catalogue_changed.disconnect(self.forget_sites)
        self.menu.aboutToShow.disconnect(self.fill_sites)
        self.site_actions = []  # the plugin deletes its actions and its menu
        self.menu = None

    def fill_sites(self):
        if self.site_actions:
            return
        from remix_plugin.core.catalogue import guide

        try:
            sites = guide.sector_sites(self.session.catalogue)
        except RemixError as exc:
            log.error(exc.message)
            return
        for title, url in sites:
            self.site_actions.append(
                self.plugin.add_action(
                    "web.svg",
                    title,
                    lambda _checked=False, address=url: self.open_url(address),
                    url,
                    toolbar=False,
                    menu=self.menu,
                )
            )

    def forget_sites(self):
        for action in self.site_actions:
            self.menu.removeAction(action)
            self.plugin.actions.remove(action)
            action.deleteLater()
        self.site_actions = []

    def open_guide(self):
        from remix_plugin.core.catalogue import guide

        try:
            self.open_url(QUrl.fromLocalFile(str(guide.guide_page())))
        except RemixError as exc:
            log.error(exc.message)

    @staticmethod
    def open_url(url):
        QDesktopServices.openUrl(url if isinstance(url, QUrl) else QUrl(url))
