"""Where the plugin's data folders are, both in the repository and once installed from the zip.

In the repository `metadata.txt`, `resources/`, `styles/`, `print_layouts/` sit beside the
`remix_plugin/` package; `make package` copies them into the plugin folder. Both layouts work.
"""

from pathlib import Path

from qgis.core import QgsApplication

PACKAGE_DIR = Path(__file__).resolve().parents[2]


def _root() -> Path:
    if (PACKAGE_DIR / "metadata.txt").exists():
        return PACKAGE_DIR
    return PACKAGE_DIR.parent


ROOT = _root()
METADATA = ROOT / "metadata.txt"
RESOURCES = ROOT / "resources"
STYLES = ROOT / "styles"
PRINT_LAYOUTS = ROOT / "print_layouts"
CATALOGUE = RESOURCES / "catalogue" / "catalogue.json"
CATALOGUE_SCHEMA = RESOURCES / "catalogue" / "catalogue.schema.json"
TEMPLATES = RESOURCES / "templates"
ICONS = RESOURCES / "icons"
I18N = RESOURCES / "i18n"
DATA = RESOURCES / "data"
DEMO_PACK = DATA / "remix_demo.gpkg"


def cache_dir() -> Path:
    """The plugin's cache in the QGIS profile (the catalogue's last copy, the derived stores)."""
    base = Path(QgsApplication.qgisSettingsDirPath() or Path.home() / ".remix")
    folder = base / "remix"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def icon(name: str) -> str:
    """Path of an icon in resources/icons (as str, what QIcon wants)."""
    return str(ICONS / name)


# An offline package carries copies of these data folders beside its project file (under these names),
# so that infoboxes and printing work on a tablet with the package's own copies.
PACKAGE_FOLDERS = {TEMPLATES: "templates", PRINT_LAYOUTS: "print_layouts"}
OFFLINE_ENTRY = ("remix", "offline")  # project entry of an offline package's project: the package's name


def for_project(project, folder: Path) -> Path:
    """`folder` (TEMPLATES or PRINT_LAYOUTS) as the given QgsProject should use it: the copy an offline
    package holds beside its project, else the plugin's own."""
    if project is not None and folder in PACKAGE_FOLDERS and project.readEntry(*OFFLINE_ENTRY, "")[0]:
        carried = Path(project.absolutePath()) / PACKAGE_FOLDERS[folder]
        if carried.is_dir():
            return carried
    return folder
