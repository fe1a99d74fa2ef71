"""Setting up the central store, once, by an administrator: `segnalazioni central-setup`, `grant`, `revoke`.

The rules are PostgreSQL's, not the plugin's (docs/ARCHIVIO_CENTRALE.md):
- the schema and everything in it belong to `remix_owner`, a role nobody logs in as: only it (and a
  superuser) can alter a table or disable a trigger;
- three group roles get the table privileges: `remix_comuni`, `remix_istruttoria`, `remix_admin`;
  who serves which Comuni is a row of `segnalazioni_membri` (a login may serve several: an Unione);
- row-level security on every table. A Comune reads its own Comuni's segnalazioni and every one already
  «accolta»; it inserts and updates only its own, only in stato bozza or inviata, never moves one to
  another Comune, never writes `note_istruttoria`, and has no DELETE (a deletion is a tombstone). The
  istruttoria reads all and changes only stato (to in istruttoria, accolta, archiviata) and its notes;
- every insert and update is signed in `segnalazioni_storia` by a trigger: the login (`session_user`),
  the time, the revision and the fields that changed. Nobody can write that table directly.

Idempotent: run again after an upgrade, it migrates (a schema made by version 1 of the plugin, owned by
whichever role first synced, is taken over by `remix_owner`, its data kept).
"""

import uuid as uuidlib
from dataclasses import dataclass, field
from typing import List, Sequence

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.segnalazioni.central import LOCK_KEY, SCHEMA, SCHEMA_VERSION, connect, pg_reason, pg_type
from remix_plugin.core.segnalazioni.schema import FILING_STATES, LAYERS, Taxonomy, load_taxonomy
from remix_plugin.core.segnalazioni.store import CRS_EPSG

OWNER, COMUNI, ISTRUTTORIA, ADMIN = "remix_owner", "remix_comuni", "remix_istruttoria", "remix_admin"
GROUPS = {"comune": COMUNI, "istruttoria": ISTRUTTORIA, "amministratore": ADMIN}
COMUNE_STATES = FILING_STATES
ISTRUTTORIA_STATES = ("in_istruttoria", "accolta", "archiviata")
# what the istruttoria may change in a Comune's segnalazione (the rest is set by the triggers)
ISTRUTTORIA_FIELDS = ("stato", "note_istruttoria", "rev", "modifica_id", "aggiornata_il", "creata_il")
Q = f'"{SCHEMA}"'


@dataclass
class SetupReport:
    where: str
    created: bool = False
    migrated_from: str = ""
    steps: List[str] = field(default_factory=list)

    def summary(self) -> str:
        what = (
            "creato"
            if self.created
            else f"aggiornato dalla versione {self.migrated_from}"
            if self.migrated_from
            else "verificato"
        )
        return (
            f"Archivio centrale {self.where}: schema «{SCHEMA}» {what} (versione {SCHEMA_VERSION}), di proprietà "
            f"di «{OWNER}»; ruoli {COMUNI}, {ISTRUTTORIA}, {ADMIN}; sicurezza per riga attiva su ogni tabella."
        )


def central_setup(spec: str) -> SetupReport:
    """Create or migrate the schema, its roles, grants and policies; RemixError naming what the role lacks."""
    import psycopg2

    conn, where = connect(spec)
    report = SetupReport(where)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            _check_rights(cur, where)
            _roles(cur)
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            superuser = cur.fetchone()[0]
            if not superuser:  # to hand objects over to the owner, one must be able to act as it; undone below
                cur.execute(f"GRANT {OWNER} TO CURRENT_USER")
            version = _version(cur, where)
            if version is None:
                _extension(cur, where)
                cur.execute(f"CREATE SCHEMA {Q} AUTHORIZATION {OWNER}")
                cur.execute(f"SET LOCAL ROLE {OWNER}")
                _base(cur, load_taxonomy())
                report.created = True
            else:
                _take_over(cur, where)
                cur.execute(f"SET LOCAL ROLE {OWNER}")
                if version != str(SCHEMA_VERSION):
                    _migrate(cur, version)
                    report.migrated_from = version
            _rules(cur)
            cur.execute(
                f"UPDATE {Q}.segnalazioni_meta SET valore = %s WHERE chiave = 'versione_schema'", (str(SCHEMA_VERSION),)
            )
            cur.execute("RESET ROLE")
            if not superuser:
                cur.execute(f"REVOKE {OWNER} FROM CURRENT_USER")
    except psycopg2.Error as exc:
        reason = pg_reason(exc)
        raise RemixError(
            f"Archivio centrale {where}: predisposizione non riuscita ({reason}). Nessuna modifica fatta."
        ) from exc
    finally:
        conn.close()
    return report


