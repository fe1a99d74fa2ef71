"""Sync between local GeoPackages and the central store on a real PostgreSQL + PostGIS (127.0.0.1),
reached through QGIS's authentication manager (authcfg). Each test gets its own empty database."""

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QDialogButtonBox

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.segnalazioni.central_setup import central_setup, grant
from remix_plugin.core.segnalazioni.conflicts import conflicts, resolve
from remix_plugin.core.segnalazioni.layers import add_segnalazione, new_feature, open_store_layers, place_store
from remix_plugin.core.segnalazioni.schema import decode_multi, load_taxonomy
from remix_plugin.core.segnalazioni.sync import sync
from tests.qgis.auth import MASTER_PASSWORD
from tests.qgis.segnalazioni_fixtures import (  # noqa: F401
    SURVEY_2020,
    authcfg,
    bulk,
    central,
    example_geometry,
    example_values,
    fill_form,
    lookup,
    pack,
    store_digest,
    superuser_conninfo,
)
from tests.servers import free_port

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]
TABLES = ("segnalazioni_aree", "segnalazioni_punti")
HOSTILE = "'); DROP TABLE remix.segnalazioni_punti; -- «l'ex \"Cassina\"» \\ 🚧🌳\n<b>seconda riga</b>"


def sql(postgis_server, central, query):
    dbname = central.split("dbname=")[1].split()[0]
    return postgis_server.psql(query, dbname=dbname).strip()


def content(store):
    """uuid -> (table, data fields, geometry WKT) of a local store: what must survive every trip."""
    names = load_taxonomy().names
    found = {}
    for table in TABLES:
        for f in QgsVectorLayer(table_uri(store, table), table, "ogr").getFeatures():
            found[f["uuid"]] = (table, [f[n] for n in names], f.geometry().asWkt(3))
    return found


def pending(store) -> int:
    return sum(
        1 for t in TABLES for f in QgsVectorLayer(table_uri(store, t), t, "ogr").getFeatures() if f["modificata"] == 1
    )


def new(store, lookup, titolo="Centro civico", comune="Rho", **extra) -> str:
    values = {
        "titolo": titolo,
        "tipo": "progetto",
        "natura": "azioni",
        "comune_istat": comune,
        "tipo_servizio": "Centro civico",
        **extra,
    }
    return add_segnalazione(store, values, None, lookup)[0]


def edit(store, uuid, **values):
    """An edit as the attribute table makes it: through a QGIS layer, committed."""
    for table in TABLES:
        layer = QgsVectorLayer(table_uri(store, table), table, "ogr")
        for f in layer.getFeatures():
            if f["uuid"] == uuid:
                layer.startEditing()
                for name, value in values.items():
                    assert layer.changeAttributeValue(f.id(), layer.fields().indexOf(name), value)
                assert layer.commitChanges(), layer.commitErrors()
                return
    raise AssertionError(f"{uuid} not found")


def delete(store, uuid):
    for table in TABLES:
        layer = QgsVectorLayer(table_uri(store, table), table, "ogr")
        fids = [f.id() for f in layer.getFeatures() if f["uuid"] == uuid]
        if fids:
            layer.startEditing()
            layer.deleteFeatures(fids)
            assert layer.commitChanges()


# --- the six survey examples, through the real form --------------------------------------------------


