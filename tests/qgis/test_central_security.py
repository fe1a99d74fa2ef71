"""One central store, many Comuni: each writes only its own, CMM's istruttoria decides, every write is
signed — enforced by PostgreSQL (row-level security, privileges, triggers owned by a role nobody logs in
as), on a real server with scram login roles: two Comuni, an Unione of two, the istruttoria, an
administrator. The attacks of issue #17 are tried as those logins would try them."""

import os
import secrets
import subprocess
import sys
import uuid as uuidlib
from pathlib import Path

import psycopg2
import pytest
from qgis.core import QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.segnalazioni.central_setup import central_setup, grant, revoke
from remix_plugin.core.segnalazioni.conflicts import conflicts
from remix_plugin.core.segnalazioni.layers import add_segnalazione
from remix_plugin.core.segnalazioni.sync import sync
from tests.qgis.auth import MASTER_PASSWORD
from tests.qgis.segnalazioni_fixtures import lookup, pack, superuser_conninfo  # noqa: F401  (fixtures)
from tests.qgis.test_servers import auth_config

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]
RHO, MILANO, CASSINA, BUSSERO = "015182", "015146", "015060", "015040"
LOGINS = ("sec_comune_rho", "sec_comune_milano", "sec_unione", "sec_istruttoria", "sec_cmm_admin", "sec_dba")


@pytest.fixture(scope="module")
def logins(qgis_app, postgis_server):
    """name -> (password, authcfg): real login roles with scram passwords; `sec_dba` may create roles."""
    made = {}
    for name in LOGINS:
        password = secrets.token_hex(10)
        extra = " CREATEROLE" if name == "sec_dba" else ""
        postgis_server.psql(f"CREATE ROLE {name} LOGIN{extra} PASSWORD '{password}'", dbname="postgres")
        made[name] = (password, auth_config(name, password))
    return made


@pytest.fixture()
def store(postgis_server, logins):
    """A database set up by central-setup (as the superuser), with the logins granted as CMM would."""
    name = "s_" + uuidlib.uuid4().hex[:12]
    postgis_server.psql(f"CREATE DATABASE {name}", dbname="postgres")
    postgis_server.psql("CREATE EXTENSION postgis", dbname=name)
    admin = superuser_conninfo(postgis_server, name)
    central_setup(admin)
    grant(admin, "sec_comune_rho", "comune", [RHO])
    grant(admin, "sec_comune_milano", "comune", [MILANO])
    grant(admin, "sec_unione", "comune", [CASSINA, BUSSERO])
    grant(admin, "sec_istruttoria", "istruttoria")
    grant(admin, "sec_cmm_admin", "amministratore")
    yield Central(postgis_server, name, logins)
    postgis_server.psql(f"DROP DATABASE {name} WITH (FORCE)", dbname="postgres")


class Central:
    def __init__(self, server, dbname, logins):
        self.server, self.dbname, self.logins = server, dbname, logins

    def spec(self, login: str) -> str:
        """What a Comune's QGIS holds: host, database and an authcfg (the password in QGIS's manager)."""
        return f"host={self.server.host} port={self.server.port} dbname={self.dbname} authcfg={self.logins[login][1]}"

    def connect(self, login: str):
        """A login's own psycopg2 session: what anyone with the Comune's credentials can do by hand."""
        conn = psycopg2.connect(
            host=self.server.host, port=self.server.port, dbname=self.dbname, user=login, password=self.logins[login][0]
        )
        conn.autocommit = True
        return conn

    def sql(self, query: str) -> str:
        return self.server.psql(query, dbname=self.dbname).strip()


def refused(central: Central, login: str, query: str) -> str:
    """PostgreSQL's refusal of `query` run as `login` (fails the test if it went through)."""
    conn = central.connect(login)
    try:
        with conn.cursor() as cur:
            cur.execute(query)
            affected = cur.rowcount
    except psycopg2.Error as exc:
        return str(exc).splitlines()[0]
    finally:
        conn.close()
    assert affected == 0, f"{login} could run: {query}"
    return "0 righe"


def new(store_path, lookup, comune: str, titolo: str, stato: str = "bozza") -> str:
    values = {"titolo": titolo, "tipo": "progetto", "natura": "azioni", "comune_istat": comune, "stato": stato}
    return add_segnalazione(store_path, {**values, "tipo_servizio": "Centro civico"}, None, lookup)[0]