def _check_rights(cur, where: str) -> None:
    cur.execute(
        "SELECT current_user, rolsuper, rolcreaterole, has_database_privilege(current_database(), 'CREATE') "
        "FROM pg_roles WHERE rolname = current_user"
    )
    user, superuser, createrole, create = cur.fetchone()
    if not superuser and not (createrole and create):
        raise RemixError(
            f"Archivio centrale {where}: il ruolo «{user}» non può predisporre l'archivio. Serve un superutente, "
            "oppure un ruolo con l'attributo CREATEROLE e il permesso CREATE sul database (di solito il "
            "proprietario del database). Nessuna modifica fatta."
        )


def _roles(cur) -> None:
    for role in (OWNER, COMUNI, ISTRUTTORIA, ADMIN):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute(f"CREATE ROLE {role} NOLOGIN")


def _version(cur, where: str):
    """None: no store here; else its version («1»: made by the first releases, owned by whoever synced first)."""
    cur.execute(
        "SELECT pg_get_userbyid(nspowner), pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace "
        "WHERE nspname = %s",
        (SCHEMA,),
    )
    found = cur.fetchone()
    if found is not None and not found[1]:
        raise RemixError(_NOT_OWNER.format(where=where, owner=found[0]))
    cur.execute("SELECT to_regclass(%s), to_regclass(%s)", (f"{SCHEMA}.segnalazioni_meta", f"{SCHEMA}.{LAYERS[0]}"))
    meta, table = cur.fetchone()
    if meta is None:
        if table is not None:
            raise RemixError(
                f"Lo schema «{SCHEMA}» contiene già una tabella «{LAYERS[0]}» che non è un archivio RE.MIX (manca "
                "la tabella segnalazioni_meta): nessuna modifica fatta."
            )
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (SCHEMA,))
        return None if cur.fetchone() is None else _refuse_foreign_schema()
    cur.execute(f"SELECT valore FROM {Q}.segnalazioni_meta WHERE chiave = 'versione_schema'")
    return cur.fetchone()[0]


_NOT_OWNER = (
    "Archivio centrale {where}: lo schema «" + SCHEMA + "» è stato creato dal ruolo «{owner}» (una versione precedente "
    "del plugin lo creava alla prima sincronizzazione). Eseguire central-setup come «{owner}» o come superutente per "
    "passarlo al ruolo proprietario. Nessuna modifica fatta."
)


def _refuse_foreign_schema():
    raise RemixError(
        f"Il database ha già uno schema «{SCHEMA}» che non è un archivio RE.MIX: nessuna modifica fatta. "
        "Rinominarlo, o predisporre l'archivio in un altro database."
    )


def _extension(cur, where: str) -> None:
    import psycopg2

    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if cur.fetchone() is None:
        try:
            cur.execute("SAVEPOINT estensione; CREATE EXTENSION postgis; RELEASE SAVEPOINT estensione")
        except psycopg2.Error as exc:
            cur.execute("ROLLBACK TO SAVEPOINT estensione")
            raise RemixError(
                f"Il database {where} non ha l'estensione PostGIS e il ruolo non può installarla: chiedere a un "
                "superutente «CREATE EXTENSION postgis»."
            ) from exc


