"""The RE.MIX menu and the messages as a planner meets them: a grouped menu, one icon per entry, tooltips
whole, the basemap entry ticked only when the basemaps loaded, no success for nothing done, network
errors in Italian."""

import socket
import threading

import pytest
from qgis.core import Qgis, QgsLocator, QgsProject
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtWidgets import QMenu

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.http import get
from remix_plugin.core.base.settings import Settings
from tests.qgis.test_catalogue_gui import wait_for_tasks
from tests.servers.scripted_http import ScriptedHttpServer

SEPARATOR = "—"
MENU = [
    "Catalogo RE.MIX",
    "Mappa delle Opportunità",
    "Mappa delle Realizzazioni",
    "Mappe di base",
    SEPARATOR,
    "Zone omogenee",
    "Indicatori di sintesi",
    "Informazioni RE.MIX",
    "Infobox RE.MIX",
    SEPARATOR,
    "Nuova segnalazione",
    "Segnalazioni",
    "Sincronizza segnalazioni",
    SEPARATOR,
    "Stampa…",
    "Pacchetto PGT…",
    "Prepara pacchetto offline…",
    SEPARATOR,
    "Impostazioni…",
    "Aiuto",
]


class Bar:
    """A message bar that notes what the user is told."""

    def __init__(self):
        self.messages = []

    def pushMessage(self, _title, text, level, _duration):
        self.messages.append((text, level))


@pytest.fixture()
def bar():
    recorder = Bar()
    log.set_message_bar(recorder)
    yield recorder
    log.set_message_bar(None)


@pytest.fixture()
def plugin(qgis_iface, demo_pack, isolated_settings, qgis_new_project, monkeypatch):
    from remix_plugin.plugin import RemixPlugin

    # pytest-qgis's interface lacks these; QGIS Desktop has them
    window = qgis_iface.mainWindow()
    monkeypatch.setattr(qgis_iface, "removeDockWidget", window.removeDockWidget, raising=False)
    help_menu = window.menuBar().addMenu("Help")
    monkeypatch.setattr(qgis_iface, "firstRightStandardMenu", lambda: help_menu, raising=False)
    locator = QgsLocator()
    monkeypatch.setattr(qgis_iface, "registerLocatorFilter", locator.registerFilter, raising=False)
    monkeypatch.setattr(qgis_iface, "deregisterLocatorFilter", locator.deregisterFilter, raising=False)
    made = RemixPlugin(qgis_iface)
    try:
        made.initGui()
        yield made
    finally:
        made.unload()
        QgsProject.instance().clear()


def entries(menu: QMenu):
    return [SEPARATOR if a.isSeparator() else a.text() for a in menu.actions()]


def picture(action):
    return action.icon().pixmap(QSize(24, 24)).toImage()


def test_the_menu_is_grouped_with_separators_in_order(plugin):
    assert entries(plugin.menu) == MENU
    toolbar = [SEPARATOR if a.isSeparator() else a.text() for a in plugin.toolbar.actions()]
    assert toolbar.count(SEPARATOR) == 3 and toolbar[0] != SEPARATOR and toolbar[-1] != SEPARATOR


def test_every_entry_has_its_own_icon(plugin):
    shown = [a for a in plugin.menu.actions() if not a.isSeparator()]
    pictures = [picture(a) for a in shown]
    assert all(not p.isNull() for p in pictures)
    for i, one in enumerate(pictures):
        for j in range(i + 1, len(pictures)):
            assert one != pictures[j], f"«{shown[i].text()}» e «{shown[j].text()}» hanno la stessa icona"
    aiuto = next(a.menu() for a in shown if a.text() == "Aiuto")
    aiuto.aboutToShow.emit()  # the Sector's sites are listed on first opening
    guide, *sites = [a for a in aiuto.actions() if not a.isSeparator()]
    assert sites and picture(guide) != picture(sites[0])
    assert picture(guide) != picture(next(a for a in shown if a.text() == "Aiuto"))


def test_tooltips_are_whole_sentences_without_parentheses(plugin):
    for action in plugin.actions:
        if action.toolTip().startswith("http"):  # the Sector's sites: their address
            continue
        assert "(" not in action.toolTip() and ")" not in action.toolTip(), action.toolTip()
    stampa = next(a for a in plugin.actions if a.text() == "Stampa…")
    assert stampa.toolTip() == (
        "Stampa la mappa con un layout CMM in PDF, in PNG o nel compositore di stampe; le schede comunali"
    )


def basemap_actions(plugin):
    menu = next(a.menu() for a in plugin.menu.actions() if a.text() == "Mappe di base")
    return {a.data(): a for a in menu.actions()}