def edit(store_path, uuid: str, **values) -> None:
    for table in ("segnalazioni_punti", "segnalazioni_aree"):
        layer = QgsVectorLayer(table_uri(store_path, table), table, "ogr")
        for feature in layer.getFeatures(f"\"uuid\" = '{uuid}'"):
            layer.startEditing()
            for name, value in values.items():
                layer.changeAttributeValue(feature.id(), layer.fields().indexOf(name), value)
            assert layer.commitChanges(), layer.commitErrors()


def titles(store_path) -> dict:
    layer = QgsVectorLayer(table_uri(store_path, "segnalazioni_punti"), "p", "ogr")
    return {f["uuid"]: (f["titolo"], f["stato"], f["comune_istat"]) for f in layer.getFeatures()}


def test_each_comune_writes_its_own_the_istruttoria_decides_and_every_write_is_signed(
    qgis_app, lookup, store, tmp_path
):
    rho, milano, cmm = tmp_path / "rho.gpkg", tmp_path / "milano.gpkg", tmp_path / "cmm.gpkg"
    centro = new(rho, lookup, "Rho", "Centro civico di Rho")
    orti = new(rho, lookup, "Rho", "Orti urbani di Rho", stato="inviata")
    assert sync(rho, store.spec("sec_comune_rho")).sent_new == 2
    # Milano sees nothing of Rho's until CMM accepts it
    assert sync(milano, store.spec("sec_comune_milano")).received_new == 0 and titles(milano) == {}
    # the istruttoria reads all, accepts one with its note
    assert sync(cmm, store.spec("sec_istruttoria")).received_new == 2
    edit(cmm, orti, stato="accolta", note_istruttoria="Ammessa al programma 2027")
    report = sync(cmm, store.spec("sec_istruttoria"))
    assert report.sent_changed == 1 and not report.refused, report.refused
    assert sync(milano, store.spec("sec_comune_milano")).received_new == 1
    assert titles(milano) == {orti: ("Orti urbani di Rho", "accolta", RHO)}
    # Milano tampers with Rho's accepted segnalazione; in the same sync its own new one goes up
    edit(milano, orti, titolo="Parcheggio", stato="bozza")
    mine = new(milano, lookup, "Milano", "Biblioteca di quartiere")
    report = sync(milano, store.spec("sec_comune_milano"))
    assert report.sent_new == 1 and report.sent_changed == 0, report.summary()
    assert len(report.refused) == 1 and report.refused[0].startswith(
        "non autorizzata: segnalazione del Comune di Rho «Parcheggio»"
    ), report.refused
    assert "Non autorizzate dall'archivio centrale: 1" in report.summary()
    assert titles(milano)[orti] == ("Orti urbani di Rho", "accolta", RHO)  # back to the central version
    kept = [c for c in conflicts(milano) if c.kind == "non_autorizzata"]
    assert len(kept) == 1 and kept[0].lost.data["titolo"] == "Parcheggio"  # the refused version, whole
    assert sync(milano, store.spec("sec_comune_milano")).refused == []  # no retry, no wedge
    # Rho's next sync changes nothing of its own
    report = sync(rho, store.spec("sec_comune_rho"))
    assert titles(rho)[orti][0] == "Orti urbani di Rho" and titles(rho)[centro][0] == "Centro civico di Rho"
    # the signed history: who wrote what
    history = store.sql(
        "SELECT ruolo_db, operazione, coalesce(modifica->>'stato', '') FROM remix.segnalazioni_storia "
        f"WHERE uuid IN ('{orti}', '{mine}') ORDER BY id"
    ).splitlines()
    assert history == [
        "sec_comune_rho|inserimento|inviata",
        "sec_istruttoria|modifica|accolta",
        "sec_comune_milano|inserimento|bozza",
    ]
    # the history as CMM reads it, from the command line (credentials from QGIS's manager, unlocked by file)
    master = tmp_path / "master"
    master.write_text(MASTER_PASSWORD)
    master.chmod(0o600)
    done = subprocess.run(
        [sys.executable, "-m", "remix_plugin", "segnalazioni", "history", "--central", store.spec("sec_istruttoria")]
        + ["--uuid", orti],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, QGIS_AUTH_PASSWORD_FILE=str(master), QT_QPA_PLATFORM="offscreen"),
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) == 3, done.stderr
    assert "sec_comune_rho" in lines[0] and "inserimento" in lines[0]
    assert "sec_istruttoria" in lines[1] and "note_istruttoria, stato" in lines[1]
    # no file the plugin wrote (stores, settings, the profile), nor what it printed, holds a login's password
    passwords = [password.encode() for password, _ in store.logins.values()]
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != master]
    written += [p for p in Path(os.environ["QGIS_CUSTOM_CONFIG_PATH"]).rglob("*") if p.is_file()]
    assert len(written) > 5
    for path in written:
        assert not [pw for pw in passwords if pw in path.read_bytes()], path
    assert not [pw for pw in passwords if pw in (done.stdout + done.stderr).encode()]