def _base(cur, taxonomy: Taxonomy) -> None:
    """The tables of version 1, as the owner (the later versions' additions come from `_migrate`)."""
    columns = ",\n".join(
        f'"{f.name}" {pg_type(f.kind)}' for f in taxonomy.fields if f.name not in ("uuid", "note_istruttoria")
    )
    cur.execute(f"CREATE TABLE {Q}.segnalazioni_meta (chiave text PRIMARY KEY, valore text NOT NULL)")
    cur.execute(f"CREATE SEQUENCE {Q}.segnalazioni_rev")
    cur.execute(
        f"CREATE TABLE {Q}.segnalazioni_valori (lista text, valore text, etichetta text NOT NULL, "
        "PRIMARY KEY (lista, valore))"
    )
    cur.execute(
        f"CREATE TABLE {Q}.segnalazioni_conflitti (id text PRIMARY KEY, uuid uuid NOT NULL, tabella text, "
        "tipo text, descrizione text, versione_persa jsonb, rev_vincente bigint, dispositivo text, "
        "creato_il timestamptz NOT NULL DEFAULT now())"
    )
    for name in LAYERS:
        geometry = "MultiPolygon" if taxonomy.layers[name].geometry == "multipolygon" else "Point"
        cur.execute(
            f"""CREATE TABLE {Q}."{name}" (uuid uuid PRIMARY KEY, {columns}, rev bigint NOT NULL DEFAULT 0,
            modifica_id text, eliminata boolean NOT NULL DEFAULT false, eliminata_il timestamptz,
            geom geometry({geometry}, {CRS_EPSG}))"""
        )
        cur.execute(f'CREATE INDEX "{name}_rev" ON {Q}."{name}" (rev)')
        cur.execute(f'CREATE INDEX "{name}_geom" ON {Q}."{name}" USING gist (geom)')
    cur.executemany(
        f"INSERT INTO {Q}.segnalazioni_meta VALUES (%s, %s)",
        [("versione_schema", "1"), ("id_archivio", str(uuidlib.uuid4()))],
    )
    cur.executemany(
        f"INSERT INTO {Q}.segnalazioni_valori VALUES (%s, %s, %s)",
        [(name, code, label) for name, items in taxonomy.lists.items() for code, label in items],
    )
    _migrate(cur, "1")


def _take_over(cur, where: str) -> None:
    """Hand the schema and all in it to the owner role (a version-1 schema belongs to whoever synced first)."""
    from psycopg2 import errors

    cur.execute(
        "SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON "
        "n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind IN ('r', 'S', 'v') "
        "UNION ALL SELECT p.oid::regprocedure::text, 'f', pg_get_userbyid(p.proowner) FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s "
        "UNION ALL SELECT nspname, 'n', pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = %s",
        (SCHEMA, SCHEMA, SCHEMA),
    )
    objects = [row for row in cur.fetchall() if row[2] != OWNER]
    kinds = {"r": "TABLE", "S": "SEQUENCE", "v": "VIEW", "f": "FUNCTION", "n": "SCHEMA"}
    for name, kind, owner in sorted(objects, key=lambda row: row[1] != "n"):
        target = name if kind == "f" else f'"{name}"' if kind == "n" else f'{Q}."{name}"'
        try:
            cur.execute("SAVEPOINT proprietario")
            cur.execute(f"ALTER {kinds[kind]} {target} OWNER TO {OWNER}")
            cur.execute("RELEASE SAVEPOINT proprietario")
        except errors.InsufficientPrivilege as exc:
            cur.execute("ROLLBACK TO SAVEPOINT proprietario")
            raise RemixError(_NOT_OWNER.format(where=where, owner=owner)) from exc


