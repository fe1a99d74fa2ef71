"""The CMM look: one QML style per catalogue layer (styles/) and the plugin's SVG icons.

Every style must load on a layer shaped like the catalogue entry (geometry and fields), draw with
symbols of that geometry, classify on the data-pack contract's closed lists (DESIGN §8), and never
decide visibility by scale: scale ranges belong to the catalogue (DESIGN §2.5).
"""

import json
import xml.etree.ElementTree as ET

import pytest

from remix_plugin.core.base import paths

CATALOGUE = json.loads(paths.CATALOGUE.read_text(encoding="utf-8"))
ENTRIES = CATALOGUE["layers"]
ICONS = sorted(paths.ICONS.glob("*.svg"))

GEOMETRY = {"point": "Point", "line": "MultiLineString", "polygon": "MultiPolygon"}
NUMERIC = {
    "importo_totale",
    "importo_finanziato",
    "importo_cofinanziato",
    "superficie_ha",
    "quota_superficie",
    "finanziamento",
    "cofinanziamento",
    "raggio_m",
}
INTEGER = {"n_interventi", "classe_n"}

STATO_SUOLO = ["libero", "parzialmente edificato", "edificato"]
RILEVANZA = ["metropolitana", "sovracomunale"]
# closed lists of the data-pack contract: entry id -> (field, values)
CLOSED_LISTS = {
    "offerta_at_2020": ("stato_suolo", STATO_SUOLO),
    "offerta_pa_2020": ("stato_suolo", STATO_SUOLO),
    "stazioni": ("rilevanza", RILEVANZA),
    "lum": ("rilevanza", RILEVANZA),
    "servizi_sovracomunali": (
        "categoria",
        [
            "Grandi strutture di vendita e luoghi di intrattenimento",
            "Centri sportivi",
            "Scuole e Università",
            "Strutture sanitarie",
            "Aeroporti e stazioni",
        ],
    ),
    "rete_ciclabile": ("rete", ["OSM", "BICITALIA", "VENTO", "MiBici", "CAMBIO"]),
}
CATEGORISED_ONLY = {"parchi": "tipo", "plis": "tipo"}  # categorised, values not fixed by the contract
INDICATORS = ("indicatore_superficie", "indicatore_finanziamento")
INDICATOR_CLASSES = ["molto basso", "basso", "medio-basso", "medio", "medio-alto", "alto", "molto alto"]
REQUIRED_ICONS = [
    "remix",
    "catalogue",
    "map_opportunita",
    "map_realizzazioni",
    "basemap",
    "infobox",
    "indicators",
    "filter",
    "print",
    "segnalazione",
    "sync",
    "offline",
    "pgt",
    "help",
    "settings",
    "logo_cmm",
    "logo_remix",
]


def entry_ids(entry):
    return entry["id"]


def layer_for(entry, scale_range=None):
    """An empty memory layer with the entry's geometry and fields (plus `classe_n` for the indicators)."""
    from qgis.core import QgsVectorLayer

    names = list(entry["fields"])
    if entry["id"] in INDICATORS:
        names.append("classe_n")
    spec = "&".join(f"field={n}:{'double' if n in NUMERIC else 'integer' if n in INTEGER else 'string'}" for n in names)
    layer = QgsVectorLayer(f"{GEOMETRY[entry['geometry']]}?crs=EPSG:32632&{spec}", entry["id"], "memory")
    assert layer.isValid()
    if scale_range:
        layer.setScaleBasedVisibility(True)
        layer.setMinimumScale(scale_range[0])
        layer.setMaximumScale(scale_range[1])
    return layer


def styled(entry):
    layer = layer_for(entry)
    message, ok = layer.loadNamedStyle(str(paths.STYLES / entry["style"]))
    assert ok, f"{entry['style']}: {message}"
    return layer


def symbols(layer):
    from qgis.core import QgsRenderContext

    return layer.renderer().symbols(QgsRenderContext())


def test_catalogue_has_the_24_layers_and_styles_are_named_after_their_ids():
    assert len(ENTRIES) == 24
    for entry in ENTRIES:
        assert entry["style"] == f"{entry['id']}.qml"
        assert (paths.STYLES / entry["style"]).is_file(), entry["style"]


@pytest.mark.parametrize("entry", ENTRIES, ids=entry_ids)
def test_style_parses_and_loads_on_a_layer_of_the_catalogue_shape(qgis_app, entry):
    from qgis.core import QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol

    root = ET.parse(paths.STYLES / entry["style"]).getroot()
    assert root.tag == "qgis" and root.find("renderer-v2") is not None
    layer = styled(entry)
    drawn = symbols(layer)
    assert drawn, "lo stile non disegna nulla"
    expected = {"point": QgsMarkerSymbol, "line": QgsLineSymbol, "polygon": QgsFillSymbol}[entry["geometry"]]
    for symbol in drawn:
        assert isinstance(symbol, expected), f"{entry['style']}: {type(symbol).__name__} per {entry['geometry']}"
    attribute = getattr(layer.renderer(), "classAttribute", lambda: "")()
    if attribute:
        assert layer.fields().indexOf(attribute) >= 0, f"{entry['style']} classifica sul campo assente «{attribute}»"
    if layer.labelsEnabled():
        settings = layer.labeling().settings()
        assert settings.isExpression or layer.fields().indexOf(settings.fieldName) >= 0