def test_survey_examples_entered_in_the_form_round_trip_through_postgis(
    qgis_new_project, pack, lookup, central, postgis_server, tmp_path
):
    store = tmp_path / "comune.gpkg"
    layers = open_store_layers(store, lookup, device="tablet-01")
    place_store(QgsProject.instance(), layers)
    from remix_plugin.gui.segnalazione_form import open_form

    for example in SURVEY_2020:
        geometry = example_geometry(pack, example)
        layer = layers.for_natura(example["natura"])
        comune = lookup.at(geometry)
        assert comune.name == example["comune"]
        dialog = open_form(
            layer, new_feature(layer, geometry, {"comune_istat": comune.code, "zona_omogenea": comune.zona})
        )
        fill_form(dialog, example_values(example))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled(), example["titolo"]
        ok.click()
        assert not layer.isEditable()
    entered = content(store)
    assert len(entered) == 6
    taxonomy = load_taxonomy()
    for example in SURVEY_2020:  # the form wrote what was typed
        _, values, _ = next(v for v in entered.values() if v[1][0] == example["titolo"])
        row = dict(zip(taxonomy.names, values))
        for name, value in example_values(example).items():
            expected = sorted(value) if isinstance(value, list) else value
            got = sorted(decode_multi(row[name])) if isinstance(value, list) else row[name]
            assert got == expected, (example["titolo"], name)
        assert row["comune"] == example["comune"]

    report = sync(store, central)
    assert (report.sent_new, report.conflicts) == (6, [])
    assert (
        sql(
            postgis_server,
            central,
            "SELECT attori_nomi, attori, sttm FROM remix.segnalazioni_aree " "WHERE titolo = 'ARU ex ICOMA'",
        )
        == "Fondazione Cariplo, Coldiretti, Istituto Alberghiero Olmo, K-City|{associazioni,privati,pubblico}|{1,3}"
    )
    assert sql(postgis_server, central, "SELECT count(*) FROM remix.segnalazioni_punti") == "2"
    elsewhere = tmp_path / "cmm.gpkg"  # does not exist: created and filled from the central store
    report = sync(elsewhere, central)
    assert (report.received_new, report.sent_new) == (6, 0)
    assert content(elsewhere) == entered


# --- both ways, twice ----------------------------------------------------------------------------------


def test_sync_both_ways_then_again_changes_nothing(qgis_app, lookup, central, postgis_server, tmp_path):
    a, b = tmp_path / "comune.gpkg", tmp_path / "cmm.gpkg"
    first = new(a, lookup, "Centro civico di Rho")
    second = new(a, lookup, "Biblioteca di Pero", comune="Pero")
    third = new(a, lookup, HOSTILE, comune="Cassina de' Pecchi")
    assert sync(a, central).sent_new == 3
    assert sync(b, central).received_new == 3
    edit(b, first, stato="in_istruttoria")  # CMM takes it up
    delete(b, second)
    report = sync(b, central)
    assert (report.sent_changed, report.sent_deleted, report.received_new) == (1, 1, 0)
    report = sync(a, central)
    assert (report.received_changed, report.received_deleted, report.sent_new) == (1, 1, 0)
    assert content(a) == content(b) and set(content(a)) == {first, third}
    assert content(a)[third][1][0] == HOSTILE
    assert dict(zip(load_taxonomy().names, content(a)[first][1]))["stato"] == "in_istruttoria"
    # the deletion is kept centrally, flagged: a person can still get it back
    assert (
        sql(
            postgis_server,
            central,
            f"SELECT eliminata, titolo FROM remix.segnalazioni_punti " f"WHERE uuid = '{second}'",
        )
        == "t|Biblioteca di Pero"
    )
    revision = sql(postgis_server, central, "SELECT last_value FROM remix.segnalazioni_rev")
    before = store_digest(a), store_digest(b)
    for store in (a, b):
        report = sync(store, central)
        assert not report.changed and "già allineate" in report.summary()
    assert (store_digest(a), store_digest(b)) == before
    assert sql(postgis_server, central, "SELECT last_value FROM remix.segnalazioni_rev") == revision
    assert pending(a) == pending(b) == 0


# --- conflicts -------------------------------------------------------------------------------------------