def _migrate(cur, version: str) -> None:
    """Version 1 -> 2: the istruttoria's notes, who wrote each conflict, the members, the signed history."""
    if version == "1":
        for name in LAYERS:
            cur.execute(f'ALTER TABLE {Q}."{name}" ADD COLUMN IF NOT EXISTS note_istruttoria text')
        cur.execute(
            f"ALTER TABLE {Q}.segnalazioni_conflitti ADD COLUMN IF NOT EXISTS ruolo_db name NOT NULL "
            "DEFAULT session_user"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {Q}.segnalazioni_membri (login name NOT NULL, ruolo text NOT NULL "
            "CHECK (ruolo IN ('comune', 'istruttoria', 'amministratore')), comune_istat text NOT NULL DEFAULT '', "
            "PRIMARY KEY (login, ruolo, comune_istat))"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {Q}.segnalazioni_storia (id bigserial PRIMARY KEY, uuid uuid NOT NULL, "
            "tabella text NOT NULL, rev bigint, operazione text NOT NULL, ruolo_db name NOT NULL, "
            "quando timestamptz NOT NULL DEFAULT now(), comune_istat text, modifica jsonb)"
        )
        cur.execute(f"CREATE INDEX IF NOT EXISTS segnalazioni_storia_uuid ON {Q}.segnalazioni_storia (uuid)")


def _rules(cur) -> None:
    """Functions, triggers, privileges and policies: replaced as a whole on every run (as the owner)."""
    member = f"(SELECT {Q}.ruolo())"
    mine = f"(SELECT {Q}.comuni_propri())::text[]"  # one evaluation per statement, an array for ANY
    comune_states = ", ".join(f"'{s}'" for s in COMUNE_STATES)
    istruttoria_states = ", ".join(f"'{s}'" for s in ISTRUTTORIA_STATES)
    definer = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
    cur.execute(
        f"""CREATE OR REPLACE FUNCTION {Q}.ruolo() RETURNS text LANGUAGE sql STABLE {definer} AS $$
        SELECT CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN 'amministratore'
        ELSE (SELECT ruolo FROM {Q}.segnalazioni_membri WHERE login = session_user
              ORDER BY CASE ruolo WHEN 'amministratore' THEN 0 WHEN 'istruttoria' THEN 1 ELSE 2 END LIMIT 1) END $$"""
    )
    cur.execute(
        f"""CREATE OR REPLACE FUNCTION {Q}.comuni_propri() RETURNS text[] LANGUAGE sql STABLE {definer} AS $$
        SELECT coalesce(array_agg(comune_istat), '{{}}') FROM {Q}.segnalazioni_membri
        WHERE login = session_user AND ruolo = 'comune' $$"""
    )
    cur.execute(
        f"""CREATE OR REPLACE FUNCTION {Q}.segnalazioni_revisione() RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        BEGIN
          IF TG_TABLE_SCHEMA <> '{SCHEMA}' THEN  -- the owner's rights serve the store's own tables only
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'non autorizzata: funzione dell''archivio RE.MIX';
          END IF;
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
        END $$"""
    )
    cur.execute(
        f"""CREATE OR REPLACE FUNCTION {Q}.segnalazioni_cestino() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          EXECUTE format('UPDATE %I.%I SET eliminata = true, eliminata_il = now() WHERE uuid = $1',
                         TG_TABLE_SCHEMA, TG_TABLE_NAME) USING OLD.uuid;
          RETURN NULL;
        END $$"""
    )
    refuse = "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = "
    kept = ", ".join(f"'{f}'" for f in ISTRUTTORIA_FIELDS)
    cur.execute(
        f"""CREATE OR REPLACE FUNCTION {Q}.segnalazioni_regole() RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        DECLARE chi text := {Q}.ruolo();
        BEGIN
          IF chi = 'amministratore' THEN RETURN NEW; END IF;
          IF chi = 'istruttoria' THEN
            IF TG_OP = 'INSERT' THEN
              {refuse} 'non autorizzata: l''istruttoria non registra segnalazioni';
            END IF;
            IF (to_jsonb(NEW) - ARRAY[{kept}]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{kept}]) THEN
              {refuse} format('non autorizzata: segnalazione del Comune di %s, l''istruttoria ne cambia solo lo '
                              'stato e le note', OLD.comune);
            END IF;
            IF NEW.stato IS DISTINCT FROM OLD.stato AND (NEW.stato IS NULL OR NEW.stato NOT IN ({istruttoria_states})) THEN
              {refuse} format('non autorizzata: l''istruttoria non riporta una segnalazione allo stato %s', NEW.stato);
            END IF;
            RETURN NEW;
          END IF;
          IF TG_OP = 'UPDATE' AND NEW.comune_istat IS DISTINCT FROM OLD.comune_istat THEN
            {refuse} format('non autorizzata: segnalazione del Comune di %s, non si sposta in un altro Comune',
                            OLD.comune);
          END IF;
          IF nullif(NEW.note_istruttoria, '') IS DISTINCT FROM
             (CASE WHEN TG_OP = 'UPDATE' THEN nullif(OLD.note_istruttoria, '') END) THEN
            {refuse} format('non autorizzata: le note dell''istruttoria sono di Città metropolitana (Comune di %s)',
                            NEW.comune);
          END IF;
          RETURN NEW;
        END $$"""
    )
    cur.execute(
        f"""CREATE OR REPLACE FUNCTION {Q}.segnalazioni_firma() RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        BEGIN
          IF TG_TABLE_SCHEMA <> '{SCHEMA}' THEN  -- a trigger on a table of one's own would sign as anyone
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'non autorizzata: funzione dell''archivio RE.MIX';
          END IF;
          INSERT INTO {Q}.segnalazioni_storia (uuid, tabella, rev, operazione, ruolo_db, comune_istat, modifica)
          VALUES (NEW.uuid, TG_TABLE_NAME, NEW.rev,
                  CASE WHEN TG_OP = 'INSERT' THEN 'inserimento'
                       WHEN NEW.eliminata AND NOT OLD.eliminata THEN 'eliminazione' ELSE 'modifica' END,
                  session_user, NEW.comune_istat,
                  CASE WHEN TG_OP = 'INSERT' THEN to_jsonb(NEW) - 'geom'
                       ELSE (SELECT coalesce(jsonb_object_agg(n.key, n.value), '{{}}') FROM jsonb_each(to_jsonb(NEW)) n
                             WHERE n.key NOT IN ('rev', 'modifica_id')
                               AND to_jsonb(OLD) -> n.key IS DISTINCT FROM n.value) END);
          RETURN NULL;
        END $$"""
    )
    everyone = f"{COMUNI}, {ISTRUTTORIA}, {ADMIN}"
    # the trigger functions run with the owner's rights: nobody may attach them to a table of their own (EXECUTE is
    # checked when a trigger is made, not when it fires, so the store's own triggers keep working)
    for function in ("segnalazioni_revisione", "segnalazioni_cestino", "segnalazioni_regole", "segnalazioni_firma"):
        cur.execute(f"REVOKE ALL ON FUNCTION {Q}.{function}() FROM PUBLIC")
    cur.execute(f"REVOKE ALL ON SCHEMA {Q} FROM PUBLIC")
    cur.execute(f"GRANT USAGE ON SCHEMA {Q} TO {everyone}")
    for name in LAYERS:
        table = f'{Q}."{name}"'
        for trigger in ("regole", "revisione", "cestino", "storia"):
            cur.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        # BEFORE triggers run in name order: the rules, then the revision
        cur.execute(
            f"CREATE TRIGGER regole BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION "
            f"{Q}.segnalazioni_regole()"
        )
        cur.execute(
            f"CREATE TRIGGER revisione BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION "
            f"{Q}.segnalazioni_revisione()"
        )
        cur.execute(
            f"CREATE TRIGGER cestino BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {Q}.segnalazioni_cestino()"
        )
        cur.execute(
            f"CREATE TRIGGER storia AFTER INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION "
            f"{Q}.segnalazioni_firma()"
        )
        cur.execute(f"REVOKE ALL ON {table} FROM PUBLIC, {everyone}")
        cur.execute(f"GRANT SELECT, INSERT, UPDATE ON {table} TO {COMUNI}")
        cur.execute(f"GRANT SELECT, UPDATE ON {table} TO {ISTRUTTORIA}")
        cur.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {ADMIN}")
        _policies(
            cur,
            table,
            {
                "leggere": f"FOR SELECT USING ({member} IN ('amministratore', 'istruttoria') OR comune_istat = ANY({mine}) "
                "OR stato = 'accolta')",
                "inserire": f"FOR INSERT WITH CHECK ({member} = 'amministratore' OR (comune_istat = ANY({mine}) "
                f"AND stato IN ({comune_states})))",
                "modificare": f"FOR UPDATE USING ({member} IN ('amministratore', 'istruttoria') OR (comune_istat = "
                f"ANY({mine}) AND stato IN ({comune_states}))) WITH CHECK ({member} IN ('amministratore', "
                f"'istruttoria') OR (comune_istat = ANY({mine}) AND stato IN ({comune_states})))",
                "eliminare": f"FOR DELETE USING ({member} = 'amministratore')",
            },
        )
    staff = f"{member} IN ('amministratore', 'istruttoria')"
    tables = {
        "segnalazioni_meta": ("SELECT", {"leggere": f"FOR SELECT USING ({member} IS NOT NULL)"}),
        "segnalazioni_valori": (
            "SELECT",
            {
                "leggere": f"FOR SELECT USING ({member} IS NOT NULL)",
                "gestire": f"FOR ALL USING ({member} = 'amministratore') WITH CHECK ({member} = 'amministratore')",
            },
        ),
        "segnalazioni_conflitti": (
            "SELECT, INSERT",
            {
                "leggere": f"FOR SELECT USING ({staff} OR ruolo_db = session_user)",
                "inserire": f"FOR INSERT WITH CHECK ({member} IS NOT NULL AND ruolo_db = session_user)",
            },
        ),
        "segnalazioni_storia": (
            "SELECT",
            {"leggere": f"FOR SELECT USING ({staff} OR comune_istat = ANY({mine}))"},
        ),
        "segnalazioni_membri": (
            "SELECT",
            {
                "leggere": f"FOR SELECT USING (login = session_user OR {member} = 'amministratore')",
                "gestire": f"FOR ALL USING ({member} = 'amministratore') WITH CHECK ({member} = 'amministratore')",
            },
        ),
    }
    for name, (privileges, policies) in tables.items():
        table = f"{Q}.{name}"
        cur.execute(f"REVOKE ALL ON {table} FROM PUBLIC, {everyone}")
        cur.execute(f"GRANT {privileges} ON {table} TO {everyone}")
        _policies(cur, table, policies)
    cur.execute(f"GRANT INSERT, UPDATE, DELETE ON {Q}.segnalazioni_membri, {Q}.segnalazioni_valori TO {ADMIN}")


def _policies(cur, table: str, policies: dict) -> None:
    """Row-level security on `table` with exactly these policies."""
    cur.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    cur.execute(
        "SELECT policyname FROM pg_policies WHERE schemaname = %s AND tablename = %s",
        (SCHEMA, table.rsplit(".", 1)[1].strip('"')),
    )
    for (name,) in cur.fetchall():
        cur.execute(f'DROP POLICY "{name}" ON {table}')
    for name, rule in policies.items():
        cur.execute(f'CREATE POLICY "{name}" ON {table} {rule}')


# --- who is who ---------------------------------------------------------------------------------


def grant(spec: str, login: str, role: str, comuni: Sequence[str] = ()) -> str:
    """Membership of `login` (an existing login role): role «comune» for each ISTAT code in `comuni`, or
    «istruttoria», or «amministratore». Returns the Italian line to show."""
    import psycopg2
    from psycopg2 import sql

    if role == "comune" and not comuni:
        raise RemixError("Indicare almeno un Comune (--comune NOME|ISTAT) per un ruolo di Comune.")
    conn, where = connect(spec)
    try:
        with conn, conn.cursor() as cur:
            _login_exists(cur, login, where)
            rows = [(login, role, code) for code in comuni] if role == "comune" else [(login, role, "")]
            cur.executemany(f"INSERT INTO {Q}.segnalazioni_membri VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", rows)
            cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[role]), sql.Identifier(login)))
    except psycopg2.Error as exc:
        raise _membership_error(exc, where, login) from exc
    finally:
        conn.close()
    what = f"Comune di {', '.join(comuni)}" if role == "comune" else role
    return f"Ruolo «{login}» abilitato come {what} nell'archivio centrale {where}."


