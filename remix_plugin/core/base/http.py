"""Network through QGIS's own stack (proxy, SSL settings and `authcfg` honoured), never `requests`:
a blocking GET and the Italian diagnosis of a service that does not answer."""

import json
from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from remix_plugin.core.base import formatting, log
from remix_plugin.core.base.errors import RemixError

# Qt's network errors (QNetworkReply.NetworkError, by name: the same in Qt5 and Qt6), as a user reads them
NETWORK_ERRORS = {
    "ConnectionRefusedError": "connessione rifiutata — il servizio non è attivo a quell'indirizzo o un firewall lo blocca",
    "RemoteHostClosedError": "il server ha chiuso la connessione prima di rispondere",
    "HostNotFoundError": "indirizzo sconosciuto — il computer non è in rete oppure il nome del server è sbagliato",
    "TimeoutError": "tempo scaduto — il server non ha risposto",
    "SslHandshakeFailedError": "connessione sicura non riuscita — certificato del server non valido o non riconosciuto",
    "TemporaryNetworkFailureError": "rete momentaneamente non disponibile",
    "NetworkSessionFailedError": "rete non disponibile — il computer non è collegato",
    "BackgroundRequestNotAllowedError": "rete non disponibile per le richieste in background",
    "TooManyRedirectsError": "troppi reindirizzamenti",
    "InsecureRedirectError": "reindirizzamento da una connessione sicura a una non sicura, rifiutato",
    "ProxyConnectionRefusedError": "il proxy ha rifiutato la connessione — controllare il proxy nelle opzioni di QGIS",
    "ProxyConnectionClosedError": "il proxy ha chiuso la connessione prima della risposta",
    "ProxyNotFoundError": "proxy sconosciuto — controllare il proxy nelle opzioni di QGIS",
    "ProxyTimeoutError": "tempo scaduto — il proxy non ha risposto",
    "ProxyAuthenticationRequiredError": "il proxy chiede le credenziali — impostarle nelle opzioni di QGIS",
    "ProtocolUnknownError": "indirizzo non valido — usare http:// o https://",
    "ProtocolInvalidOperationError": "richiesta non ammessa dal servizio",
    "AuthenticationRequiredError": "il servizio chiede le credenziali — sceglierle nelle Impostazioni RE.MIX",
}


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
        raise RemixError(
            f"«{where}» non raggiungibile: "
            + network_error(reply.error(), blocking.errorMessage() or reply.errorString())
        )
    return Fetched(int(status), bytes(reply.content()), bytes(reply.rawHeader(b"ETag")).decode("latin-1"))


def network_error(error, detail: str = "") -> str:
    """Qt's network error `error` (a QNetworkReply.NetworkError) in Italian; Qt's own English text
    (`detail`) goes to the log only, for whoever helps the user."""
    name = getattr(error, "name", "")
    if not isinstance(name, str) or not name:  # PyQt5's enum values have no name: found by value
        name = next(
            (n for n in NETWORK_ERRORS if getattr(QNetworkReply.NetworkError, n, None) == error),
            "",
        )
    code = int(getattr(error, "value", error))  # PyQt6's enums are not ints
    if detail:
        log.log(f"Errore di rete Qt {name or code}: {detail}")
    return NETWORK_ERRORS.get(name) or f"errore di rete n. {code}"


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
