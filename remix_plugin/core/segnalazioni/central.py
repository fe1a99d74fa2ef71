"""The central store of segnalazioni at CMM: PostgreSQL + PostGIS, schema `remix`, the same taxonomy.

Reached through a QGIS PostgreSQL connection (its name), or a libpq connection string that may name
a `service=` of pg_service.conf and an `authcfg=` of QGIS's authentication manager. Credentials are
read from the authentication manager in memory when connecting, never written anywhere; a
connection string carrying a password is refused. Messages name the database as host:port/name.

The schema is set up by an administrator (central_setup.py), never by a sync: its rules (who reads and
writes which rows) are PostgreSQL's. Here, the rows: every write gets a new revision from one sequence,
under a transaction-scoped advisory lock, so revisions become visible in the order they were given:
"everything after revision N" is a safe question for a pull. A write the rules refuse is refused on its
own (`guarded`). Rows are never deleted: a deletion sets `eliminata`, so a person can always get a row back.
"""

import json
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Tuple

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsProviderRegistry

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.secrets import has_password, redact
from remix_plugin.core.segnalazioni.schema import LAYERS, load_taxonomy
from remix_plugin.core.segnalazioni.store import CRS_EPSG, Closing, Row, iso

SCHEMA = "remix"
REFUSALS = ("42501", "23505")  # insufficient privilege (also row-level security, the rules); a row it cannot see
ROW_SECURITY = "regole dell'archivio centrale (sicurezza per riga)"
SCHEMA_VERSION = 2  # of the central schema (central_setup.py); the taxonomy's schema_version is the local stores'
LOCK_KEY = 7291504213  # pg_advisory_xact_lock key of the segnalazioni writers
CONNECT_TIMEOUT_S = 10
_PG_TYPES = {"multichoice": "text[]", "number": "double precision", "timestamp": "timestamptz", "uuid": "uuid"}


def pg_type(kind: str) -> str:
    return _PG_TYPES.get(kind, "text")


# --- connection ---------------------------------------------------------------------------------


def connection_uri(spec: str) -> QgsDataSourceUri:
    """The central store's address: a QGIS PostgreSQL connection name, or a connection string."""
    spec = (spec or "").strip()
    if not spec:
        raise RemixError(
            "Archivio centrale delle segnalazioni non indicato: scegliere una connessione PostgreSQL "
            "di QGIS nelle impostazioni RE.MIX, o indicare --central."
        )
    if has_password(spec):  # also a postgresql://user:password@host URI, never quoted back
        raise RemixError(PASSWORD_REFUSED)
    if "=" not in spec:
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        connections = metadata.connections() if metadata is not None else {}
        if spec not in connections:
            raise RemixError(
                f"Connessione PostgreSQL «{spec}» non trovata tra quelle di QGIS. Connessioni presenti: "
                f"{', '.join(sorted(connections)) or 'nessuna'}."
            )
        uri = QgsDataSourceUri(connections[spec].uri())
    else:
        uri = QgsDataSourceUri(spec)
    if uri.password():
        raise RemixError(PASSWORD_REFUSED)
    return uri


PASSWORD_REFUSED = (
    "La connessione all'archivio centrale contiene una password in chiaro: rifiutata. Salvare le credenziali nel "
    "gestore di autenticazione di QGIS e usare authcfg=ID (oppure un servizio pg_service con il file .pgpass)."
)


def pg_reason(exc) -> str:
    """PostgreSQL's message on one line, for an Italian message to quote: never with a password in it."""
    return redact(" ".join(str(exc).split()))


def describe(uri: QgsDataSourceUri) -> str:
    """host:port/database (or the service name): never a user name or a password."""
    if uri.service() and not uri.host():
        return f"servizio «{uri.service()}»"
    return f"{uri.host() or 'localhost'}:{uri.port() or '5432'}/{uri.database() or '?'}"


def _libpq_conninfo(uri: QgsDataSourceUri) -> str:
    authcfg = uri.authConfigId()
    if authcfg:
        manager = QgsApplication.authManager()
        if authcfg not in manager.configIds():
            raise RemixError(
                f"Configurazione di autenticazione authcfg={authcfg} non trovata nel gestore di "
                f"autenticazione di QGIS (archivio centrale {describe(uri)})."
            )
        ok, _config = manager.loadAuthenticationConfig(authcfg, QgsAuthMethodConfig(), True)
        if not ok:
            raise RemixError(
                f"Credenziali authcfg={authcfg} non leggibili: sbloccare il gestore di autenticazione "
                "di QGIS con la password principale."
            )
    return uri.connectionInfo(True)


