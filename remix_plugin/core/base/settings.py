"""Typed settings: one dataclass of defaults over the QgsSettings group `remix/`.

Secrets never live here: services and databases are reached through an `authcfg` id of QGIS's
authentication manager, and only that id is stored. A value with a password in it is dropped from the
file when read: earlier versions saved the «Archivio centrale» box, password included, on every keystroke.
"""

import json
import os
from dataclasses import asdict, dataclass, field, fields

from qgis.core import QgsSettings

from remix_plugin.core.base.secrets import has_password

GROUP = "remix"


def system_user_name() -> str:
    """The person at this computer as the system names them: who files a segnalazione unless the profile says
    otherwise (no network needed, so offline too). The account's full name (GECOS) on Linux and macOS, else the
    login name; Windows has no pwd, and its display name would need the Win32 API: the login name there."""
    try:
        import pwd
    except ImportError:  # Windows
        try:
            return os.getlogin()
        except OSError:  # no console session (a service)
            return os.environ.get("USERNAME", "")
    try:
        account = pwd.getpwuid(os.getuid())
    except KeyError:  # a uid with no account entry (some containers)
        return os.environ.get("USER", "")
    return account.pw_gecos.split(",")[0].strip() or account.pw_name


@dataclass
class Settings:
    catalogue_url: str = ""  # a newer catalogue published by CMM; empty: the bundled one
    catalogue_authcfg: str = ""  # authcfg id for catalogue_url (never a password)
    data_pack: str = ""  # data-pack GeoPackage; empty: the embedded demo pack
    source_mode: str = "pack"  # "pack": data-pack tables first; "remote": ArcGIS REST/WMS first
    basemap_mode: str = "light"  # light | pro | none
    network_timeout_ms: int = 15000
    services_authcfg: str = ""  # authcfg id applied to remote catalogue services
    service_overrides: dict = field(default_factory=dict)  # service id -> base URL (mirrors, tests)
    indicator_method: str = "jenks"  # classes of the synthesis indicators: jenks | quantile | pretty
    indicator_classes: int = 5  # 3..7
    indicator_normalise: str = ""  # "" | area | popolazione
    indicator_reference: str = "cmm"  # classes over: "cmm" every Comune of the pack | "filtro" the Zona filter's
    pgt_mappings: dict = field(default_factory=dict)  # ISTAT code -> theme -> expected field -> technician's field
    pgt_output_dir: str = ""  # where «Pacchetto PGT» last wrote a package
    segnalazioni_store: str = ""  # local GeoPackage of segnalazioni; empty: remix/segnalazioni.gpkg in the profile
    segnalazioni_central: str = ""  # QGIS PostgreSQL connection name, or conninfo with authcfg= (never a password)
    segnalazioni_author: str = field(default_factory=system_user_name)  # «Autore» of the segnalazioni filed here
    offline_limit_mb: int = 2048  # «Prepara pacchetto offline» asks before writing a package estimated larger
    offline_output_dir: str = ""  # where «Prepara pacchetto offline» last wrote a package
    print_template: str = ""  # the print layout last chosen in «Stampa» (a file name of print_layouts/)
    print_output_dir: str = ""  # where «Stampa» last wrote a PDF or PNG

    @classmethod
    def load(cls) -> "Settings":
        store = QgsSettings()
        values = {}
        for f in fields(cls):
            key = f"{GROUP}/{f.name}"
            if not store.contains(key):
                continue
            raw = store.value(key)
            if isinstance(raw, str) and has_password(raw):
                store.remove(key)
                continue
            values[f.name] = _coerce(f.type, raw)
        return cls(**values)

    def save(self) -> None:
        store = QgsSettings()
        for name, value in asdict(self).items():
            store.setValue(f"{GROUP}/{name}", json.dumps(value) if isinstance(value, dict) else value)


def _coerce(kind, raw):
    if kind in (dict, "dict"):
        try:
            value = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        except (TypeError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}
    if kind in (int, "int"):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return 0
    return "" if raw is None else str(raw)
