"""Where the plugin's data folders are, both in the repository and once installed from the zip.

In the repository `metadata.txt`, `resources/`, `styles/`, `print_layouts/` sit beside the
`remix_plugin/` package; `make package` copies them into the plugin folder. Both layouts work.
"""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


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


def icon(name: str) -> str:
    """Path of an icon in resources/icons (as str, what QIcon wants)."""
    return str(ICONS / name)