def connect(spec: str):
    """(open psycopg2 connection, its description): autocommit off, time zone UTC."""
    try:
        import psycopg2
    except ImportError as exc:
        raise RemixError(
            "Per l'archivio centrale serve il modulo Python psycopg2 (in Debian: python3-psycopg2; "
            "incluso nelle installazioni di QGIS per Windows)."
        ) from exc
    uri = connection_uri(spec)
    where = describe(uri)
    try:
        conn = psycopg2.connect(
            _libpq_conninfo(uri), connect_timeout=CONNECT_TIMEOUT_S, application_name="RE.MIX segnalazioni"
        )
    except psycopg2.Error as exc:
        reason = pg_reason(exc) or type(exc).__name__
        raise RemixError(
            f"Archivio centrale {where} non raggiungibile: {reason}. Nessun dato è stato modificato: "
            "le segnalazioni restano nell'archivio locale."
        ) from exc
    conn.autocommit = False
    with conn.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
    conn.commit()
    return conn, where


# --- schema -------------------------------------------------------------------------------------

NOT_SET_UP = (
    "L'archivio centrale {where} non è predisposto per le segnalazioni RE.MIX{why}: chiedere a Città metropolitana "
    "di eseguire «python -m remix_plugin segnalazioni central-setup». Nessun dato è stato modificato."
)


def check_schema(conn, where: str) -> str:
    """The store's id, once sure the schema is there, of this version, and open to this login; never creates
    or alters anything (that is `central-setup`'s, run by an administrator)."""
    import psycopg2

    try:
        with conn, conn.cursor() as cur:
            cur.execute("SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = %s", (SCHEMA,))
            found = cur.fetchone()
            if found is None:
                raise RemixError(NOT_SET_UP.format(where=where, why=""))
            if not found[0]:
                raise RemixError(NOT_ALLOWED.format(where=where))
            cur.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.segnalazioni_meta",))
            if cur.fetchone()[0] is None:
                raise RemixError(NOT_SET_UP.format(where=where, why=""))
            cur.execute(f'SELECT chiave, valore FROM "{SCHEMA}".segnalazioni_meta')
            values = dict(cur.fetchall())
    except psycopg2.Error as exc:
        if getattr(exc, "pgcode", "") == "42501":
            raise RemixError(NOT_ALLOWED.format(where=where)) from exc
        raise RemixError(
            f"Archivio centrale {where}: impossibile leggere lo schema «{SCHEMA}» delle segnalazioni "
            f"({pg_reason(exc)}). Nessun dato è stato modificato."
        ) from exc
    version = values.get("versione_schema", "")
    if not values:  # a member sees the meta rows: none means this login is not one
        raise RemixError(NOT_ALLOWED.format(where=where))
    if version.isdigit() and int(version) > SCHEMA_VERSION:
        raise RemixError(
            f"L'archivio centrale {where} ha lo schema delle segnalazioni versione «{version}», questo plugin usa la "
            f"versione {SCHEMA_VERSION}: aggiornare il plugin prima di sincronizzare. Nessun dato è stato modificato."
        )
    if version != str(SCHEMA_VERSION):
        raise RemixError(
            NOT_SET_UP.format(where=where, why=f" (schema versione «{version}», serve la {SCHEMA_VERSION})")
        )
    return values["id_archivio"]


NOT_ALLOWED = (
    "Archivio centrale {where}: questo accesso non è abilitato alle segnalazioni RE.MIX. Chiedere a Città "
    "metropolitana di abilitarlo («python -m remix_plugin segnalazioni grant»). Nessun dato è stato modificato."
)


# --- rows -------------------------------------------------------------------------------------