def test_an_unione_writes_for_both_its_comuni_and_a_comune_sees_what_leaves_its_view(qgis_app, lookup, store, tmp_path):
    unione, cmm = tmp_path / "unione.gpkg", tmp_path / "cmm.gpkg"
    new(unione, lookup, "Cassina de' Pecchi", "Piazza del mercato")
    bussero = new(unione, lookup, "Bussero", "Cascina Gogna")
    new(unione, lookup, "Rho", "Fuori dall'Unione")  # a Comune it does not serve: refused, kept here
    report = sync(unione, store.spec("sec_unione"))
    assert report.sent_new == 2 and len(report.refused) == 1 and "Comune di Rho" in report.refused[0]
    assert sync(unione, store.spec("sec_unione")).refused == []  # not resent
    assert store.sql("SELECT count(*) FROM remix.segnalazioni_punti") == "2"
    # CMM takes one into istruttoria: the Unione may read it no more... it is its own Comune's, so it still may
    sync(cmm, store.spec("sec_istruttoria"))
    edit(cmm, bussero, stato="in_istruttoria")
    sync(cmm, store.spec("sec_istruttoria"))
    assert sync(unione, store.spec("sec_unione")).received_changed == 1
    # revoking Bussero from the Unione: the row stays on its tablet, marked
    revoke(superuser_conninfo(store.server, store.dbname), "sec_unione", "comune", [BUSSERO])
    report = sync(unione, store.spec("sec_unione"))
    assert report.hidden == 1 and "Non più visibili nell'archivio centrale: 1" in report.summary()
    listing = subprocess.run(
        [sys.executable, "-m", "remix_plugin", "segnalazioni", "list", "--local", str(unione)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert "Cascina Gogna (non più visibile nell'archivio centrale)" in listing, listing


def test_the_attacks_of_a_comune_are_refused_by_the_database(qgis_app, lookup, store, tmp_path):
    rho = tmp_path / "rho.gpkg"
    target = new(rho, lookup, "Rho", "Centro civico di Rho")
    sync(rho, store.spec("sec_comune_rho"))
    mine = new(tmp_path / "milano.gpkg", lookup, "Milano", "Biblioteca")
    sync(tmp_path / "milano.gpkg", store.spec("sec_comune_milano"))
    punti = "remix.segnalazioni_punti"
    attacks = {
        "change Rho's title": f"UPDATE {punti} SET titolo = 'x' WHERE uuid = '{target}'",
        "accept Rho's": f"UPDATE {punti} SET stato = 'accolta' WHERE uuid = '{target}'",
        "hard delete": f"DELETE FROM {punti} WHERE uuid = '{target}'",
        "accept its own": f"UPDATE {punti} SET stato = 'accolta' WHERE uuid = '{mine}'",
        "move its own to Rho": f"UPDATE {punti} SET comune_istat = '{RHO}', comune = 'Rho' WHERE uuid = '{mine}'",
        "write CMM's notes": f"UPDATE {punti} SET note_istruttoria = 'ok' WHERE uuid = '{mine}'",
        "file one as accolta": f"INSERT INTO {punti} (uuid, titolo, stato, comune_istat) VALUES "
        f"('{uuidlib.uuid4()}', 'x', 'accolta', '{MILANO}')",
        "file one for Rho": f"INSERT INTO {punti} (uuid, titolo, stato, comune_istat) VALUES "
        f"('{uuidlib.uuid4()}', 'x', 'bozza', '{RHO}')",
        "disable a trigger": f"ALTER TABLE {punti} DISABLE TRIGGER cestino",
        "rewrite the history": "DELETE FROM remix.segnalazioni_storia",
        "sign as someone else": "INSERT INTO remix.segnalazioni_storia (uuid, tabella, operazione, ruolo_db) "
        f"VALUES ('{mine}', 'x', 'x', 'sec_istruttoria')",
        "grant itself Rho": "INSERT INTO remix.segnalazioni_membri VALUES ('sec_comune_milano', 'comune', '015182')",
        # the signing trigger (it runs as the owner) attached to a table of its own, to sign as it likes
        "forge a signature": "CREATE TEMP TABLE t (uuid uuid, rev bigint, comune_istat text, eliminata bool, stato text); "
        "CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION remix.segnalazioni_firma(); "
        f"INSERT INTO t VALUES ('{target}', 999, '{RHO}', false, 'accolta')",
    }
    said = {what: refused(store, "sec_comune_milano", query) for what, query in attacks.items()}
    assert said["change Rho's title"] == said["accept Rho's"] == "0 righe"  # Rho's is not Milano's to touch
    assert "permission denied" in said["hard delete"] and "must be owner" in said["disable a trigger"]
    assert "permission denied" in said["grant itself Rho"]
    for what in ("accept its own", "file one as accolta", "file one for Rho"):
        assert "row-level security" in said[what], (what, said[what])
    assert "non si sposta in un altro Comune" in said["move its own to Rho"]
    assert "note dell'istruttoria" in said["write CMM's notes"]
    assert "permission denied" in said["rewrite the history"] and "permission denied" in said["sign as someone else"]
    assert "permission denied for function" in said["forge a signature"]
    assert store.sql("SELECT count(*) FROM remix.segnalazioni_storia WHERE rev = 999") == "0"
    # the istruttoria decides, but does not rewrite a Comune's content, nor deletes
    assert "cambia solo lo stato e le note" in refused(
        store, "sec_istruttoria", f"UPDATE {punti} SET titolo = 'x' WHERE uuid = '{target}'"
    )
    assert "permission denied" in refused(store, "sec_istruttoria", f"DELETE FROM {punti}")
    assert "non riporta" in refused(
        store, "sec_istruttoria", f"UPDATE {punti} SET stato = NULL WHERE uuid = '{target}'"
    )
    assert store.sql(f"SELECT titolo, stato, eliminata FROM {punti} WHERE uuid = '{target}'") == (
        "Centro civico di Rho|bozza|f"
    )


def test_setup_is_for_an_administrator_and_a_sync_never_creates_or_alters_the_schema(
    qgis_app, postgis_server, logins, lookup, tmp_path
):
    name = "s_" + uuidlib.uuid4().hex[:12]
    postgis_server.psql(f"CREATE DATABASE {name} OWNER sec_comune_rho", dbname="postgres")
    postgis_server.psql("CREATE EXTENSION postgis", dbname=name)
    central = Central(postgis_server, name, logins)
    try:
        with pytest.raises(RemixError, match="non è predisposto .*central-setup"):
            sync(tmp_path / "rho.gpkg", central.spec("sec_comune_rho"))
        with pytest.raises(RemixError, match="il ruolo «sec_comune_rho» non può predisporre l'archivio.*CREATEROLE"):
            central_setup(central.spec("sec_comune_rho"))
        assert central.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'remix'") == "0"
        central_setup(superuser_conninfo(postgis_server, name))
        with pytest.raises(RemixError, match="solo un amministratore RE.MIX"):
            grant(central.spec("sec_comune_milano"), "sec_comune_milano", "comune", [RHO])
    finally:
        postgis_server.psql(f"DROP DATABASE {name} WITH (FORCE)", dbname="postgres")


def test_a_version_1_store_owned_by_a_comune_is_taken_over_and_migrated_with_its_data(
    qgis_app, postgis_server, logins, tmp_path
):
    name = "s_" + uuidlib.uuid4().hex[:12]
    postgis_server.psql(f"CREATE DATABASE {name} OWNER sec_comune_rho", dbname="postgres")
    postgis_server.psql("CREATE EXTENSION postgis", dbname=name)
    central = Central(postgis_server, name, logins)
    v1 = (Path(__file__).with_name("central_v1.sql")).read_text(encoding="utf-8")
    postgis_server.psql(f"SET ROLE sec_comune_rho;\n{v1}", dbname=name)  # as a first sync of version 1 made it
    central.sql(
        "SET ROLE sec_comune_rho; INSERT INTO remix.segnalazioni_punti (uuid, titolo, stato, comune_istat, comune) "
        f"VALUES ('{uuidlib.uuid4()}', 'Centro civico', 'inviata', '{RHO}', 'Rho')"
    )
    try:
        with pytest.raises(RemixError, match="non è predisposto .*versione «1»"):
            sync(tmp_path / "rho.gpkg", central.spec("sec_comune_rho"))
        # a DBA who may create roles and has the owner role's admin option (PostgreSQL 16 on asks for it) but did
        # not make the old schema
        central.sql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'remix_owner') THEN "
            f"CREATE ROLE remix_owner NOLOGIN; END IF; END $$; GRANT remix_owner TO sec_dba WITH ADMIN OPTION; "
            f"GRANT CREATE ON DATABASE {name} TO sec_dba"
        )
        with pytest.raises(
            RemixError, match="creato dal ruolo «sec_comune_rho».*come «sec_comune_rho» o come superutente"
        ):
            central_setup(central.spec("sec_dba"))
        report = central_setup(superuser_conninfo(postgis_server, name))
        assert report.migrated_from == "1" and "aggiornato dalla versione 1" in report.summary()
        assert central.sql("SELECT titolo, stato FROM remix.segnalazioni_punti") == "Centro civico|inviata"
        assert (
            central.sql(
                "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'remix'::regnamespace"
            )
            == "remix_owner"
        )
        assert "must be owner" in refused(
            central, "sec_comune_rho", "ALTER TABLE remix.segnalazioni_punti DISABLE TRIGGER cestino"
        )
        assert central_setup(superuser_conninfo(postgis_server, name)).summary().count("verificato") == 1  # idempotent
        grant(superuser_conninfo(postgis_server, name), "sec_comune_rho", "comune", [RHO])
        assert sync(tmp_path / "rho.gpkg", central.spec("sec_comune_rho")).received_new == 1
    finally:
        postgis_server.psql(f"DROP DATABASE {name} WITH (FORCE)", dbname="postgres")