@pytest.mark.parametrize("entry", ENTRIES, ids=entry_ids)
def test_style_never_decides_scale_visibility(qgis_app, entry):
    from qgis.core import QgsMapLayer

    root = ET.parse(paths.STYLES / entry["style"]).getroot()
    assert root.get("hasScaleBasedVisibilityFlag", "0") == "0"
    for rule in root.iter("rule"):
        assert not rule.get("scalemindenom") and not rule.get("scalemaxdenom"), "regole con soglie di scala"
    # loading it with everything it holds never turns scale visibility on...
    layer = styled(entry)
    assert not layer.hasScaleBasedVisibility()
    # ...and loading its symbology and labels keeps the catalogue's range untouched
    catalogue_range = (500000.0, 1000.0)
    layer = layer_for(entry, catalogue_range)
    message, ok = layer.loadNamedStyle(
        str(paths.STYLES / entry["style"]), categories=QgsMapLayer.Symbology | QgsMapLayer.Labeling
    )
    assert ok, message
    assert layer.hasScaleBasedVisibility()
    assert (layer.minimumScale(), layer.maximumScale()) == catalogue_range


@pytest.mark.parametrize("entry_id", sorted(CLOSED_LISTS), ids=str)
def test_categories_follow_the_closed_lists(qgis_app, entry_id):
    entry = next(e for e in ENTRIES if e["id"] == entry_id)
    field, values = CLOSED_LISTS[entry_id]
    layer = styled(entry)  # keep the layer alive while its renderer is used
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol"
    assert renderer.classAttribute() == field
    found = [str(c.value()) for c in renderer.categories()]
    assert sorted(v for v in found if v) == sorted(values)
    assert len(found) == len(set(found))
    for category in renderer.categories():
        assert category.label().strip(), f"categoria «{category.value()}» senza etichetta di legenda"
        assert category.renderState()


@pytest.mark.parametrize("entry_id", sorted(CATEGORISED_ONLY), ids=str)
def test_green_system_is_categorised_by_tipo(qgis_app, entry_id):
    entry = next(e for e in ENTRIES if e["id"] == entry_id)
    layer = styled(entry)  # keep the layer alive while its renderer is used
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == CATEGORISED_ONLY[entry_id]
    assert all(c.label().strip() for c in renderer.categories())


@pytest.mark.parametrize("entry_id", INDICATORS, ids=str)
def test_indicator_styles_are_graduated_circles_on_the_class_number(qgis_app, entry_id):
    from qgis.core import QgsMarkerSymbol

    entry = next(e for e in ENTRIES if e["id"] == entry_id)
    layer = styled(entry)  # keep the layer alive while its renderer is used
    renderer = layer.renderer()
    assert renderer.type() == "graduatedSymbol"
    assert renderer.classAttribute() == "classe_n"
    ranges = renderer.ranges()
    assert [r.label() for r in ranges] == INDICATOR_CLASSES
    for k in range(1, 8):
        matching = [i for i, r in enumerate(ranges) if r.lowerValue() <= k <= r.upperValue()]
        assert matching[:1] == [k - 1], f"la classe {k} non cade nel suo intervallo"
    sizes = [r.symbol().size() for r in ranges]
    colours = [r.symbol().color().name() for r in ranges]
    assert all(isinstance(r.symbol(), QgsMarkerSymbol) for r in ranges)
    assert sizes == sorted(sizes) and len(set(sizes)) == 7, "dimensioni non crescenti"
    assert len(set(colours)) == 7, "ogni classe ha il suo colore"


def test_comuni_and_zone_omogenee_are_outlines_with_labels(qgis_app):
    from qgis.PyQt.QtCore import Qt

    by_id = {e["id"]: e for e in ENTRIES}
    comuni = styled(by_id["comuni"])
    zone = styled(by_id["zone_omogenee"])
    for layer in (comuni, zone):
        (symbol,) = symbols(layer)
        assert symbol.symbolLayer(0).brushStyle() == Qt.BrushStyle.NoBrush, "niente riempimento"
        assert layer.labelsEnabled()
    assert symbols(zone)[0].symbolLayer(0).strokeWidth() > symbols(comuni)[0].symbolLayer(0).strokeWidth()
    labels = comuni.labeling().settings()
    assert labels.fieldName == "comune"
    assert labels.scaleVisibility and 0 < labels.minimumScale <= 60000, "nomi dei Comuni solo a grande scala"
    assert labels.format().buffer().enabled()
    assert zone.labeling().settings().fieldName == "zona_omogenea"


def test_every_realizzazioni_programme_has_its_own_colour(qgis_app):
    programmes = [
        "interventi_periferie",
        "interventi_comein",
        "interventi_pinqua",
        "interventi_mica",
        "interventi_spugna",
        "interventi_altri_pui",
        "interventi_cambio",
    ]
    by_id = {e["id"]: e for e in ENTRIES}
    layers = {p: styled(by_id[p]) for p in programmes + ["interventi_periferie_punti"]}
    colours = {p: symbols(layers[p])[0].color().name() for p in programmes}
    assert len(set(colours.values())) == len(programmes), colours
    (star,) = symbols(layers["interventi_periferie_punti"])
    assert star.symbolLayer(0).layerType() == "SimpleMarker" and "star" in star.symbolLayer(0).properties()["name"]


def test_required_icons_are_there():
    names = {p.stem for p in ICONS}
    assert not set(REQUIRED_ICONS) - names, sorted(set(REQUIRED_ICONS) - names)


@pytest.mark.parametrize("path", ICONS, ids=lambda p: p.name)
def test_icon_is_valid_svg(qgis_app, path):
    from qgis.PyQt.QtSvg import QSvgRenderer

    ET.parse(path)  # well-formed XML
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), path.name
    assert not renderer.defaultSize().isEmpty()
