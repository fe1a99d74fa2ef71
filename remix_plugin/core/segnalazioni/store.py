"""The local store of segnalazioni: one GeoPackage (the embedded default, and what field tablets use).

Two layers share the taxonomy's fields: `segnalazioni_aree` (MultiPolygon, lavori) and
`segnalazioni_punti` (Point, azioni and programmes). Beside the data each row carries what sync
needs: `rev_centrale` (the central revision it was last in step with; NULL = never synced),
`modificata` (changed here since) and `modifica_id` (an id of this very change).

Those three are kept by SQLite triggers written into the file, so *any* edit — the QGIS form,
the attribute table, the field calculator, another program — is tracked in the same transaction
as the edit itself: a crash cannot leave an edit that sync would not see. A deleted row that was
ever synced leaves a tombstone (with a full copy of the row) in `segnalazioni_eliminate`.
Sync's own writes always change `rev_centrale`, which is how the triggers tell them apart.
"""

import datetime
import json
import uuid as uuidlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple, overload

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.segnalazioni.schema import LAYERS, Taxonomy, decode_multi, encode_multi, load_taxonomy

CRS_EPSG = 32632
META = "segnalazioni_meta"
SENT_PREFIX = "inviata:"  # meta keys "inviata:<uuid>": a change sent, its central commit not yet confirmed here
HIDDEN_PREFIX = "non_visibile:"  # meta keys "non_visibile:<uuid>": kept here, no longer readable centrally
VALUES = "segnalazioni_valori"
TOMBSTONES = "segnalazioni_eliminate"
CONFLICTS = "segnalazioni_conflitti"
SYNC_FIELDS = ("rev_centrale", "modificata", "modifica_id")
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
RANDOM_ID_SQL = "lower(hex(randomblob(16)))"
UUID_SQL = (
    "(SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) "
    "FROM (SELECT hex(randomblob(16)) AS h))"
)
CONFLICT_FIELDS = (
    "id",
    "uuid",
    "tabella",
    "tipo",
    "descrizione",
    "versione_persa",
    "rev_vincente",
    "dispositivo",
    "creato_il",
    "risolto_il",
    "risoluzione",
)
TOMBSTONE_FIELDS = ("uuid", "tabella", "rev_centrale", "modifica_id", "eliminata_il", "dati")


def _ogr():
    from osgeo import ogr

    ogr.UseExceptions()
    return ogr


@dataclass
class Row:
    """One segnalazione as sync moves it: data fields (multiple choices as lists), geometry as WKB."""

    table: str
    uuid: str
    data: Dict[str, object]
    wkb: Optional[bytes]
    rev: Optional[int] = None  # local: rev_centrale; central: rev
    change_id: Optional[str] = None  # modifica_id
    fid: Optional[int] = None  # local only
    deleted: bool = False  # central only (eliminata)


@dataclass
class Tombstone:
    fid: int
    uuid: str
    table: str
    rev: Optional[int]
    change_id: str
    deleted_at: str
    row: Row  # the row as it was when deleted


def default_store_path() -> Path:
    """Where the GUI keeps segnalazioni unless the settings name another file: the QGIS profile."""
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "remix" / "segnalazioni.gpkg"


def project_store(project, settings) -> Path:
    """The store a project's segnalazioni are edited and synced in: an open offline package's own, else
    the file the settings name, else the one in the QGIS profile."""
    from remix_plugin.core.data.offline_manifest import package_store

    return package_store(project) or Path(settings.segnalazioni_store or default_store_path())