def test_edits_on_both_sides_keep_both_versions(qgis_app, lookup, central, postgis_server, tmp_path):
    a, b = tmp_path / "comune.gpkg", tmp_path / "tablet.gpkg"
    x = new(a, lookup, "Centro civico")
    sync(a, central)
    sync(b, central)
    edit(a, x, titolo="Versione del Comune")
    edit(b, x, titolo="Versione del tablet", stato="inviata")
    assert sync(a, central).sent_changed == 1
    report = sync(b, central)
    assert report.sent_changed == 0 and len(report.conflicts) == 1
    assert (
        "«Versione del tablet» è stata modificata su questo dispositivo e nell'archivio centrale" in report.conflicts[0]
    )
    assert content(b)[x][1][0] == "Versione del Comune"  # the central version is the current one...
    [conflict] = conflicts(b)
    assert conflict.kind == "modifica_modifica"  # ...and the tablet's is kept whole, for a person to decide
    assert (conflict.lost.data["titolo"], conflict.lost.data["stato"]) == ("Versione del tablet", "inviata")
    assert (
        sql(
            postgis_server,
            central,
            "SELECT tipo, versione_persa->'campi'->>'titolo' " "FROM remix.segnalazioni_conflitti",
        )
        == "modifica_modifica|Versione del tablet"
    )
    assert not sync(b, central).changed and len(conflicts(b)) == 1  # again: no new conflict, nothing lost
    resolve(b, conflict.id, keep_local=True)
    assert conflicts(b) == [] and content(b)[x][1][0] == "Versione del tablet" and pending(b) == 1
    report = sync(b, central)
    assert (report.sent_changed, report.conflicts) == (1, [])
    assert sync(a, central).received_changed == 1
    assert content(a) == content(b) and content(a)[x][1][0] == "Versione del tablet"


def test_delete_against_edit_is_a_conflict_either_way(qgis_app, lookup, central, postgis_server, tmp_path):
    a, b = tmp_path / "comune.gpkg", tmp_path / "cmm.gpkg"
    x = new(a, lookup, "Casa di quartiere")
    y = new(a, lookup, "Orti urbani", comune="Pero")
    sync(a, central)
    sync(b, central)
    delete(a, x)
    edit(b, x, stato="accolta")
    edit(a, y, titolo="Orti urbani condivisi")
    delete(b, y)
    sync(b, central)  # CMM first: its edit of x and its deletion of y reach the central store
    report = sync(a, central)
    assert len(report.conflicts) == 2
    found = {c.uuid: c for c in conflicts(a)}
    # x: deleted here, edited there -> restored with the central edit, the deleted version kept
    assert found[x].kind == "eliminazione_modifica" and found[x].lost.data["titolo"] == "Casa di quartiere"
    assert dict(zip(load_taxonomy().names, content(a)[x][1]))["stato"] == "accolta"
    # y: edited here, deleted there -> deletion kept, the edit kept in the conflict record
    assert found[y].kind == "modifica_eliminazione" and found[y].lost.data["titolo"] == "Orti urbani condivisi"
    assert y not in content(a)
    resolve(a, found[y].id, keep_local=True)  # the Comune insists: the edit comes back
    resolve(a, found[x].id, keep_local=False)
    assert content(a)[y][1][0] == "Orti urbani condivisi" and conflicts(a) == []
    assert sync(a, central).sent_changed == 1
    assert (
        sql(postgis_server, central, f"SELECT eliminata, titolo FROM remix.segnalazioni_punti " f"WHERE uuid = '{y}'")
        == "f|Orti urbani condivisi"
    )
    assert sync(b, central).received_new == 1
    assert content(a) == content(b)


# --- interruption --------------------------------------------------------------------------------------------


def run_cli_until_paused(local, central, checkpoint, tmp_path, while_paused=None):
    """`python -m remix_plugin segnalazioni sync` in a child process, killed (SIGKILL) at `checkpoint`
    (after `while_paused()`, when given, has run)."""
    password = tmp_path / "master"
    password.write_text(MASTER_PASSWORD)
    password.chmod(0o600)
    env = dict(os.environ, **{"QGIS_AUTH_PASSWORD_FILE": str(password), "QT_QPA_PLATFORM": "offscreen"})
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "hold_at.py"),
            checkpoint,
            "segnalazioni",
            "sync",
            "--local",
            str(local),
            "--central",
            central,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    seen, deadline = [], time.monotonic() + 120
    try:
        while not (seen and seen[-1].startswith("REMIX_PAUSED")):
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the sync never reached {checkpoint}: {''.join(seen)}")
        if while_paused is not None:
            while_paused()
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -9


