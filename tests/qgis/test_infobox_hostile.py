"""Hostile attribute values in an intervento, shown in the real «Infobox RE.MIX» dock: markup and scripts
stay text, unsafe addresses are not links, a 100 kB value is cut, NULLs read «n.d.». One test each."""

import pytest
from qgis.core import QgsFeature, QgsVectorLayer
from qgis.PyQt.QtCore import QUrl

from remix_plugin.core.catalogue.model import load_catalogue
from remix_plugin.core.infobox.content import infobox_html
from remix_plugin.core.infobox.identify import Hit
from tests.qgis.test_infobox_gui import Opened, anchors

FIELDS = (
    "cup",
    "titolo",
    "bando",
    "natura",
    "comuni",
    "importo_totale",
    "importo_finanziato",
    "importo_cofinanziato",
    "url_pagina",
    "url_scheda",
    "descrizione",
)
GOOD = {
    "cup": "DEMO0000001",
    "titolo": "Piazza del mercato",
    "bando": "PNRR M5C2 inv. 2.3 — PINQuA",
    "natura": "lavori",
    "comuni": "Rho",
    "importo_totale": 1000.5,
    "importo_finanziato": 1000.5,
    "importo_cofinanziato": 0.0,
    "url_pagina": "https://www.cittametropolitana.mi.it/",
    "url_scheda": None,
    "descrizione": "Riqualificazione.",
}


@pytest.fixture()
def dock(qgis_app, demo_pack):
    from remix_plugin.gui.infobox_dock import InfoboxDock

    widget = InfoboxDock()
    widget.resize(420, 700)
    yield widget
    widget.deleteLater()


def show(dock, demo_pack, **values):
    """One intervento with these values, shown in the dock as a click would show it."""
    types = {"importo_totale": "double", "importo_finanziato": "double", "importo_cofinanziato": "double"}
    fields = "&".join(f"field={name}:{types.get(name, 'string(0)')}" for name in FIELDS)
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:32632&{fields}", "interventi", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes([dict(GOOD, **values)[name] for name in FIELDS])
    assert layer.dataProvider().addFeatures([feature])[0]
    entry = load_catalogue().entry("interventi_pinqua")
    hit = Hit(layer, entry, next(layer.getFeatures()))
    html = infobox_html(hit.layer, hit.feature, hit.entry, pack=demo_pack)
    dock.set_hits([hit], lambda h: html)
    return html


def fragments(browser):
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield iterator.fragment()
            iterator += 1
        block = block.next()


def test_a_script_in_an_attribute_is_shown_as_text(dock, demo_pack):
    html = show(dock, demo_pack, titolo="<script>alert('RE.MIX')</script>Piazza")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<script>alert('RE.MIX')</script>Piazza" in dock.browser.toPlainText()
    assert dock.items[0].text(0) == "<script>alert('RE.MIX')</script>Piazza"  # a tree item: plain text


def test_right_to_left_overrides_and_zero_width_characters_do_not_reach_the_infobox(dock, demo_pack):
    html = show(dock, demo_pack, titolo="Riqualificazione \u202eFDP.exe\u202c\u200b ex scalo\u2066")
    assert not any(c in html for c in "\u202e\u202c\u200b\u2066")
    assert "Riqualificazione FDP.exe ex scalo" in dock.browser.toPlainText()


def test_an_image_with_onerror_is_shown_as_text_and_loads_nothing(dock, demo_pack):
    hostile = '<img src="file:///etc/passwd" onerror="alert(1)">'
    html = show(dock, demo_pack, bando=hostile, descrizione=f"<b>grassetto</b>{hostile}")
    assert "<img" not in html and "<b>grassetto" not in html
    text = dock.browser.toPlainText()
    assert hostile in text and "<b>grassetto</b>" in text
    assert not [f for f in fragments(dock.browser) if f.charFormat().isImageFormat()]


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " java\tscript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "https://",
        "ftp://example.org/scheda.pdf",
    ],
)
def test_an_address_other_than_http_https_mailto_is_not_a_link(dock, demo_pack, address):
    opened = Opened(["javascript", "file", "data", "ftp", "http", "https"])
    try:
        html = show(dock, demo_pack, url_pagina=address, url_scheda='https://x.it/" onmouseover="alert(1)')
        links = dict(anchors(dock.browser))
        assert "Pagina del progetto" not in links
        assert links["Scheda PDF"] == 'https://x.it/" onmouseover="alert(1)'  # a link, but its address is one value
        assert 'onmouseover="alert' not in html
        assert "indirizzo non attivo" in dock.browser.toPlainText()
        assert all(href.startswith("https://") for href in links.values())
        dock.open_link(QUrl(address))  # even if a template made it a link, the dock would not open it
        assert opened.urls == []
    finally:
        opened.close()


def test_a_100_kb_value_is_cut_and_stays_text(dock, demo_pack):
    huge = ("<i>lungo</i> " * 9000)[:102400]
    html = show(
        dock, demo_pack, descrizione=huge, titolo="x" * 102400, url_scheda="https://example.org/" + "a" * 102400
    )
    text = dock.browser.toPlainText()
    assert len(html) < 12000 and len(text) < 6000
    assert "testo abbreviato: 102.400 caratteri in tutto" in text
    assert "<i>lungo</i>" in text and "<i>lungo" not in html and "&lt;i&gt;lungo" in html
    assert "Scheda PDF" not in dict(anchors(dock.browser))  # an address that long is not a link
    assert len(dock.items) == 1 and len(dock.items[0].text(0)) < 300


def test_null_values_read_nd(dock, demo_pack):
    show(dock, demo_pack, **{name: None for name in FIELDS})
    text = dock.browser.toPlainText()
    assert "NULL" not in text and "None" not in text
    for label in ("CUP", "Bando", "Natura", "Importo totale", "Importo finanziato", "Importo cofinanziato"):
        assert f"{label}\nn.d." in text or f"{label}\tn.d." in text, label
    assert "Pagina del progetto: n.d." in text and "Scheda PDF: n.d." in text
    assert anchors(dock.browser) == [("Pagina di riferimento", load_catalogue().entry("interventi_pinqua").reference)]
