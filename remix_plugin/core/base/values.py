"""Field values as PyQGIS hands them over (None, a null QVariant, text, numbers) read one way everywhere,
and the one test of which addresses may become links."""

from typing import Optional
from urllib.parse import urlsplit

URL_LIMIT = 2048  # longer addresses are shown as text, never as links


# bidirectional overrides and isolates, zero-width characters: invisible, they reorder or hide what a text
# shows («fdp.exe» reading «exe.pdf»); a value read from a pack never carries them into an infobox or a print
INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def text_value(value) -> str:
    """A field value as trimmed text ('' for NULL, whether PyQGIS hands it over as None or as a null QVariant),
    without invisible direction and zero-width characters."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    text = str(value)
    return (text if text.isascii() else text.translate(INVISIBLE)).strip()  # read for every row: ASCII skips it


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