@pytest.mark.parametrize(
    "checkpoint,central_rows_at_kill,pending_at_kill",
    [
        ("push-central-pending:2", 500, 700),  # killed inside the 2nd central transaction: rolled back
        ("push-central-committed:2", 1000, 700),  # between the central and the local commit of batch 2
        ("push-local-committed:1", 500, 700),
    ],
)
def test_a_push_killed_midway_completes_next_time_without_loss_or_duplicates(
    qgis_app, lookup, central, postgis_server, tmp_path, checkpoint, central_rows_at_kill, pending_at_kill
):
    a = tmp_path / "tablet.gpkg"
    bulk(a, lookup, 1200)
    entered = content(a)
    run_cli_until_paused(a, central, checkpoint, tmp_path)
    count = (
        "SELECT count(*) FROM (SELECT uuid FROM remix.segnalazioni_aree UNION ALL "
        "SELECT uuid FROM remix.segnalazioni_punti) AS t"
    )
    assert int(sql(postgis_server, central, count)) == central_rows_at_kill
    assert pending(a) == pending_at_kill
    report = sync(a, central)
    assert report.sent_new + report.recovered == pending_at_kill and report.conflicts == []
    assert report.recovered == (500 if checkpoint == "push-central-committed:2" else 0)
    assert int(sql(postgis_server, central, count)) == 1200
    assert int(sql(postgis_server, central, count.replace("count(*)", "count(DISTINCT uuid)"))) == 1200
    assert pending(a) == 0 and content(a) == entered
    copy = tmp_path / "copia.gpkg"
    sync(copy, central)
    assert content(copy) == entered


def test_a_second_sync_of_the_same_store_is_refused_while_the_first_runs(qgis_app, lookup, central, tmp_path):
    a = tmp_path / "tablet.gpkg"
    bulk(a, lookup, 600)

    def second_sync():
        before = store_digest(a)
        with pytest.raises(RemixError, match=r"Sincronizzazione già in corso su questo archivio «tablet\.gpkg»"):
            sync(a, central)
        assert store_digest(a) == before

    run_cli_until_paused(a, central, "push-central-pending:1", tmp_path, while_paused=second_sync)
    report = sync(a, central)  # the first one was killed: its lock does not stop the next
    assert report.sent_new == 600 and pending(a) == 0


def test_an_edit_made_after_a_sync_killed_between_the_two_commits_is_sent_not_a_conflict(
    qgis_app, lookup, central, postgis_server, tmp_path
):
    """Killed after the central commit and before the local one, the change is central; the local row still
    looks pending. An edit made then must go up on top of our own change, not become a conflict that
    throws it away."""
    a = tmp_path / "tablet.gpkg"
    bulk(a, lookup, 20)
    run_cli_until_paused(a, central, "push-central-committed:1", tmp_path)
    uuid = next(iter(content(a)))
    edit(a, uuid, titolo="Rilievo corretto dopo l'interruzione")
    report = sync(a, central)
    assert report.conflicts == [] and pending(a) == 0
    table = content(a)[uuid][0]
    assert sql(postgis_server, central, f"SELECT titolo FROM remix.{table} WHERE uuid = '{uuid}'") == (
        "Rilievo corretto dopo l'interruzione"
    )
    assert content(a)[uuid][1][0] == "Rilievo corretto dopo l'interruzione"


def test_a_pull_killed_midway_completes_next_time_without_loss_or_duplicates(qgis_app, lookup, central, tmp_path):
    a, b = tmp_path / "comune.gpkg", tmp_path / "nuovo.gpkg"
    bulk(a, lookup, 1200)
    sync(a, central)
    run_cli_until_paused(b, central, "pull-local-pending:2", tmp_path)
    assert len(content(b)) == 500  # the first batch is in, the second was rolled back with the process
    report = sync(b, central)
    assert report.received_new == 700
    assert content(b) == content(a) and len(content(b)) == 1200


# --- scale --------------------------------------------------------------------------------------------------


def test_ten_thousand_segnalazioni(qgis_app, lookup, central, postgis_server, tmp_path):
    a, b = tmp_path / "comune.gpkg", tmp_path / "cmm.gpkg"
    bulk(a, lookup, 10000)
    report = sync(a, central)
    assert (report.sent_new, report.conflicts) == (10000, [])
    assert (
        sql(postgis_server, central, "SELECT count(DISTINCT uuid), count(*) FROM remix.segnalazioni_aree")
        == "5000|5000"
    )
    assert sync(b, central).received_new == 10000
    assert content(b) == content(a)
    assert not sync(a, central).changed and not sync(b, central).changed


