"""The catalogue CMM publishes at a URL: fetched with its ETag, cached on disk, and the cached or
bundled copy used when offline or when the new one is not valid."""

import json
from pathlib import Path
from typing import Tuple

from remix_plugin.core.base import log, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.http import get
from remix_plugin.core.catalogue.model import Catalogue, load_catalogue, parse_catalogue

# what an update did (fetch_catalogue): what the user is told differs
BUNDLED = "bundled"  # no address set: the copy in the plugin, nothing fetched
UPDATED = "updated"  # a new copy fetched and cached
UNCHANGED = "unchanged"  # CMM's copy is the one already cached
FALLBACK = "fallback"  # the fetch failed (already told, with why): the cached or bundled copy


def update_catalogue(url: str, authcfg: str = "", timeout_ms: int = 15000) -> Catalogue:
    """The newest valid catalogue: remote (cached with ETag), else the cached copy, else the bundled one."""
    return fetch_catalogue(url, authcfg, timeout_ms)[0]


def fetch_catalogue(url: str, authcfg: str = "", timeout_ms: int = 15000) -> Tuple[Catalogue, str]:
    """update_catalogue, and what it did: BUNDLED, UPDATED, UNCHANGED or FALLBACK."""
    if not url:
        return load_catalogue(), BUNDLED
    cached = paths.cache_dir() / "catalogue.json"
    meta_file = paths.cache_dir() / "catalogue.meta.json"
    meta = _read_json(meta_file)
    headers = {"If-None-Match": meta["etag"]} if meta.get("etag") and meta.get("url") == url and cached.exists() else {}
    try:
        fetched = get(url, authcfg, headers, timeout_ms)
        if fetched.status == 304:
            return load_catalogue(cached, strict=True), UNCHANGED
        if fetched.status != 200:
            raise RemixError(f"risposta HTTP {fetched.status}")
        catalogue = parse_catalogue(fetched.content.decode("utf-8"), origin=url, strict=True)
    except (RemixError, UnicodeDecodeError) as exc:
        reason = exc.message if isinstance(exc, RemixError) else "testo non in UTF-8"
        fallback = cached if cached.exists() else paths.CATALOGUE
        log.warning(
            f"Catalogo «{url}» non aggiornato: {reason}. In uso la copia "
            f"{'in cache' if fallback == cached else 'inclusa nel plugin'}.",
            push=True,
        )
        try:
            return load_catalogue(fallback, strict=fallback == cached), FALLBACK
        except RemixError:
            return load_catalogue(), FALLBACK
    # QGIS's network cache may answer a 304 as a 200 with the copy it holds: the same bytes, not an update
    same = cached.exists() and cached.read_bytes() == fetched.content
    cached.write_bytes(fetched.content)
    meta_file.write_text(json.dumps({"url": url, "etag": fetched.etag}), encoding="utf-8")
    return catalogue, UNCHANGED if same else UPDATED


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