def revoke(spec: str, login: str, role: str, comuni: Sequence[str] = ()) -> str:
    """Remove memberships of `login` (all of the role when no Comune is named); the group role goes when none is left."""
    import psycopg2
    from psycopg2 import sql

    conn, where = connect(spec)
    try:
        with conn, conn.cursor() as cur:
            _login_exists(cur, login, where)
            if role == "comune" and comuni:
                cur.execute(
                    f"DELETE FROM {Q}.segnalazioni_membri WHERE login = %s AND ruolo = 'comune' "
                    "AND comune_istat = ANY(%s)",
                    (login, list(comuni)),
                )
            else:
                cur.execute(f"DELETE FROM {Q}.segnalazioni_membri WHERE login = %s AND ruolo = %s", (login, role))
            cur.execute(f"SELECT 1 FROM {Q}.segnalazioni_membri WHERE login = %s AND ruolo = %s", (login, role))
            if cur.fetchone() is None:
                cur.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(GROUPS[role]), sql.Identifier(login)))
    except psycopg2.Error as exc:
        raise _membership_error(exc, where, login) from exc
    finally:
        conn.close()
    return f"Ruolo «{login}»: abilitazione ({role}) tolta nell'archivio centrale {where}."


def _login_exists(cur, login: str, where: str) -> None:
    cur.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (login,))
    found = cur.fetchone()
    if found is None or not found[0]:
        raise RemixError(
            f"Archivio centrale {where}: «{login}» non è un ruolo di accesso (LOGIN) del server. Crearlo prima "
            f'(CREATE ROLE "{login}" LOGIN PASSWORD …), poi abilitarlo.'
        )


def _membership_error(exc, where: str, login: str) -> RemixError:
    reason = pg_reason(exc)
    if getattr(exc, "pgcode", "") == "42501":
        return RemixError(
            f"Archivio centrale {where}: solo un amministratore RE.MIX (ruolo {ADMIN}, o chi ha eseguito "
            f"central-setup) può abilitare o disabilitare «{login}» ({reason}). Nessuna modifica fatta."
        )
    return RemixError(f"Archivio centrale {where}: abilitazione di «{login}» non riuscita ({reason}).")