def test_a_tablet_package_carries_only_what_its_login_may_read_in_its_area(
    qgis_app, demo_pack, lookup, store, tmp_path, isolated_settings
):
    from remix_plugin.core.catalogue.maps import make_context
    from remix_plugin.core.offline.package import OfflineRequest, plan_package, write_package
    from remix_plugin.core.scope.model import resolve_scope

    for login, comune, title in (
        ("sec_comune_rho", "Rho", "Centro civico di Rho"),
        ("sec_comune_milano", "Milano", "Biblioteca di Milano"),
        ("sec_unione", "Bussero", "Cascina Gogna"),
    ):
        local = tmp_path / f"{login}.gpkg"
        new(local, lookup, comune, title)
        assert sync(local, store.spec(login)).sent_new == 1
    requests = {
        "the Unione's login, the whole CMM": ("sec_unione", None, {"Cascina Gogna"}),
        "CMM's istruttoria, Rho only": ("sec_istruttoria", ["Rho"], {"Centro civico di Rho"}),
    }
    for what, (login, comuni, expected) in requests.items():
        scope = resolve_scope(demo_pack, [], comuni) if comuni else None
        request = OfflineRequest(
            out_dir=tmp_path / login, maps=("opportunita",), scope=scope, central=store.spec(login)
        )
        folder = write_package(plan_package(request, make_context(pack=demo_pack, derived_store=tmp_path / "d.gpkg")))
        assert {t for t, _, _ in titles(folder / "segnalazioni.gpkg").values()} == expected, what
        # the package (project, stores, manifest) names the store by its authcfg, never by a password
        passwords = [password.encode() for password, _ in store.logins.values()]
        for path in (p for p in folder.rglob("*") if p.is_file()):
            assert not [pw for pw in passwords if pw in path.read_bytes()], path