# --- bad input ------------------------------------------------------------------------------------------------


def test_unreachable_or_foreign_central_stores_are_refused_and_nothing_is_lost(
    qgis_app, lookup, central, authcfg, postgis_server, tmp_path
):
    a = tmp_path / "comune.gpkg"
    new(a, lookup, "Centro civico")
    before = store_digest(a)
    closed = f"host=127.0.0.1 port={free_port()} dbname=remix authcfg={authcfg}"
    with pytest.raises(
        RemixError,
        match=r"Archivio centrale 127\.0\.0\.1:\d+/remix non raggiungibile: .*Nessun dato "
        r"è stato modificato: le segnalazioni restano nell'archivio locale",
    ):
        sync(a, closed)
    with pytest.raises(RemixError, match="password in chiaro: rifiutata"):
        sync(a, f"host=127.0.0.1 port={postgis_server.port} dbname=remix user=x password=segreta")
    with pytest.raises(RemixError, match="authcfg=nope123 non trovata nel gestore di autenticazione"):
        sync(a, f"host=127.0.0.1 port={postgis_server.port} dbname=remix authcfg=nope123")
    with pytest.raises(RemixError, match="Connessione PostgreSQL «Archivio CMM» non trovata"):
        sync(a, "Archivio CMM")
    missing = tmp_path / "mai_creato.gpkg"
    with pytest.raises(RemixError, match="non raggiungibile"):
        sync(missing, closed)
    assert not missing.exists() and store_digest(a) == before and pending(a) == 1
    # a central store of another schema version
    sync(tmp_path / "altro.gpkg", central)
    sql(postgis_server, central, "UPDATE remix.segnalazioni_meta SET valore = '3' WHERE chiave = 'versione_schema'")
    with pytest.raises(
        RemixError, match="ha lo schema delle segnalazioni versione «3», questo plugin usa la versione 2: aggiornare"
    ):
        sync(a, central)
    assert store_digest(a) == before


def test_a_database_not_set_up_or_with_other_tables_or_another_store_is_refused(
    qgis_app, lookup, central, postgis_server, tmp_path
):
    a = tmp_path / "comune.gpkg"
    new(a, lookup, "Centro civico")
    sync(a, central)
    other = central.replace("dbname=", "dbname=altro_")
    name = "altro_" + central.split("dbname=")[1].split()[0]
    postgis_server.psql(f"CREATE DATABASE {name} OWNER {postgis_server.user}", dbname="postgres")
    postgis_server.psql("CREATE EXTENSION postgis", dbname=name)
    try:
        # a database nobody set up: a sync never creates the schema, it says who must
        with pytest.raises(
            RemixError, match="non è predisposto .*eseguire «python -m remix_plugin segnalazioni central-setup»"
        ):
            sync(tmp_path / "nuovo.gpkg", other)
        assert not (tmp_path / "nuovo.gpkg").exists()
        assert (
            postgis_server.psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'remix'", dbname=name).strip() == "0"
        )
        # another store, set up: this local store belongs to the first
        central_setup(superuser_conninfo(postgis_server, name))
        grant(superuser_conninfo(postgis_server, name), postgis_server.user, "amministratore")
        before = store_digest(a)
        with pytest.raises(RemixError, match="è già sincronizzato con un altro archivio centrale"):
            sync(a, other)
        assert store_digest(a) == before
        # a schema «remix» that is not a store: central-setup leaves it alone
        postgis_server.psql(
            "DROP SCHEMA remix CASCADE; CREATE SCHEMA remix; CREATE TABLE remix.segnalazioni_aree (id int)", dbname=name
        )
        with pytest.raises(
            RemixError, match="contiene già una tabella «segnalazioni_aree» che non è un archivio RE.MIX"
        ):
            central_setup(superuser_conninfo(postgis_server, name))
        with pytest.raises(RemixError, match="questo accesso non è abilitato"):  # its owner never granted usage
            sync(tmp_path / "nuovo.gpkg", other)
    finally:
        postgis_server.psql(f"DROP DATABASE {name} WITH (FORCE)", dbname="postgres")
