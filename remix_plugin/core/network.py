"""Network through QGIS's own stack (proxy, SSL settings and `authcfg` honoured), never `requests`.

The catalogue can be published by CMM at a URL: fetched with its ETag, cached on disk, and the
cached or bundled copy used when offline or when the new one is not valid.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication, QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from remix_plugin.core import log, paths
from remix_plugin.core.catalogue import Catalogue, load_catalogue, parse_catalogue
from remix_plugin.core.errors import RemixError


def cache_dir() -> Path:
    base = Path(QgsApplication.qgisSettingsDirPath() or Path.home() / ".remix")
    folder = base / "remix"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Fetched:
    status: int
    content: bytes
    etag: str = ""


def get(url: str, authcfg: str = "", headers: dict = None, timeout_ms: int = 15000) -> Fetched:
    """A blocking GET through QgsBlockingNetworkRequest; RemixError (Italian) on failure."""
    from qgis.core import QgsNetworkAccessManager

    request = QNetworkRequest(QUrl(url))
    request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute,
                         QNetworkRequest.CacheLoadControl.AlwaysNetwork)
    for key, value in (headers or {}).items():
        request.setRawHeader(key.encode(), value.encode())
    previous = QgsNetworkAccessManager.timeout()
    QgsNetworkAccessManager.setTimeout(timeout_ms)
    try:
        blocking = QgsBlockingNetworkRequest()
        if authcfg:
            blocking.setAuthCfg(authcfg)
        code = blocking.get(request, forceRefresh=True)
        reply = blocking.reply()
    finally:
        QgsNetworkAccessManager.setTimeout(previous)
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) or 0
    if code != QgsBlockingNetworkRequest.NoError and not status:  # no HTTP answer at all (HTTP errors are returned)
        raise RemixError(blocking.errorMessage() or f"errore di rete su «{url}»")
    return Fetched(int(status), bytes(reply.content()), bytes(reply.rawHeader(b"ETag")).decode("latin-1"))


def diagnose_service(url: str, authcfg: str = "", timeout_ms: int = 5000) -> str:
    """Why an ArcGIS REST layer did not load, in Italian: unreachable, an HTTP error, or not JSON."""
    try:
        fetched = get(f"{url}?f=json", authcfg, timeout_ms=timeout_ms)
    except RemixError as exc:
        return f"servizio non raggiungibile: {exc.message}"
    if fetched.status >= 400:
        return f"il servizio risponde con errore HTTP {fetched.status}"
    try:
        answer = json.loads(fetched.content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "il servizio non risponde con JSON valido"
    if isinstance(answer, dict) and "error" in answer:
        return f"il servizio risponde con un errore ({answer['error'].get('message', '')})"
    return ""


def probe(url: str, authcfg: str = "", timeout_ms: int = 5000) -> Optional[str]:
    """None when the URL answers; else a short reason (for basemaps and health checks)."""
    try:
        fetched = get(url, authcfg, timeout_ms=timeout_ms)
    except RemixError as exc:
        return exc.message
    return None if 200 <= fetched.status < 400 else f"risposta HTTP {fetched.status}"


def update_catalogue(url: str, authcfg: str = "", timeout_ms: int = 15000) -> Catalogue:
    """The newest valid catalogue: remote (cached with ETag), else the cached copy, else the bundled one."""
    if not url:
        return load_catalogue()
    cached = cache_dir() / "catalogue.json"
    meta_file = cache_dir() / "catalogue.meta.json"
    meta = _read_json(meta_file)
    headers = {"If-None-Match": meta["etag"]} if meta.get("etag") and meta.get("url") == url and cached.exists() else {}
    try:
        fetched = get(url, authcfg, headers, timeout_ms)
        if fetched.status == 304:
            return load_catalogue(cached, strict=True)
        if fetched.status != 200:
            raise RemixError(f"risposta HTTP {fetched.status}")
        catalogue = parse_catalogue(fetched.content.decode("utf-8"), origin=url, strict=True)
    except (RemixError, UnicodeDecodeError) as exc:
        reason = exc.message if isinstance(exc, RemixError) else "testo non in UTF-8"
        fallback = cached if cached.exists() else paths.CATALOGUE
        log.warning(f"Catalogo «{url}» non aggiornato: {reason}. In uso la copia "
                    f"{'in cache' if fallback == cached else 'inclusa nel plugin'}.", push=True)
        try:
            return load_catalogue(fallback, strict=fallback == cached)
        except RemixError:
            return load_catalogue()
    cached.write_bytes(fetched.content)
    meta_file.write_text(json.dumps({"url": url, "etag": fetched.etag}), encoding="utf-8")
    return catalogue


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