def create_local_store(path) -> Path:
    """Create the GeoPackage with its layers, tables and triggers; an existing store is checked and kept."""
    path = Path(path)
    taxonomy = load_taxonomy()
    if path.exists():
        check_local_store(path)
        _migrate(path, taxonomy)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    ogr = _ogr()
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(CRS_EPSG)
    partial = path.with_name(path.stem + ".creazione.gpkg")
    partial.unlink(missing_ok=True)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(partial))
    try:
        for name in LAYERS:
            kind = ogr.wkbMultiPolygon if taxonomy.layers[name].geometry == "multipolygon" else ogr.wkbPoint
            layer = ds.CreateLayer(name, srs, kind, ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"])
            for f in taxonomy.fields:
                layer.CreateField(ogr.FieldDefn(f.name, ogr.OFTReal if f.kind == "number" else ogr.OFTString))
            layer.CreateField(ogr.FieldDefn("rev_centrale", ogr.OFTInteger64))
            layer.CreateField(ogr.FieldDefn("modificata", ogr.OFTInteger))
            layer.CreateField(ogr.FieldDefn("modifica_id", ogr.OFTString))
        _attribute_table(ds, META, ("chiave", "valore"))
        _attribute_table(ds, VALUES, ("lista", "valore", "etichetta"))
        _attribute_table(ds, TOMBSTONES, TOMBSTONE_FIELDS, integers=("rev_centrale",))
        _attribute_table(ds, CONFLICTS, CONFLICT_FIELDS, integers=("rev_vincente",))
        for name in LAYERS:
            for statement in _triggers(name, taxonomy):
                ds.ExecuteSQL(statement)
        ds.ExecuteSQL(f'CREATE UNIQUE INDEX "{META}_chiave" ON "{META}" (chiave)')
        ds.ExecuteSQL(f'CREATE UNIQUE INDEX "{CONFLICTS}_id" ON "{CONFLICTS}" (id)')
        ds.StartTransaction()
        _write_values(ds, taxonomy)
        meta = ds.GetLayerByName(META)
        for key, value in (
            ("versione_schema", str(taxonomy.schema_version)),
            ("id_archivio", str(uuidlib.uuid4())),
            ("ultimo_rev", "0"),
        ):
            feature = ogr.Feature(meta.GetLayerDefn())
            feature["chiave"], feature["valore"] = key, value
            meta.CreateFeature(feature)
        ds.CommitTransaction()
    finally:
        ds = None
    partial.rename(path)  # a store is complete or absent: never half-created
    return path


def _attribute_table(ds, name: str, fields, integers=()) -> None:
    ogr = _ogr()
    layer = ds.CreateLayer(name, None, ogr.wkbNone, ["FID=fid"])
    for field in fields:
        layer.CreateField(ogr.FieldDefn(field, ogr.OFTInteger64 if field in integers else ogr.OFTString))


def _triggers(table: str, taxonomy: Taxonomy) -> List[str]:
    quoted = f'"{table}"'
    copy = ", ".join(f"'{f.name}', OLD.\"{f.name}\"" for f in taxonomy.fields)
    # an empty multiple choice is NULL, however the editing widget wrote it
    empty = "".join(f'"{f.name}" = nullif("{f.name}", \'{{}}\'), ' for f in taxonomy.fields if f.kind == "multichoice")
    return [
        f"""CREATE TRIGGER "{table}_remix_inserita" AFTER INSERT ON {quoted} WHEN NEW.rev_centrale IS NULL
        BEGIN UPDATE {quoted} SET {empty}uuid = coalesce(NEW.uuid, {UUID_SQL}),
        creata_il = coalesce(NEW.creata_il, {NOW_SQL}), aggiornata_il = {NOW_SQL}, modificata = 1,
        modifica_id = {RANDOM_ID_SQL} WHERE fid = NEW.fid; END""",
        f"""CREATE TRIGGER "{table}_remix_modificata" AFTER UPDATE ON {quoted}
        WHEN NEW.rev_centrale IS OLD.rev_centrale AND NEW.modifica_id IS OLD.modifica_id
        BEGIN UPDATE {quoted} SET {empty}aggiornata_il = {NOW_SQL}, modificata = 1, modifica_id = {RANDOM_ID_SQL}
        WHERE fid = NEW.fid; END""",
        f"""CREATE TRIGGER "{table}_remix_eliminata" AFTER DELETE ON {quoted} WHEN OLD.rev_centrale IS NOT NULL
        BEGIN INSERT INTO "{TOMBSTONES}" (uuid, tabella, rev_centrale, modifica_id, eliminata_il, dati)
        VALUES (OLD.uuid, '{table}', OLD.rev_centrale, {RANDOM_ID_SQL}, {NOW_SQL},
                json_object({copy}, 'geom', hex(OLD.geom))); END""",
        f'CREATE UNIQUE INDEX "{table}_uuid" ON {quoted} (uuid)',
    ]


def _write_values(ds, taxonomy: Taxonomy) -> None:
    """The closed lists as rows (lista, valore, etichetta): what the form's multiple-choice widgets read."""
    ogr = _ogr()
    ds.ExecuteSQL(f'DELETE FROM "{VALUES}"')
    layer = ds.GetLayerByName(VALUES)
    for list_name, items in taxonomy.lists.items():
        for code, label in items:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature["lista"], feature["valore"], feature["etichetta"] = list_name, code, label
            layer.CreateFeature(feature)


def refresh_values(path) -> None:
    """Rewrite the lists when the taxonomy file changed them (CMM may have renamed a label or added a value)."""
    with LocalStore(path) as store:
        layer = store.ds.GetLayerByName(VALUES)
        layer.ResetReading()
        stored = [(f["lista"], f["valore"], f["etichetta"]) for f in layer]
        wanted = [(name, code, label) for name, items in store.taxonomy.lists.items() for code, label in items]
        if stored != wanted:
            with store.transaction():
                _write_values(store.ds, store.taxonomy)


def check_local_store(path) -> None:
    """RemixError (Italian, naming the file) unless `path` is a segnalazioni store of this schema version."""
    path = Path(path)
    taxonomy = load_taxonomy()
    ogr = _ogr()
    try:
        ds = ogr.Open(str(path), 0)
    except RuntimeError:  # GDAL with exceptions on (its Python bindings may have them on from 3.9)
        ds = None
    if ds is None:  # empty, truncated, or not a GeoPackage at all
        raise RemixError(
            f"Il file «{path.name}» non è un archivio di segnalazioni RE.MIX: non è un GeoPackage leggibile. "
            "Il file non è stato modificato."
        )
    try:
        names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
        missing = [n for n in (*LAYERS, META, TOMBSTONES, CONFLICTS, VALUES) if n not in names]
        if missing:
            raise RemixError(
                f"Il file «{path.name}» non è un archivio di segnalazioni RE.MIX: mancano le tabelle "
                f"{', '.join(missing)}."
            )
        version = _meta(ds).get("versione_schema", "")
    finally:
        ds = None
    if version != str(taxonomy.schema_version) and version not in MIGRATIONS:
        raise RemixError(
            f"L'archivio locale «{path.name}» ha lo schema delle segnalazioni versione «{version}», "
            f"questo plugin usa la versione {taxonomy.schema_version}: aggiornare il plugin o usare "
            "un archivio creato da questa versione. Il file non è stato modificato."
        )


# schema version -> the fields added by the next version (a store of an earlier version is brought up to date)
MIGRATIONS = {"1": ("note_istruttoria",)}


def _migrate(path: Path, taxonomy: Taxonomy) -> None:
    """Bring a store of an earlier schema version up to this one, in one transaction: new (empty) fields, the
    triggers that copy every field, the version. Its segnalazioni are kept as they are."""
    ds = _ogr().Open(str(path), 1)
    try:
        version = _meta(ds).get("versione_schema", "")
        if version == str(taxonomy.schema_version):
            return
        ds.StartTransaction()
        try:
            while version in MIGRATIONS:
                for name in LAYERS:
                    for field in MIGRATIONS[version]:
                        ds.ExecuteSQL(f'ALTER TABLE "{name}" ADD COLUMN "{field}" TEXT')
                version = str(int(version) + 1)
            for name in LAYERS:
                for trigger in ("inserita", "modificata", "eliminata"):
                    ds.ExecuteSQL(f'DROP TRIGGER IF EXISTS "{name}_remix_{trigger}"')
                ds.ExecuteSQL(f'DROP INDEX IF EXISTS "{name}_uuid"')
                for statement in _triggers(name, taxonomy):
                    ds.ExecuteSQL(statement)
            ds.ExecuteSQL(f"UPDATE \"{META}\" SET valore = '{version}' WHERE chiave = 'versione_schema'")
        except BaseException:
            ds.RollbackTransaction()
            raise
        ds.CommitTransaction()
    finally:
        ds = None


def _meta(ds) -> Dict[str, str]:
    layer = ds.GetLayerByName(META)
    layer.ResetReading()
    return {f["chiave"]: f["valore"] for f in layer}


@overload
def iso(value: datetime.datetime) -> str: ...
@overload
def iso(value: object) -> Optional[str]: ...
def iso(value) -> Optional[str]:
    """A timestamp as the local store writes it: UTC, milliseconds, 'Z'."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return str(value)


def now_iso() -> str:
    return iso(datetime.datetime.now(datetime.timezone.utc))


# --- GeoPackage geometry blobs ------------------------------------------------------------------

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blob_to_wkb(blob: bytes) -> Optional[bytes]:
    """The WKB inside a GeoPackage geometry blob (header: magic, version, flags, srs id, envelope)."""
    if not blob or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # empty geometry
        return None
    return bytes(blob[8 + _ENVELOPE_BYTES[(flags >> 1) & 0x07] :])


# --- transactional access for sync ------------------------------------------------------------


class Closing:
    """`with Store(...) as store:` closes the store at the end, whatever happens."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class LocalStore(Closing):
    """An open store, for sync: reads rows as `Row`s and writes them back, inside one SQLite transaction."""

    def __init__(self, path):
        self.path = Path(path)
        check_local_store(self.path)
        self.taxonomy = load_taxonomy()
        _migrate(self.path, self.taxonomy)
        self.ogr = _ogr()
        self.ds = self.ogr.Open(str(self.path), 1)
        pragma = self.ds.ExecuteSQL("PRAGMA busy_timeout = 30000")  # QGIS may be writing the file: wait, not fail
        if pragma is not None:
            self.ds.ReleaseResultSet(pragma)
        self._multi = {f.name for f in self.taxonomy.fields if f.kind == "multichoice"}
        # field positions per table: reading fields by position is much faster than by name in OGR's Python
        self._at = {}
        for table in LAYERS:
            definition = self.ds.GetLayerByName(table).GetLayerDefn()
            self._at[table] = {definition.GetFieldDefn(i).GetName(): i for i in range(definition.GetFieldCount())}

    def close(self) -> None:
        self.ds = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a failure or a killed process leaves the file as it was before."""
        self.ds.StartTransaction()
        try:
            yield
        except BaseException:
            self.ds.RollbackTransaction()
            raise
        self.ds.CommitTransaction()

    # -- bookkeeping ---------------------------------------------------------------------------
    def meta(self) -> Dict[str, str]:
        return _meta(self.ds)

    def set_meta(self, key: str, value: str) -> None:
        layer = self.ds.GetLayerByName(META)
        layer.SetAttributeFilter(None)
        existing = next((f for f in layer if f["chiave"] == key), None)
        layer.ResetReading()
        feature = existing or self.ogr.Feature(layer.GetLayerDefn())
        feature["chiave"], feature["valore"] = key, str(value)
        (layer.SetFeature if existing else layer.CreateFeature)(feature)

    # -- reading ---------------------------------------------------------------------------------
    def _row(self, table: str, feature) -> Row:
        at = self._at[table]
        data: Dict[str, Any] = {}
        for f in self.taxonomy.fields:
            value = _value(feature, at[f.name])
            data[f.name] = decode_multi(value) if f.name in self._multi else value
        geometry = feature.GetGeometryRef()
        return Row(
            table,
            data["uuid"],
            data,
            bytes(geometry.ExportToIsoWkb()) if geometry is not None else None,
            _value(feature, at["rev_centrale"]),
            _value(feature, at["modifica_id"]),
            feature.GetFID(),
        )

    def rows(self, where: str = None) -> List[Row]:
        rows = []
        for table in LAYERS:
            layer = self.ds.GetLayerByName(table)
            layer.SetAttributeFilter(where)
            rows += [self._row(table, feature) for feature in layer]
            layer.SetAttributeFilter(None)
        return rows

    def note_sent(self, changes: List[Tuple[str, str]]) -> None:
        """Remember (uuid, change id) pairs about to be sent to the central store: if the sync is killed after
        the central commit and before this store's, the next sync knows that central revision is its own."""
        for uuid, change_id in changes:
            key = SENT_PREFIX + _safe(uuid)
            self.ds.ExecuteSQL(f"DELETE FROM \"{META}\" WHERE chiave = '{key}'")
            self.ds.ExecuteSQL(f"INSERT INTO \"{META}\" (chiave, valore) VALUES ('{key}', '{_safe(change_id)}')")

    def sent_changes(self) -> Dict[str, str]:
        """uuid -> change id sent by a sync that did not get to confirm it here."""
        return {key[len(SENT_PREFIX) :]: value for key, value in self.meta().items() if key.startswith(SENT_PREFIX)}

    def forget_sent(self, uuids: List[str]) -> None:
        for uuid in uuids:
            self.ds.ExecuteSQL(f"DELETE FROM \"{META}\" WHERE chiave = '{SENT_PREFIX}{_safe(uuid)}'")

    def set_hidden(self, uuids) -> None:
        """Mark exactly these rows as no longer readable in the central store (kept here, never deleted)."""
        self.ds.ExecuteSQL(f"DELETE FROM \"{META}\" WHERE chiave LIKE '{HIDDEN_PREFIX}%'")
        for uuid in uuids:
            self.set_meta(HIDDEN_PREFIX + _safe(uuid), now_iso())

    def changed_rows(self) -> List[Row]:
        """Rows created or edited here since they were last in step with the central store."""
        return self.rows("modificata = 1")

    def tombstones(self) -> List[Tombstone]:
        layer = self.ds.GetLayerByName(TOMBSTONES)
        layer.ResetReading()
        found = []
        for f in layer:
            saved = json.loads(f["dati"] or "{}")
            blob = bytes.fromhex(saved.pop("geom", None) or "")
            data = {field.name: saved.get(field.name) for field in self.taxonomy.fields}
            for name in self._multi:
                data[name] = decode_multi(data[name])
            rev = f["rev_centrale"] if f.IsFieldSetAndNotNull("rev_centrale") else None
            row = Row(f["tabella"], f["uuid"], data, gpkg_blob_to_wkb(blob), rev, f["modifica_id"])
            found.append(Tombstone(f.GetFID(), f["uuid"], f["tabella"], rev, f["modifica_id"], f["eliminata_il"], row))
        return found

    def states(self) -> Dict[str, Tuple[str, int, Optional[int], bool]]:
        """uuid -> (table, fid, rev_centrale, changed here) of every row: what pull decides on."""
        found = {}
        for table in LAYERS:
            at = self._at[table]
            uuid, rev, changed = at["uuid"], at["rev_centrale"], at["modificata"]
            layer = self.ds.GetLayerByName(table)
            layer.SetIgnoredFields(
                [name for name in at if name not in ("uuid", "rev_centrale", "modificata")] + ["OGR_GEOMETRY"]
            )
            for feature in layer:
                found[feature.GetField(uuid)] = (
                    table,
                    feature.GetFID(),
                    _value(feature, rev),
                    feature.GetField(changed) == 1,
                )
            layer.SetIgnoredFields([])
        return found

    def change_id(self, table: str, fid: int) -> Optional[str]:
        feature = self.ds.GetLayerByName(table).GetFeature(fid)
        return _value(feature, self._at[table]["modifica_id"]) if feature is not None else None

    def is_changed(self, table: str, fid: int) -> bool:
        feature = self.ds.GetLayerByName(table).GetFeature(fid)
        return feature is not None and feature.GetField(self._at[table]["modificata"]) == 1

    def pending_tombstones(self) -> Dict[str, int]:
        layer = self.ds.GetLayerByName(TOMBSTONES)
        layer.ResetReading()
        return {f["uuid"]: f.GetFID() for f in layer}

    # -- writing (sync's own writes: they always set rev_centrale, so the triggers stay quiet) ----
    def put(self, row: Row, rev: Optional[int], fid: Optional[int] = None, changed: bool = False) -> None:
        """Write a row as it is centrally at `rev` (insert, or overwrite `fid`), in step unless `changed`."""
        layer = self.ds.GetLayerByName(row.table)
        at = self._at[row.table]
        feature = layer.GetFeature(fid) if fid is not None else self.ogr.Feature(layer.GetLayerDefn())
        for f in self.taxonomy.fields:
            value = row.data.get(f.name)
            if f.name in self._multi:
                value = encode_multi(value)
            if value is None:
                feature.SetFieldNull(at[f.name])
            else:
                feature.SetField(at[f.name], value)
        feature.SetGeometry(self.ogr.CreateGeometryFromWkb(row.wkb) if row.wkb else None)
        feature.SetField(at["rev_centrale"], rev)
        feature.SetField(at["modificata"], 1 if changed else 0)
        feature.SetField(at["modifica_id"], row.change_id if not changed else _random_id())
        if fid is None:
            layer.CreateFeature(feature)
        else:
            layer.SetFeature(feature)

    def mark_synced(self, table: str, fid: int, change_id: str, rev: int) -> None:
        """The change `change_id` is now central revision `rev`. A newer edit made meanwhile stays pending."""
        self.ds.ExecuteSQL(
            f'UPDATE "{table}" SET rev_centrale = {int(rev)}, modificata = CASE WHEN modifica_id = '
            f"'{_safe(change_id)}' THEN 0 ELSE modificata END WHERE fid = {int(fid)}"
        )

    def delete(self, table: str, fid: int, uuid: str) -> None:
        """Remove a row because the central store says so: the trigger's tombstone goes too (not our deletion)."""
        self.ds.GetLayerByName(table).DeleteFeature(fid)
        self.ds.ExecuteSQL(f"DELETE FROM \"{TOMBSTONES}\" WHERE uuid = '{_safe(uuid)}'")

    def drop_tombstone(self, fid: int) -> None:
        self.ds.GetLayerByName(TOMBSTONES).DeleteFeature(fid)

    def add_conflict(self, values: Dict[str, object]) -> None:
        """Keep a conflict record (the losing version in full); the same conflict is stored once."""
        layer = self.ds.GetLayerByName(CONFLICTS)
        layer.SetAttributeFilter(f"id = '{_safe(values['id'])}'")
        exists = layer.GetFeatureCount() > 0
        layer.SetAttributeFilter(None)
        if exists:
            return
        feature = self.ogr.Feature(layer.GetLayerDefn())
        for key, value in values.items():
            if value is not None:
                feature[key] = value
        layer.CreateFeature(feature)


def _value(feature, index: int):
    """A field's value, None when unset or NULL."""
    return feature.GetField(index) if feature.IsFieldSetAndNotNull(index) else None


def _random_id() -> str:
    return uuidlib.uuid4().hex


def _safe(identifier: object) -> str:
    """Ids that go into OGR filters are uuids or hex: anything else is refused, never quoted."""
    text = str(identifier)
    if not text or any(c not in "0123456789abcdefABCDEF-" for c in text):
        raise RemixError(f"Identificativo «{text}» non valido nell'archivio delle segnalazioni.")
    return text


def hidden_rows(path) -> set:
    """uuids of the rows the last sync found no longer readable in the central store (none for a file that is
    not a store: what reads it next says so)."""
    try:
        ds = _ogr().Open(str(path), 0)
    except RuntimeError:  # GDAL with exceptions on (its Python bindings may have them on from 3.9)
        ds = None
    if ds is None or ds.GetLayerByName(META) is None:
        return set()
    try:
        return {key[len(HIDDEN_PREFIX) :] for key in _meta(ds) if key.startswith(HIDDEN_PREFIX)}
    finally:
        ds = None
