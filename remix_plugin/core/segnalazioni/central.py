"""The central store of segnalazioni at CMM: PostgreSQL + PostGIS, schema `remix`, the same taxonomy.

Reached through a QGIS PostgreSQL connection (its name), or a libpq connection string that may name
a `service=` of pg_service.conf and an `authcfg=` of QGIS's authentication manager. Credentials are
read from the authentication manager in memory when connecting, never written anywhere; a
connection string carrying a password is refused. Messages name the database as host:port/name.

Every write gets a new revision from one sequence, under a transaction-scoped advisory lock, so
revisions become visible in the order they were given: "everything after revision N" is a safe
question for a pull. Rows are never deleted: a deletion (from sync, or a DELETE run by hand on the
table) sets `eliminata`, so a person can always get a row back.
"""

import json
import uuid as uuidlib
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Tuple

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsProviderRegistry

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.segnalazioni.schema import LAYERS, Taxonomy, load_taxonomy
from remix_plugin.core.segnalazioni.store import CRS_EPSG, Closing, Row, iso

SCHEMA = "remix"
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
        raise RemixError(
            "La connessione all'archivio centrale contiene una password in chiaro: rifiutata. Salvare le "
            "credenziali nel gestore di autenticazione di QGIS e usare authcfg=ID (oppure un servizio "
            "pg_service con il file .pgpass)."
        )
    return uri


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
        reason = " ".join(str(exc).split()) or type(exc).__name__
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


def schema_sql(taxonomy: Taxonomy) -> List[str]:
    """DDL of the central store, created in one transaction on an empty database."""
    q = f'"{SCHEMA}"'
    statements = [
        f"CREATE SCHEMA IF NOT EXISTS {q}",
        f"CREATE TABLE {q}.segnalazioni_meta (chiave text PRIMARY KEY, valore text NOT NULL)",
        f"CREATE SEQUENCE {q}.segnalazioni_rev",
        f"CREATE TABLE {q}.segnalazioni_valori (lista text, valore text, etichetta text NOT NULL, "
        "PRIMARY KEY (lista, valore))",
        f"CREATE TABLE {q}.segnalazioni_conflitti (id text PRIMARY KEY, uuid uuid NOT NULL, tabella text, "
        "tipo text, descrizione text, versione_persa jsonb, rev_vincente bigint, dispositivo text, "
        "creato_il timestamptz NOT NULL DEFAULT now())",
        f"""CREATE FUNCTION {q}.segnalazioni_revisione() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                    PERFORM pg_advisory_xact_lock({LOCK_KEY});
                    NEW.rev := nextval('{SCHEMA}.segnalazioni_rev');
                    IF TG_OP = 'INSERT' THEN
                      NEW.modifica_id := coalesce(NEW.modifica_id, gen_random_uuid()::text);
                      NEW.creata_il := coalesce(NEW.creata_il, now());
                      NEW.aggiornata_il := coalesce(NEW.aggiornata_il, now());
                    ELSIF NEW.modifica_id IS NOT DISTINCT FROM OLD.modifica_id THEN
                      NEW.modifica_id := gen_random_uuid()::text;  -- edited here, not by a sync
                      NEW.aggiornata_il := now();
                    END IF;
                    RETURN NEW;
                  END $$""",
        f"""CREATE FUNCTION {q}.segnalazioni_cestino() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                    EXECUTE format('UPDATE %I.%I SET eliminata = true, eliminata_il = now() WHERE uuid = $1',
                                   TG_TABLE_SCHEMA, TG_TABLE_NAME) USING OLD.uuid;
                    RETURN NULL;
                  END $$""",
    ]
    columns = ",\n".join(f'"{f.name}" {pg_type(f.kind)}' for f in taxonomy.fields if f.name != "uuid")
    for name in LAYERS:
        geometry = "MultiPolygon" if taxonomy.layers[name].geometry == "multipolygon" else "Point"
        statements += [
            f"""CREATE TABLE {q}."{name}" (uuid uuid PRIMARY KEY, {columns}, rev bigint NOT NULL DEFAULT 0,
            modifica_id text, eliminata boolean NOT NULL DEFAULT false, eliminata_il timestamptz,
            geom geometry({geometry}, {CRS_EPSG}))""",
            f'CREATE INDEX "{name}_rev" ON {q}."{name}" (rev)',
            f'CREATE INDEX "{name}_geom" ON {q}."{name}" USING gist (geom)',
            f'CREATE TRIGGER revisione BEFORE INSERT OR UPDATE ON {q}."{name}" '
            f"FOR EACH ROW EXECUTE FUNCTION {q}.segnalazioni_revisione()",
            f'CREATE TRIGGER cestino BEFORE DELETE ON {q}."{name}" FOR EACH ROW EXECUTE FUNCTION {q}.segnalazioni_cestino()',
        ]
    return statements


