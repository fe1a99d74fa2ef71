"""The «Aiuto» menu's content: the consultation guide shipped with the plugin, and the Sector's sites.

The sites are data (`resources/help/siti.json`, edited by CMM staff). A reference page of the catalogue
that the file does not list is added under its layer's title, so a layer added to the catalogue brings
its page into the menu. Only http and https addresses are listed.
"""

import json
from pathlib import Path
from typing import List, Tuple

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.values import safe_url
from remix_plugin.core.catalogue.model import Catalogue

HELP = paths.RESOURCES / "help"
GUIDE = HELP / "guida.html"
SITES = HELP / "siti.json"


def guide_page() -> Path:
    if not GUIDE.is_file():
        raise RemixError(f"Guida alla consultazione «{GUIDE}» non trovata: reinstallare il plugin.")
    return GUIDE


def sector_sites(catalogue: Catalogue, path: Path = SITES) -> List[Tuple[str, str]]:
    """(title, url) of the Sector's sites, then the catalogue's reference pages not among them."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        listed = [(str(s["titolo"]), str(s["url"])) for s in data["siti"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RemixError(f"Elenco dei siti «{Path(path).name}» non leggibile: {exc}.") from exc
    sites, seen = [], set()
    for title, url in listed + [(e.title, e.reference) for e in catalogue.entries]:
        if url not in seen and url.startswith(("http://", "https://")) and safe_url(url):
            seen.add(url)
            sites.append((title, url))
    return sites
