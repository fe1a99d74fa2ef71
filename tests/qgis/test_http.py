"""HTTP through QGIS's network stack: each request has its own timeout, and QGIS's application-wide
network timeout (which every other request in QGIS uses) is never changed."""

import pytest
from qgis.core import QgsNetworkAccessManager

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.http import get
from tests.servers.scripted_http import ScriptedHttpServer


@pytest.fixture()
def slow_server():
    server = ScriptedHttpServer("lento")
    server.delay = 4.0
    yield server
    server.stop()


def test_a_request_that_gets_no_answer_ends_at_its_own_timeout_in_italian(qgis_app, slow_server):
    qgis_wide = QgsNetworkAccessManager.timeout()
    seen = []
    slow_server.while_asked = lambda: seen.append(QgsNetworkAccessManager.timeout())
    with pytest.raises(RemixError, match=r"nessuna risposta da «127\.0\.0\.1:\d+» entro 1 s"):
        get(slow_server.url, timeout_ms=1000)
    assert seen == [qgis_wide] and QgsNetworkAccessManager.timeout() == qgis_wide


def test_an_answer_within_the_timeout_is_read(qgis_app, slow_server):
    slow_server.delay = 0.0
    slow_server.publish({"ok": True}, '"v1"')
    fetched = get(slow_server.url, timeout_ms=5000)
    assert fetched.status == 200 and fetched.content == b'{"ok": true}'