def ensure_schema(conn, where: str, taxonomy: Taxonomy = None) -> str:
    """Create the schema on an empty database, or check the one there; returns the store's id."""
    import psycopg2

    try:
        return _ensure_schema(conn, where, taxonomy or load_taxonomy())
    except psycopg2.Error as exc:
        reason = " ".join(str(exc).split())
        raise RemixError(
            f"Archivio centrale {where}: impossibile leggere o creare lo schema «{SCHEMA}» delle "
            f"segnalazioni ({reason}). Nessun dato è stato modificato."
        ) from exc


def _ensure_schema(conn, where: str, taxonomy: Taxonomy) -> str:
    with conn, conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        cur.execute("SELECT to_regclass(%s), to_regclass(%s)", (f"{SCHEMA}.segnalazioni_meta", f"{SCHEMA}.{LAYERS[0]}"))
        meta, table = cur.fetchone()
        if meta is None:
            if table is not None:
                raise RemixError(
                    f"Il database {where} contiene già una tabella «{SCHEMA}.{LAYERS[0]}» che non è "
                    "un archivio RE.MIX (manca la tabella segnalazioni_meta): nessuna modifica fatta."
                )
            _create(cur, taxonomy, where)
        cur.execute(f'SELECT chiave, valore FROM "{SCHEMA}".segnalazioni_meta')
        values = dict(cur.fetchall())
    version = values.get("versione_schema", "")
    if version != str(taxonomy.schema_version):
        raise RemixError(
            f"L'archivio centrale {where} ha lo schema delle segnalazioni versione «{version}», questo "
            f"plugin usa la versione {taxonomy.schema_version}: aggiornare il plugin (o l'archivio) prima "
            "di sincronizzare. Nessun dato è stato modificato."
        )
    return values["id_archivio"]


def _create(cur, taxonomy: Taxonomy, where: str) -> None:
    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if cur.fetchone() is None:
        import psycopg2

        try:
            cur.execute("SAVEPOINT estensione; CREATE EXTENSION postgis; RELEASE SAVEPOINT estensione")
        except psycopg2.Error as exc:  # no rights to create it
            cur.execute("ROLLBACK TO SAVEPOINT estensione")
            raise RemixError(
                f"Il database {where} non ha l'estensione PostGIS e l'utente non può installarla: "
                "chiedere all'amministratore «CREATE EXTENSION postgis»."
            ) from exc
    for statement in schema_sql(taxonomy):
        cur.execute(statement)
    cur.executemany(
        f'INSERT INTO "{SCHEMA}".segnalazioni_meta VALUES (%s, %s)',
        [("versione_schema", str(taxonomy.schema_version)), ("id_archivio", str(uuidlib.uuid4()))],
    )
    cur.executemany(
        f'INSERT INTO "{SCHEMA}".segnalazioni_valori VALUES (%s, %s, %s)',
        [(name, code, label) for name, items in taxonomy.lists.items() for code, label in items],
    )


# --- rows -------------------------------------------------------------------------------------


class CentralStore(Closing):
    """Reads and writes of one sync, each batch in one transaction holding the writers' lock."""

    def __init__(self, spec: str):
        self.taxonomy = load_taxonomy()
        self.conn, self.where = connect(spec)
        try:
            self.id = ensure_schema(self.conn, self.where, self.taxonomy)
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
            reason = " ".join(str(exc).split())
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

    def mark_deleted(self, cur, table: str, uuid: str, change_id: str, when: str) -> int:
        cur.execute(
            f"UPDATE {self._table(table)} SET eliminata = true, eliminata_il = %s::timestamptz, "
            "modifica_id = %s WHERE uuid = %s::uuid RETURNING rev",
            (when, change_id, uuid),
        )
        return cur.fetchone()[0]

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

    def changes_since(self, rev: int) -> List[Tuple[str, int]]:
        """(uuid, rev) of every row written after revision `rev`, in revision order."""
        with self.conn, self.conn.cursor() as cur:
            cur.execute(
                " UNION ALL ".join(f"SELECT uuid::text, rev FROM {self._table(n)} WHERE rev > %s" for n in LAYERS)
                + " ORDER BY 2",
                (rev,) * len(LAYERS),
            )
            return cur.fetchall()

    def fetch(self, uuids: List[str]) -> Dict[str, Row]:
        with self.conn, self.conn.cursor() as cur:
            return self.rows(cur, uuids)


def conflict_json(row: Row) -> str:
    """The losing version in full, as stored in a conflict record (geometry as WKB hex)."""
    return json.dumps(
        {"tabella": row.table, "campi": row.data, "geometria_wkb": row.wkb.hex() if row.wkb else None},
        ensure_ascii=False,
    )
