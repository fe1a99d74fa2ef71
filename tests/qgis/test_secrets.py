"""A password typed where a connection belongs is never stored, shown or printed: the «Archivio
centrale» box of the «Segnalazioni» dock, the command line, the log and the message bar."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QMenu, QToolBar

from remix_plugin.core.base import log
from remix_plugin.core.base.settings import Settings
from tests.conftest import ROOT
from tests.qgis.test_log import RecordingBar

SECRET = "S3greta"
WITH_PASSWORD = [
    f"host=127.0.0.1 port=1 dbname=x user=u password={SECRET}",
    f"postgresql://comune:{SECRET}@127.0.0.1:1/db",
]


def settings_file() -> str:
    """The QGIS settings ini as it is on disk now."""
    store = QgsSettings()
    store.sync()
    path = Path(store.fileName())
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture()
def dock(qgis_iface, isolated_settings, qgis_new_project, monkeypatch, tmp_path):
    """The «Segnalazioni» dock of the plugin, open, on a store not yet created."""
    from remix_plugin.gui.segnalazioni_component import SegnalazioniComponent
    from remix_plugin.gui.session import Session
    from remix_plugin.plugin import RemixPlugin

    monkeypatch.setattr(qgis_iface, "removeDockWidget", qgis_iface.mainWindow().removeDockWidget, raising=False)
    settings = Settings.load()
    settings.segnalazioni_store = str(tmp_path / "segnalazioni.gpkg")
    settings.save()
    plugin = RemixPlugin(qgis_iface)
    plugin.menu, plugin.toolbar = QMenu(), QToolBar()
    plugin.session = Session(qgis_iface)
    part = SegnalazioniComponent(plugin)
    part.init_gui()
    part.toggle_dock(True)
    yield part.dock
    part.unload()
    QgsProject.instance().clear()


@pytest.mark.parametrize("typed", WITH_PASSWORD)
def test_a_connection_typed_with_its_password_is_refused_and_never_saved(dock, typed):
    box = dock.centralCombo.lineEdit()
    box.setFocus()
    for character in typed:  # key by key: not even a half-typed password reaches the file
        QTest.keyClick(box, character)
        assert "S3" not in settings_file()
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert dock.centralWarning.isVisibleTo(dock)
    assert "La password non va scritta qui: la connessione non è stata salvata" in dock.centralWarning.text()
    assert "connessione PostgreSQL di QGIS" in dock.centralWarning.text()
    assert not dock.syncButton.isEnabled()
    assert SECRET not in settings_file() and "password" not in settings_file()
    assert Settings.load().segnalazioni_central == ""
    assert dock.centralCombo.count() == 0  # Return did not put it in the list either


def test_a_connection_without_a_password_is_saved_when_typed_and_synced_as_shown(dock, monkeypatch):
    synced = []
    monkeypatch.setattr(dock.component, "synchronise", lambda: synced.append(Settings.load().segnalazioni_central))
    box = dock.centralCombo.lineEdit()
    box.setFocus()
    QTest.keyClicks(box, "host=db dbname=remix authcfg=abc1234")
    assert "abc1234" not in settings_file()  # nothing saved key by key
    dock.syncButton.click()  # the click comes before the box lost its focus
    assert synced == ["host=db dbname=remix authcfg=abc1234"]
    assert not dock.centralWarning.isVisibleTo(dock)
    box.clear()
    QTest.keyClicks(box, f"host=db password={SECRET}")  # then a password: the saved value stays as it was
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert dock.centralWarning.isVisibleTo(dock)
    assert Settings.load().segnalazioni_central == "host=db dbname=remix authcfg=abc1234"
    assert SECRET not in settings_file()
    box.clear()  # the password taken out again: sync is back
    QTest.keyClicks(box, "service=remix")
    assert not dock.centralWarning.isVisibleTo(dock) and dock.syncButton.isEnabled()


def test_a_password_saved_by_an_earlier_version_is_taken_out_of_the_settings(isolated_settings):
    QgsSettings().setValue("remix/segnalazioni_central", f"host=db user=u password={SECRET}")
    assert SECRET in settings_file()
    assert Settings.load().segnalazioni_central == ""
    assert SECRET not in settings_file()


def run(*args):
    """The command as a user types it: its own process, what it prints, its exit status."""
    done = subprocess.run(
        [sys.executable, "-m", "remix_plugin", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=300,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("central", WITH_PASSWORD)
def test_the_command_line_never_prints_the_password(central, tmp_path):
    code, out, err = run("segnalazioni", "sync", "--local", tmp_path / "x.gpkg", "--central", central)
    assert code != 0
    assert SECRET not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("errore: ") and "connessione" in lines[0].lower(), err
    assert not (tmp_path / "x.gpkg").exists()


def test_argparse_quoting_a_refused_argument_hides_the_password(tmp_path):
    code, out, err = run("segnalazioni", "sync", "--local", tmp_path / "x.gpkg", "--central", "x", WITH_PASSWORD[1])
    assert code == 2 and "unrecognized arguments" in err
    assert SECRET not in out + err and "postgresql://comune:***@127.0.0.1:1/db" in err


@pytest.mark.parametrize("secret", WITH_PASSWORD)
def test_the_log_and_the_message_bar_never_show_the_password(qgis_app, secret):
    logged = []

    def received(text, tag, level):
        logged.append((text, tag, level))

    messages = QgsApplication.messageLog()
    messages.messageReceived.connect(received)
    bar = RecordingBar()
    log.set_message_bar(bar)
    try:
        log.warning(f"Archivio centrale «{secret}» non raggiungibile", push=True)
        log.error(f"Archivio centrale «{secret}» non raggiungibile")
    finally:
        log.set_message_bar(None)
        messages.messageReceived.disconnect(received)
    ours = [(text, level) for text, tag, level in logged if tag == log.TAG]
    assert [level for _, level in ours] == [Qgis.Warning, Qgis.Critical]
    assert len(bar.seen) == 2
    for text in [text for text, _ in ours] + [text for text, _ in bar.seen]:
        assert SECRET not in text and "Archivio centrale «" in text and "***" in text
