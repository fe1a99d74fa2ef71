"""A password typed into a connection never survives redaction; a text without one is left alone."""

import pytest

from remix_plugin.core.base.secrets import has_password, redact

SECRET = "S3greta"


@pytest.mark.parametrize(
    "text,shown",
    [
        # libpq conninfo
        (
            "host=db port=5432 dbname=remix user=u password=S3greta",
            "host=db port=5432 dbname=remix user=u password=***",
        ),
        ("password=S3greta host=db", "password=*** host=db"),
        ("host=db password = S3greta dbname=x", "host=db password = *** dbname=x"),
        ("host=db password='S3greta di prova' dbname=x", "host=db password=*** dbname=x"),
        ("host=db password='S3greta \\' ancora' dbname=x", "host=db password=*** dbname=x"),
        ('host=db password="S3greta di prova" dbname=x', "host=db password=*** dbname=x"),
        ("host=db password='S3greta non chiusa", "host=db password=***"),
        ("host=db password=S3greta&x;y dbname=x", "host=db password=*** dbname=x"),
        ("host=db sslpassword=S3greta", "host=db sslpassword=***"),
        ("PGPASSWORD=S3greta psql", "PGPASSWORD=*** psql"),
        ("host=db PASSWORD=S3greta", "host=db PASSWORD=***"),
        ("--password=S3greta", "--password=***"),
        ("MSSQL:server=x;uid=u;pwd=S3greta", "MSSQL:server=x;uid=u;pwd=***"),
        # QGIS data source URIs
        (
            "dbname='remix' host=db port=5432 user='u' password='S3greta' sslmode=disable table=\"remix\".\"t\"",
            "dbname='remix' host=db port=5432 user='u' password=*** sslmode=disable table=\"remix\".\"t\"",
        ),
        (
            "crs=EPSG:3857&format=image/png&password=S3greta&type=xyz&url=https://tiles.example.org/{z}/{x}/{y}.png",
            "crs=EPSG:3857&format=image/png&password=***&type=xyz&url=https://tiles.example.org/{z}/{x}/{y}.png",
        ),
        (
            "https://x.example.org/wfs?user=u&password=S3greta&typename=a",
            "https://x.example.org/wfs?user=u&password=***&typename=a",
        ),
        # URIs with user information
        ("postgresql://comune:S3greta@127.0.0.1:1/db", "postgresql://comune:***@127.0.0.1:1/db"),
        ("postgres://comune:S3greta@db/remix?sslmode=require", "postgres://comune:***@db/remix?sslmode=require"),
        ("https://:S3greta@example.org/x", "https://:***@example.org/x"),
        ("ftp://u:S3gr@ta@example.org", "ftp://u:***@example.org"),
        ("postgresql://u:S3/greta@db/remix", "postgresql://u:***@db/remix"),
        (
            "Connessione «postgresql://u:S3greta@db/x» non trovata.",
            "Connessione «postgresql://u:***@db/x» non trovata.",
        ),
        ("PG:postgresql://u:S3greta@db/x", "PG:postgresql://u:***@db/x"),
        # in a message, JSON, a repr
        # a bare value runs to the next space, whatever it holds: the closing » goes with it
        ("archivio «host=db password=S3greta» rifiutato", "archivio «host=db password=*** rifiutato"),
        ('{"password": "S3greta", "host": "db"}', '{"password": ***, "host": "db"}'),
        ("{'password': 'S3greta'}", "{'password': ***}"),
        ("connect(password='S3greta', host='db')", "connect(password=***, host='db')"),
        # several in one text
        ("a=postgresql://u:S3greta@h b=host=h password=S3greta", "a=postgresql://u:***@h b=host=h password=***"),
    ],
)
def test_a_password_never_survives(text, shown):
    assert redact(text) == shown
    assert SECRET not in redact(text)
    assert has_password(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Segnalazioni mostrate: 6 su 6; da sincronizzare: 6 (•).",
        "host=db port=5432 dbname=remix authcfg=abc1234",
        "service=remix authcfg=abc1234",
        "dbname='remix' host=db user='comune' sslmode=disable",
        "CMM PostGIS",
        "postgresql://comune@db:5432/remix",
        "postgresql://db:5432/remix",
        "https://example.org:8443/arcgis/rest/services/x/MapServer?f=json",
        "https://example.org:8443/utenti/@cmm",
        "scrivere a comune@example.org",
        "La connessione contiene una password in chiaro: rifiutata.",
        "password=",
        "passwordless=1",
        "Scheda «Centro civico: ore 10:30@sede»",
    ],
)
def test_a_text_without_a_password_is_unchanged(text):
    assert redact(text) == text
    assert not has_password(text)