def test_the_settings_button_sets_up_the_central_store_for_a_cmm_administrator(
    qgis_app, postgis_server, isolated_settings, monkeypatch
):
    from qgis.PyQt.QtWidgets import QMessageBox

    from remix_plugin.core.base.settings import Settings
    from remix_plugin.gui.settings_dialog import SettingsDialog

    name = "s_" + uuidlib.uuid4().hex[:12]
    postgis_server.psql(f"CREATE DATABASE {name}", dbname="postgres")
    try:
        settings = Settings.load()
        settings.segnalazioni_central = superuser_conninfo(postgis_server, name)
        settings.save()
        shown = []
        monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
        monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(("ok", text)))
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(("no", text)))
        dialog = SettingsDialog()
        dialog.centralSetupButton.click()
        dialog.centralSetupButton.click()  # again: nothing to do, nothing broken
        assert [kind for kind, _ in shown] == ["ok", "ok"], shown
        assert "schema «remix» creato" in shown[0][1] and "verificato" in shown[1][1]
        assert (
            postgis_server.psql(
                "SELECT relrowsecurity FROM pg_class WHERE relname = 'segnalazioni_punti'", dbname=name
            ).strip()
            == "t"
        )
    finally:
        postgis_server.psql(f"DROP DATABASE {name} WITH (FORCE)", dbname="postgres")
