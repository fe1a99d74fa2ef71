"""Field values as PyQGIS hands them over (None, a null QVariant, text, numbers) read one way everywhere,
and the one test of which addresses may become links."""

from typing import Optional
from urllib.parse import urlsplit

URL_LIMIT = 2048  # longer addresses are shown as text, never as links


def text_value(value) -> str:
    """A field value as trimmed text ('' for NULL, whether PyQGIS hands it over as None or as a null QVariant)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value).strip()


def number_value(value) -> Optional[float]:
    """A field value as a number (None for NULL or text that is not a number)."""
    try:
        return float(str(value).replace(",", ".")) if text_value(value) else None
    except (TypeError, ValueError):
        return None


def safe_url(url: str) -> bool:
    """Only http(s) addresses with a host and mailto addresses become links."""
    url = (url or "").strip()
    if not url or len(url) > URL_LIMIT:
        return False
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.netloc)
    return scheme == "mailto" and bool(parts.path)