class CentralStore(Closing):
    """Reads and writes of one sync, each batch in one transaction holding the writers' lock."""

    def __init__(self, spec: str):
        self.taxonomy = load_taxonomy()
        self.conn, self.where = connect(spec)
        try:
            self.id = check_schema(self.conn, self.where)
        except BaseException:
            self.conn.close()
            raise
        self._data = [f for f in self.taxonomy.fields if f.name != "uuid"]
        self._select = ", ".join(
            ["uuid::text"]
            + [f'"{f.name}"' for f in self._data]
            + ["ST_AsBinary(geom)", "rev", "modifica_id", "eliminata"]
        )
        self._template = (
            "("
            + ", ".join(
                ["%s::uuid"]
                + [f"%s::{pg_type(f.kind)}" for f in self._data]
                + ["%s", f"ST_GeomFromWKB(%s, {CRS_EPSG})"]
            )
            + ")"
        )

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator:
        """One central transaction; the writers' lock is held until it ends (commit or rollback)."""
        import psycopg2

        try:
            with self.conn, self.conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                yield cur
        except psycopg2.Error as exc:
            reason = pg_reason(exc)
            raise RemixError(
                f"Archivio centrale {self.where}: operazione non riuscita ({reason}). La transazione "
                "è stata annullata: nessun dato perso, la prossima sincronizzazione riprende da qui."
            ) from exc

    def _table(self, name: str) -> str:
        return f'"{SCHEMA}"."{name}"'

    def _row(self, table: str, record) -> Row:
        values = list(record)
        data = {"uuid": values[0]}
        for f, value in zip(self._data, values[1:]):
            if f.kind == "timestamp":
                value = iso(value)
            elif f.kind == "multichoice":
                value = list(value or [])
            data[f.name] = value
        wkb, rev, change_id, deleted = values[-4:]
        return Row(table, values[0], data, bytes(wkb) if wkb is not None else None, rev, change_id, deleted=deleted)

    def _params(self, row: Row) -> tuple:
        import psycopg2

        values: List[object] = [row.uuid]
        for f in self._data:
            value: Any = row.data.get(f.name)  # a multiple choice is a list
            values.append((list(value) or None) if f.kind == "multichoice" and value is not None else value)
        return (*values, row.change_id, psycopg2.Binary(row.wkb) if row.wkb else None)

    def states(self, cur, uuids: List[str]) -> Dict[str, Tuple[str, int, str, bool]]:
        """uuid -> (table, rev, modifica_id, eliminata), the rows locked until the transaction ends."""
        found = {}
        for name in LAYERS:
            cur.execute(
                f"SELECT uuid::text, rev, modifica_id, eliminata FROM {self._table(name)} "
                "WHERE uuid = ANY(%s::uuid[]) FOR UPDATE",
                (uuids,),
            )
            found.update({u: (name, rev, change, deleted) for u, rev, change, deleted in cur.fetchall()})
        return found

    def rows(self, cur, uuids: List[str]) -> Dict[str, Row]:
        found = {}
        for name in LAYERS:
            cur.execute(f"SELECT {self._select} FROM {self._table(name)} WHERE uuid = ANY(%s::uuid[])", (uuids,))
            found.update({r[0]: self._row(name, r) for r in cur.fetchall()})
        return found

    def insert(self, cur, rows: List[Row]) -> Dict[str, int]:
        """New rows; returns uuid -> the revision each got."""
        from psycopg2.extras import execute_values

        revs = {}
        for name in LAYERS:
            batch = [self._params(r) for r in rows if r.table == name]
            if batch:
                columns = ", ".join(["uuid"] + [f'"{f.name}"' for f in self._data] + ["modifica_id", "geom"])
                result = execute_values(
                    cur,
                    f"INSERT INTO {self._table(name)} ({columns}) VALUES %s " "RETURNING uuid::text, rev",
                    batch,
                    template=self._template,
                    page_size=500,
                    fetch=True,
                )
                revs.update(dict(result))
        return revs

    def update(self, cur, rows: List[Row]) -> Dict[str, int]:
        """Overwrite rows with these versions (and undelete them); returns uuid -> new revision."""
        from psycopg2.extras import execute_values

        revs = {}
        names = ["uuid"] + [f.name for f in self._data] + ["modifica_id", "geom"]
        assignments = ", ".join(f'"{n}" = v."{n}"' for n in names[1:])
        columns = ", ".join(f'"{n}"' for n in names)
        for name in LAYERS:
            batch = [self._params(r) for r in rows if r.table == name]
            if batch:
                result = execute_values(
                    cur,
                    f"UPDATE {self._table(name)} AS t SET {assignments}, eliminata = false, eliminata_il = NULL "
                    f"FROM (VALUES %s) AS v ({columns}) WHERE t.uuid = v.uuid RETURNING t.uuid::text, t.rev",
                    batch,
                    template=self._template,
                    page_size=500,
                    fetch=True,
                )
                revs.update(dict(result))
        return revs

    def mark_deleted(self, cur, tombs: list) -> Dict[str, int]:
        """Tombstones (a deletion is never a DELETE); returns uuid -> new revision of those this login may delete."""
        revs = {}
        for tomb in tombs:
            cur.execute(
                f"UPDATE {self._table(tomb.table)} SET eliminata = true, eliminata_il = %s::timestamptz, "
                "modifica_id = %s WHERE uuid = %s::uuid RETURNING uuid::text, rev",
                (tomb.deleted_at, tomb.change_id, tomb.uuid),
            )
            revs.update(dict(cur.fetchall()))
        return revs

    def guarded(self, cur, write, items: list) -> Tuple[Dict[str, int], Dict[str, str]]:
        """`write(cur, items) -> {uuid: rev}` under the database's rules: what this login may not write (no
        privilege, row-level security, the rules' triggers, a row it cannot see) is refused on its own and the
        rest goes through. Returns (revisions, {uuid: PostgreSQL's reason} of the refused)."""
        import psycopg2

        if not items:
            return {}, {}
        cur.execute("SAVEPOINT lotto")
        try:
            revs = write(cur, items)
            cur.execute("RELEASE SAVEPOINT lotto")
        except psycopg2.Error as exc:
            if getattr(exc, "pgcode", "") not in REFUSALS:
                raise
            cur.execute("ROLLBACK TO SAVEPOINT lotto")
            revs, refused = {}, {}
            for item in items:  # one by one: only the refused ones stay out
                cur.execute("SAVEPOINT riga")
                try:
                    revs.update(write(cur, [item]))
                    cur.execute("RELEASE SAVEPOINT riga")
                except psycopg2.Error as row_exc:
                    if getattr(row_exc, "pgcode", "") not in REFUSALS:
                        raise
                    cur.execute("ROLLBACK TO SAVEPOINT riga")
                    refused[item.uuid] = pg_reason(row_exc)
            return revs, {**{i.uuid: ROW_SECURITY for i in items if i.uuid not in revs}, **refused}
        # an UPDATE that row-level security hides touches nothing and says nothing: refused too
        return revs, {i.uuid: ROW_SECURITY for i in items if i.uuid not in revs}

    def add_conflicts(self, cur, conflicts: List[dict]) -> None:
        for c in conflicts:
            cur.execute(
                f'INSERT INTO "{SCHEMA}".segnalazioni_conflitti (id, uuid, tabella, tipo, descrizione, '
                "versione_persa, rev_vincente, dispositivo, creato_il) VALUES (%s, %s::uuid, %s, %s, %s, "
                "%s::jsonb, %s, %s, %s::timestamptz) ON CONFLICT (id) DO NOTHING",
                (
                    c["id"],
                    c["uuid"],
                    c["tabella"],
                    c["tipo"],
                    c["descrizione"],
                    c["versione_persa"],
                    c["rev_vincente"],
                    c["dispositivo"],
                    c["creato_il"],
                ),
            )

    def visible(self, scope=None) -> set:
        """The uuids of every row this login may read now (row-level security decides), of `scope`'s Comuni."""
        where, args = _in_scope(scope)
        with self.conn, self.conn.cursor() as cur:
            cur.execute(
                " UNION ALL ".join(f"SELECT uuid::text FROM {self._table(n)} WHERE true{where}" for n in LAYERS),
                args * len(LAYERS),
            )
            return {uuid for (uuid,) in cur.fetchall()}

    def changes_since(self, rev: int, scope=None) -> List[Tuple[str, int]]:
        """(uuid, rev) of every row written after revision `rev` (of `scope`'s Comuni), in revision order."""
        where, args = _in_scope(scope)
        with self.conn, self.conn.cursor() as cur:
            cur.execute(
                " UNION ALL ".join(
                    f"SELECT uuid::text, rev FROM {self._table(n)} WHERE rev > %s{where}" for n in LAYERS
                )
                + " ORDER BY 2",
                ((rev, *args)) * len(LAYERS),
            )
            return cur.fetchall()

    def history(self, uuid: str) -> List[Tuple[str, str, str, dict]]:
        """(time, login, operation, fields changed) of a segnalazione, oldest first: the signed writes this login
        may read (the istruttoria all, a Comune its own Comuni's)."""
        with self.conn, self.conn.cursor() as cur:
            cur.execute(
                f'SELECT quando, ruolo_db, operazione, modifica FROM "{SCHEMA}".segnalazioni_storia '
                "WHERE uuid = %s::uuid ORDER BY id",
                (uuid,),
            )
            return [(iso(when), who, what, change or {}) for when, who, what, change in cur.fetchall()]

    def fetch(self, uuids: List[str]) -> Dict[str, Row]:
        with self.conn, self.conn.cursor() as cur:
            return self.rows(cur, uuids)


def history_lines(rows) -> List[str]:
    """The signed history as a person reads it: «07/12/2026 15:02  comune_rho  modifica  stato, titolo»."""
    from remix_plugin.core.base import formatting

    lines = []
    for when, who, what, change in rows:
        shown = () if what == "inserimento" else change  # a new row: every field, nothing to point out
        fields = ", ".join(sorted(k for k in shown if k not in ("aggiornata_il", "creata_il")))
        lines.append(f"{formatting.date(when)} {when[11:16]}  {who:24} {what:12} {redact(fields)}".rstrip())
    return lines


def _in_scope(scope) -> Tuple[str, tuple]:
    """An SQL condition (and its parameters) keeping the rows of these ISTAT codes; none for None (all)."""
    return ("", ()) if scope is None else (" AND comune_istat = ANY(%s)", (list(scope),))


def conflict_json(row: Row) -> str:
    """The losing version in full, as stored in a conflict record (geometry as WKB hex)."""
    return json.dumps(
        {"tabella": row.table, "campi": row.data, "geometria_wkb": row.wkb.hex() if row.wkb else None},
        ensure_ascii=False,
    )
