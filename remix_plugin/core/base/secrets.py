"""Passwords out of what the plugin shows, prints or stores.

A planner may type a connection string with its password (libpq conninfo, a QGIS data source URI,
a `postgresql://user:pw@host` URI) where only a QGIS connection, an authcfg or a pg_service belongs,
and error messages quote what was typed. `redact` hides the password in any text before it reaches a
user or a log; `has_password` lets an input be refused. Pure Python: usable before QGIS starts.
"""

import re

MASK = "***"
_KEY = r"[\w.-]*?(?:password|passwd|pwd)"  # also sslpassword, PGPASSWORD, db_password, --password, pwd
# in a URL query (?password=…&, QGIS WMS/WFS URIs) the value ends at the next &
_QUERY = re.compile(rf"(?<=[?&])({_KEY}=)[^&#\s]*", re.IGNORECASE)
# key=value (conninfo, QGIS data source URIs, Python reprs) or "key": value (JSON). A quoted value
# runs to its closing quote (backslash escapes, as QGIS writes them), or to the end when unclosed; a
# bare value to the next space (libpq's rule: a & or ; may be part of it)
_KEY_VALUE = re.compile(
    rf"""(?<![\w.?&-])({_KEY}(?:\s*=\s*|["']\s*:\s*))('(?:\\.|[^'\\])*(?:'|$)|"(?:\\.|[^"\\])*(?:"|$)|\S+)""",
    re.IGNORECASE,
)
# scheme://user:password@host: the password up to the last @ of the word, so that an unescaped @ or /
# in it leaves no tail behind; but host:port/path@… is a port, not a password
_USERINFO = re.compile(r"([a-z][a-z0-9+.-]*://[^\s/?#@:]*:)(?!\d*[/?#])\S+(?=@)", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with every password replaced by ***; a text without one comes back unchanged."""
    if "://" not in text:
        lowered = text.lower()
        if "pass" not in lowered and "pwd" not in lowered:
            return text  # the common case (the log calls this for every message): no regular expression
    for pattern in (_QUERY, _KEY_VALUE, _USERINFO):
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


def has_password(spec: str) -> bool:
    """Whether `spec` (a connection typed by a user) carries a password, even an empty quoted one."""
    return any(pattern.search(spec) for pattern in (_QUERY, _KEY_VALUE, _USERINFO))
