"""Network through QGIS's own stack (proxy, SSL settings and `authcfg` honoured), never `requests`:
a blocking GET and the Italian diagnosis of a service that does not answer."""

import json
from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from remix_plugin.core.base import formatting
from remix_plugin.core.base.errors import RemixError


@dataclass
class Fetched:
    status: int
    content: bytes
    etag: str = ""


def get(url: str, authcfg: str = "", headers: dict = None, timeout_ms: int = 15000) -> Fetched:
    """A blocking GET through QgsBlockingNetworkRequest; RemixError (Italian) on failure. The timeout is the
    request's own (no answer for `timeout_ms`): QGIS's application-wide network timeout is never changed."""
    request = QNetworkRequest(QUrl(url))
    request.setAttribute(
        QNetworkRequest.Attribute.CacheLoadControlAttribute, QNetworkRequest.CacheLoadControl.AlwaysNetwork
    )
    request.setTransferTimeout(timeout_ms)
    for key, value in (headers or {}).items():
        request.setRawHeader(key.encode(), value.encode())
    blocking = QgsBlockingNetworkRequest()
    if authcfg:
        blocking.setAuthCfg(authcfg)
    code = blocking.get(request, forceRefresh=True)
    reply = blocking.reply()
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) or 0
    failed = code != QgsBlockingNetworkRequest.NoError or reply.error() != QNetworkReply.NetworkError.NoError
    if failed and not status:  # no HTTP answer at all (HTTP errors are returned)
        where = QUrl(url).authority() or url
        if reply.error() == QNetworkReply.NetworkError.OperationCanceledError:  # the request's own timeout
            raise RemixError(f"nessuna risposta da «{where}» entro {formatting.decimal(timeout_ms / 1000, 1)} s")
        detail = blocking.errorMessage() or reply.errorString()
        raise RemixError(f"«{where}» non raggiungibile" + (f" ({detail})" if detail else ""))
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
