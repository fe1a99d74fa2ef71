"""The data-pack contract (docs/DATA_PACK.md): one GeoPackage, every table in EPSG:32632.

Table names are stable ids that the catalogue refers to. The embedded default is the demo pack, which
the plugin ships (built by the project's `make`, scripts/build_demo_pack.py).
"""

import sqlite3
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

from qgis.core import QgsVectorLayer

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.settings import Settings
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.data.offline_manifest import package_data

CRS = "EPSG:32632"
CONTRACT_VERSION = "1"
OPPORTUNITY_TABLES = (
    "aree_remix",
    "aree_dismesse_2010",
    "ambiti_rigenerazione_8bis_40bis",
    "aree_rigenerazione_pgt",
    "offerta_at_2020",
    "offerta_pa_2020",
)
INTERVENTI_TABLES = (
    "interventi_periferie",
    "interventi_periferie_punti",
    "interventi_comein",
    "interventi_pinqua",
    "interventi_mica",
    "interventi_spugna",
    "interventi_altri_pui",
    "interventi_cambio",
)
REQUIRED_TABLES = ("comuni", "zone_omogenee", "metadata")


def resolve_pack(path=None, settings=None) -> Path:
    """The pack to use: the given path, else the one in Settings, else the embedded demo pack; checked
    against the contract (RemixError naming what is wrong)."""
    chosen = path or (settings.data_pack if settings is not None else "")
    if chosen:
        pack = Path(chosen).expanduser()
        if not pack.is_file():
            raise RemixError(f"Pacchetto dati «{pack}» non trovato.")
    else:
        pack = demo_pack_path()
    problem = check_pack(pack)
    if problem:
        raise RemixError(problem)
    return pack


def project_pack(project) -> Path:
    """The data pack behind a project's catalogue layers: an open offline package's own data, else the
    settings' pack (else the demo pack). What the docks, search, infoboxes and printing read."""
    return package_data(project) or resolve_pack(None, Settings.load())


def demo_pack_path() -> Path:
    if not paths.DEMO_PACK.exists():
        raise RemixError(
            f"Pacchetto dimostrativo «{paths.DEMO_PACK}» non trovato: scegliere un pacchetto dati nelle "
            "impostazioni di RE.MIX (in un sorgente del progetto si genera con «make demo»)."
        )
    return paths.DEMO_PACK


def open_table(pack: Path, table: str, name: str = None) -> QgsVectorLayer:
    """A data-pack table as a layer; RemixError naming pack and table when it is not there."""
    layer = QgsVectorLayer(table_uri(pack, table), name or table, "ogr")
    if not layer.isValid():
        raise RemixError(f"Tabella «{table}» non trovata nel pacchetto dati «{Path(pack).name}».")
    return layer


def signature(pack: Path) -> tuple:
    """What identifies a pack's content for caches: path, size and time of the file and of its write-ahead
    log (QGIS edits a GeoPackage in WAL mode: the main file may not change until the log is merged)."""
    stats = [p.stat() for p in (Path(pack), Path(f"{pack}-wal")) if p.exists()]
    return (str(pack),) + tuple(x for st in stats for x in (st.st_size, st.st_mtime_ns))


def read_metadata(pack: Path) -> Dict[str, str]:
    return dict(_metadata(signature(pack)))


@lru_cache(maxsize=16)
def _metadata(key: tuple) -> tuple:
    layer = open_table(Path(key[0]), "metadata")
    return tuple((str(f["chiave"]), str(f["valore"])) for f in layer.getFeatures())


def is_demonstrative(pack: Path) -> bool:
    return read_metadata(pack).get("dimostrativo", "false").strip().lower() in ("true", "1", "sì", "si", "yes")


def pack_tables(pack: Path) -> set:
    """Names of the tables in the GeoPackage."""
    return set(_tables(signature(pack)))


@lru_cache(maxsize=16)
def _tables(key: tuple) -> frozenset:
    layer = QgsVectorLayer(key[0], "pack", "ogr")
    names = set()
    for sub in layer.dataProvider().subLayers() if layer.isValid() else []:
        parts = sub.split(layer.dataProvider().sublayerSeparator())
        if len(parts) > 1:
            names.add(parts[1])
    return frozenset(names)


def check_pack(pack: Path) -> Optional[str]:
    """None when the pack follows the contract: the required tables, the Comuni and Zone omogenee in
    EPSG:32632. Else an Italian message naming what is wrong: Comuni in another CRS would give other areas,
    quietly. (Another table in another CRS is reprojected where it is measured, in metres.)"""
    present = pack_tables(pack)
    if not present:
        return (
            f"Il pacchetto dati «{Path(pack).name}» non è un GeoPackage leggibile (vuoto, incompleto o "
            "danneggiato): sceglierne un altro o copiarlo di nuovo."
        )
    missing = [t for t in REQUIRED_TABLES if t not in present]
    if missing:
        return f"Il pacchetto dati «{Path(pack).name}» non segue il contratto: mancano le tabelle {', '.join(missing)}."
    registry = {table: (crs, kind) for table, crs, kind in _geometry_columns(signature(pack))}
    for table in ("comuni", "zone_omogenee"):
        kind = registry.get(table, ("", ""))[1]
        if kind.upper() not in ("POLYGON", "MULTIPOLYGON", "GEOMETRY"):
            return (
                f"Il pacchetto dati «{Path(pack).name}» non segue il contratto: la tabella «{table}» deve avere "
                f"poligoni (i confini), trovato «{kind or 'nessuna geometria'}»."
            )
    others = {table: crs for table, (crs, _) in registry.items() if crs != CRS and table in REQUIRED_TABLES}
    if others:
        found = ", ".join(f"«{table}» in {crs}" for table, crs in sorted(others.items()))
        return (
            f"Il pacchetto dati «{Path(pack).name}» non segue il contratto: Comuni e Zone omogenee devono essere in {CRS} "
            f"(WGS 84 / UTM 32N), trovate {found}. Riproiettarle in {CRS} e rigenerare il pacchetto."
        )
    return None


@lru_cache(maxsize=16)
def _geometry_columns(key: tuple) -> tuple:
    """(table, "AUTHORITY:CODE", geometry type) of every spatial table, from the GeoPackage's own registry."""
    try:
        with closing(sqlite3.connect(f"{Path(key[0]).resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute(
                "SELECT g.table_name, s.organization, s.organization_coordsys_id, g.geometry_type_name "
                "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
            ).fetchall()
    except sqlite3.Error:
        return ()  # not readable as a GeoPackage: pack_tables already found no table
    return tuple((table, f"{str(org).upper()}:{code}", str(kind or "")) for table, org, code, kind in rows)