def test_a_basemap_that_fails_offline_is_not_ticked_nor_saved(plugin, bar):
    settings = Settings.load()
    settings.basemap_mode = "none"
    settings.service_overrides = {  # no network: every basemap service refuses
        name: "http://127.0.0.1:9" for name in ("osm_tiles", "opentopomap", "esri_tiles", "rl_wms_basemap")
    }
    settings.save()
    actions = basemap_actions(plugin)
    actions["none"].setChecked(True)
    actions["light"].trigger()  # the planner clicks «Light»
    assert actions["light"].isChecked()  # Qt ticks it at the click...
    wait_for_tasks()
    assert not actions["light"].isChecked() and actions["none"].isChecked()  # ...and it goes back
    assert Settings.load().basemap_mode == "none"
    said = " ".join(text for text, _ in bar.messages)
    assert "Mappe di base Light non caricate" in said and "non raggiungibile" in said
    assert Qgis.Success not in [level for _, level in bar.messages]


def test_a_basemap_change_that_works_is_ticked_and_saved(plugin, bar):
    settings = Settings.load()
    settings.basemap_mode = "light"
    settings.save()
    actions = basemap_actions(plugin)
    actions["none"].trigger()
    wait_for_tasks()
    assert actions["none"].isChecked() and not actions["light"].isChecked()
    assert Settings.load().basemap_mode == "none"


def test_aggiorna_catalogo_without_an_address_says_so_not_success(plugin, bar):
    settings = Settings.load()
    settings.catalogue_url = ""
    settings.save()
    assert plugin.session.refresh_catalogue() is None  # nothing to fetch: no task
    wait_for_tasks()
    [(text, level)] = bar.messages
    assert level != Qgis.Success
    assert "Catalogo non aggiornato" in text and "manca l'indirizzo del catalogo" in text


def test_aggiorna_catalogo_says_success_only_when_a_new_one_came(plugin, bar, tmp_path, monkeypatch):
    from remix_plugin.core.base import paths
    from remix_plugin.core.catalogue.model import load_catalogue

    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    server = ScriptedHttpServer("catalogue.json")
    try:
        server.publish((paths.CATALOGUE).read_bytes(), '"v1"')
        settings = Settings.load()
        settings.catalogue_url = server.url
        settings.save()
        plugin.session.refresh_catalogue()
        wait_for_tasks()
        version = load_catalogue().version
        assert bar.messages[-1] == (
            f"Catalogo RE.MIX aggiornato: in uso il catalogo {version} del {load_catalogue().updated}.",
            Qgis.Success,
        )
        plugin.session.refresh_catalogue()  # the same again: «already the newest», not success
        wait_for_tasks()
        assert bar.messages[-1][1] == Qgis.Info and "è già il più recente" in bar.messages[-1][0]
    finally:
        server.stop()
    plugin.session.refresh_catalogue()  # CMM's server is not there (no network): a warning with why, no success
    wait_for_tasks()
    text, level = bar.messages[-1]
    assert level == Qgis.Warning and "non aggiornato" in text and "connessione rifiutata" in text
    settings = Settings.load()
    settings.catalogue_url = ""  # the address taken away: back to the plugin's own copy, said as such
    settings.save()
    assert plugin.session.refresh_catalogue() is None
    text, level = bar.messages[-1]
    assert level == Qgis.Info and "in uso il catalogo" in text and "incluso nel plugin" in text
    assert plugin.session.catalogue.origin == str(paths.CATALOGUE)


def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.fixture()
def hanging_up_server():
    """Accepts a connection and closes it without a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            connection.recv(1024)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/catalogo.json"
    stop.set()
    thread.join()
    listener.close()


def failure(url, timeout_ms=3000):
    with pytest.raises(RemixError) as raised:
        get(url, timeout_ms=timeout_ms)
    return raised.value.message


def test_connection_refused_is_explained_in_italian(qgis_app):
    port = closed_port()
    assert failure(f"http://127.0.0.1:{port}/x") == (
        f"«127.0.0.1:{port}» non raggiungibile: connessione rifiutata — il servizio non è attivo a quell'indirizzo "
        "o un firewall lo blocca"
    )


def test_host_not_found_is_explained_in_italian(qgis_app):
    message = failure("http://server-che-non-esiste.invalid/x")
    assert message.startswith("«server-che-non-esiste.invalid» non raggiungibile: ")
    assert "indirizzo sconosciuto" in message or "rete" in message  # no DNS at all: the network is down
    assert "Host" not in message and "not found" not in message


def test_a_server_that_hangs_up_is_explained_in_italian(qgis_app, hanging_up_server):
    message = failure(hanging_up_server)
    assert "non raggiungibile: il server ha chiuso la connessione prima di rispondere" in message
    assert "closed" not in message


def test_no_answer_in_time_is_explained_in_italian(qgis_app):
    server = ScriptedHttpServer("lento")
    server.delay = 3.0
    try:
        assert "nessuna risposta da" in failure(server.url, timeout_ms=500)
    finally:
        server.stop()
