"""(Re)generate styles/<entry id>.qml, the CMM look of every catalogue layer.

The QML files in styles/ are the source of truth once committed: CMM staff may edit them in QGIS
(Proprietà del layer > Stile > Salva stile). This script only rebuilds them from scratch, e.g. to
change the whole palette at once. Run from the repository root:

    QT_QPA_PLATFORM=offscreen python3 scripts/make_styles.py            # every catalogue layer
    QT_QPA_PLATFORM=offscreen python3 scripts/make_styles.py lum stazioni

Rules kept by every style (tests/unit/test_styles.py checks them):
- only the "Simbologia" and "Etichette" categories are saved: no scale-based visibility (the
  catalogue decides scale ranges), no fields, forms or attribute-table settings;
- categorised styles use the closed lists of the data-pack contract (CATEGORIES below), plus one
  "altro / non indicato" class (empty value = all other values) so unexpected values still show;
- indicator styles classify `classe_n` (integer class 1..7, see INDICATOR_CLASSES).
"""

import argparse
import json
import os
import sys
from pathlib import Path

# a fixed hash seed makes Qt write XML attributes in the same order every run: regenerating the
# styles then changes only what really changed (this must happen before Qt is loaded)
os.environ.setdefault("QT_HASH_SEED", "0")

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "catalogue" / "catalogue.json"
STYLES = ROOT / "styles"

# ---- closed lists (data-pack contract, DESIGN §8) — shared with tests/unit/test_styles.py ------
CATEGORIES = {
    "offerta_at_2020": ("stato_suolo", ["libero", "parzialmente edificato", "edificato"]),
    "offerta_pa_2020": ("stato_suolo", ["libero", "parzialmente edificato", "edificato"]),
    "stazioni": ("rilevanza", ["metropolitana", "sovracomunale"]),
    "lum": ("rilevanza", ["metropolitana", "sovracomunale"]),
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
    "parchi": ("tipo", ["parco regionale", "parco nazionale", "parco naturale", "riserva regionale"]),
    "plis": ("tipo", ["PLIS"]),
}
OTHER_LABEL = "altro / non indicato"
INDICATOR_FIELD = "classe_n"
INDICATOR_CLASSES = ["molto basso", "basso", "medio-basso", "medio", "medio-alto", "alto", "molto alto"]

NUMERIC_FIELDS = {
    "importo_totale",
    "importo_finanziato",
    "importo_cofinanziato",
    "superficie_ha",
    "quota_superficie",
    "finanziamento",
    "cofinanziamento",
    "raggio_m",
}
INTEGER_FIELDS = {"n_interventi", INDICATOR_FIELD}
GEOMETRY = {"point": "Point", "line": "MultiLineString", "polygon": "MultiPolygon"}
FONT = "Open Sans"  # QGIS's own default styles use it; QGIS 3.40 downloads it where it is missing

# ---- palette --------------------------------------------------------------------------------
GREY_COMUNI = "#8c8c8c"
DARK = "#333333"
P = {
    # opportunità: warm colours
    "remix": "#f28e2b",
    "remix_line": "#c3620a",
    "dismesse": "#8c510a",
    "dismesse_bg": "#d8b365",
    "8bis": "#c51b7d",
    "pgt": "#d8a31a",
    "pgt_line": "#9c7400",
    "at": ["#fcbba1", "#fb6a4a", "#cb181d"],
    "at_line": "#99000d",
    "pa": ["#f1d3b8", "#d69a6a", "#9c4a1f"],
    "pa_line": "#5e2c12",
    # realizzazioni: one colour per programme
    "periferie": "#1f5fa8",
    "comein": "#0f8b8d",
    "pinqua": "#6a3d9a",
    "mica": "#d7191c",
    "spugna": "#1fa2de",
    "altri_pui": "#6b7f99",
    "cambio": "#1a9641",
    # interesse
    "verde": ["#41ab5d", "#238b45", "#74c476", "#a1d99b"],
    "verde_line": "#1b6b35",
    "plis": "#b8e186",
    "plis_line": "#4d9221",
    "lum": "#4292c6",
    # indicators (7 classes, light to dark)
    "ind_superficie": ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
    "ind_finanziamento": ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
}


def _qgis():
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
    return app


# ---- small symbol helpers -------------------------------------------------------------------
def _color(hex_colour, alpha=255):
    from qgis.PyQt.QtGui import QColor

    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c


def _rgba(hex_colour, alpha=255):
    c = _color(hex_colour, alpha)
    return f"{c.red()},{c.green()},{c.blue()},{c.alpha()}"


def fill(colour, alpha, outline, width, outline_style="solid", no_fill=False):
    from qgis.core import QgsFillSymbol

    return QgsFillSymbol.createSimple(
        {
            "color": _rgba(colour, alpha),
            "style": "no" if no_fill else "solid",
            "outline_color": _rgba(outline),
            "outline_width": str(width),
            "outline_width_unit": "MM",
            "outline_style": outline_style,
            "joinstyle": "round",
        }
    )


def outline_only(colour, width, style="solid"):
    return fill(colour, 0, colour, width, style, no_fill=True)


def hatched(line_colour, bg_colour, bg_alpha, angle=45, distance=1.6, line_width=0.3):
    from qgis.core import QgsLinePatternFillSymbolLayer, QgsLineSymbol, QgsUnitTypes

    symbol = fill(bg_colour, bg_alpha, line_colour, 0.4)
    pattern = QgsLinePatternFillSymbolLayer()
    pattern.setLineAngle(angle)
    pattern.setDistance(distance)
    pattern.setDistanceUnit(QgsUnitTypes.RenderMillimeters)
    pattern.setSubSymbol(
        QgsLineSymbol.createSimple(
            {"line_color": _rgba(line_colour), "line_width": str(line_width), "line_width_unit": "MM"}
        )
    )
    symbol.appendSymbolLayer(pattern)  # hatch drawn over the tint and its outline
    return symbol


def line(colour, width, dash=None, casing=None, alpha=255):
    """A line; `dash` = (dash, gap) in mm; `casing` = (colour, width) drawn below for contrast."""
    from qgis.core import QgsLineSymbol, QgsSimpleLineSymbolLayer, QgsUnitTypes
    from qgis.PyQt.QtCore import Qt

    layers = []
    if casing:
        under = QgsSimpleLineSymbolLayer(_color(casing[0], 200), casing[1])
        under.setWidthUnit(QgsUnitTypes.RenderMillimeters)
        under.setPenCapStyle(Qt.PenCapStyle.RoundCap)
        layers.append(under)
    top = QgsSimpleLineSymbolLayer(_color(colour, alpha), width)
    top.setWidthUnit(QgsUnitTypes.RenderMillimeters)
    top.setPenJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        top.setUseCustomDashPattern(True)
        top.setCustomDashVector(list(dash))
        top.setCustomDashPatternUnit(QgsUnitTypes.RenderMillimeters)
        top.setPenCapStyle(Qt.PenCapStyle.FlatCap)
    else:
        top.setPenCapStyle(Qt.PenCapStyle.RoundCap)
    layers.append(top)
    symbol = QgsLineSymbol()
    symbol.deleteSymbolLayer(0)
    for symbol_layer in layers:
        symbol.appendSymbolLayer(symbol_layer)  # the symbol takes ownership
    return symbol


def marker(shape, colour, size, outline="#ffffff", outline_width=0.4, alpha=255):
    from qgis.core import QgsMarkerSymbol

    return QgsMarkerSymbol.createSimple(
        {
            "name": shape,
            "color": _rgba(colour, alpha),
            "size": str(size),
            "size_unit": "MM",
            "outline_color": _rgba(outline),
            "outline_width": str(outline_width),
            "outline_width_unit": "MM",
            "joinstyle": "round",
        }
    )


def station(size, ring_width, dot):
    """White disc with a dark ring (the classic station mark); `dot` adds a dark centre."""
    from qgis.core import QgsSimpleMarkerSymbolLayer

    symbol = marker("circle", "#ffffff", size, outline="#1d2b3a", outline_width=ring_width)
    if dot:
        centre = QgsSimpleMarkerSymbolLayer.create(
            {
                "name": "circle",
                "color": _rgba("#1d2b3a"),
                "size": str(round(size * 0.38, 2)),
                "size_unit": "MM",
                "outline_style": "no",
            }
        )
        symbol.appendSymbolLayer(centre)
    return symbol


# ---- renderers ------------------------------------------------------------------------------
def single(symbol):
    from qgis.core import QgsSingleSymbolRenderer

    return QgsSingleSymbolRenderer(symbol)


def categorised(field, items, other):
    """items: [(value, label, symbol)]; `other` is the symbol of every other value (also NULL)."""
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    categories = [QgsRendererCategory(value, symbol, label) for value, label, symbol in items]
    categories.append(QgsRendererCategory("", other, OTHER_LABEL))
    return QgsCategorizedSymbolRenderer(field, categories)


def graduated_classes(colours):
    """Graduated-size circles on `classe_n`: range k is [k - 0.5, k + 0.5], label in Italian."""
    from qgis.core import QgsGradientColorRamp, QgsGraduatedSymbolRenderer, QgsRendererRange

    sizes = [2.4 + i * (8.4 - 2.4) / 6 for i in range(7)]
    ranges = []
    for k, (label, colour, size) in enumerate(zip(INDICATOR_CLASSES, colours, sizes), start=1):
        symbol = marker("circle", colour, round(size, 2), outline="#4d4d4d", outline_width=0.25, alpha=235)
        ranges.append(QgsRendererRange(k - 0.5, k + 0.5, symbol, label))
    renderer = QgsGraduatedSymbolRenderer(INDICATOR_FIELD, ranges)
    renderer.setSourceSymbol(marker("circle", colours[3], 4.4, outline="#4d4d4d", outline_width=0.25, alpha=235))
    renderer.setSourceColorRamp(QgsGradientColorRamp(_color(colours[0]), _color(colours[-1])))
    method = getattr(QgsGraduatedSymbolRenderer, "GraduatedSize", None)
    if method is None:  # QGIS >= 3.26 moved the enum to Qgis.GraduatedMethod
        from qgis.core import Qgis

        method = Qgis.GraduatedMethod.Size
    renderer.setGraduatedMethod(method)
    return renderer


def _all_uppercase():
    try:
        from qgis.core import Qgis

        return Qgis.Capitalization.AllUppercase  # QGIS >= 3.24
    except AttributeError:
        from qgis.core import QgsStringUtils

        return QgsStringUtils.AllUppercase  # QGIS 3.22


# ---- labels ---------------------------------------------------------------------------------
def labels(field, size, colour, bold=False, caps=False, spacing=0.0, buffer=0.8, max_scale_denominator=0, priority=5):
    """Horizontal labels over the polygon's inside point, with a white halo.

    `max_scale_denominator` > 0 shows them only from that scale inwards (e.g. 60000 = 1:60.000)."""
    from qgis.core import (
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsUnitTypes,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QFont

    font = QFont(FONT)
    font.setBold(bold)
    if spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    fmt = QgsTextFormat()
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(_color(colour))
    if caps:
        fmt.setCapitalization(_all_uppercase())
    halo = QgsTextBufferSettings()
    halo.setEnabled(True)
    halo.setSize(buffer)
    halo.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    halo.setColor(_color("#ffffff"))
    halo.setOpacity(0.85)
    fmt.setBuffer(halo)

    pal = QgsPalLayerSettings()
    pal.fieldName = field
    pal.isExpression = False
    pal.setFormat(fmt)
    # Placement.OverPoint: from QGIS 3.38 the short name is Qgis.LabelPredefinedPointPosition.OverPoint
    pal.placement = QgsPalLayerSettings.Placement.OverPoint
    pal.centroidInside = True
    pal.priority = priority
    pal.autoWrapLength = 18
    pal.useMaxLineLengthForAutoWrap = True
    if max_scale_denominator:
        pal.scaleVisibility = True
        pal.minimumScale = max_scale_denominator  # most zoomed-out scale at which labels show
        pal.maximumScale = 0
    return QgsVectorLayerSimpleLabeling(pal)


# ---- one builder per catalogue entry --------------------------------------------------------
def _opportunita_categorised(tones, line_colour):
    field, values = CATEGORIES["offerta_at_2020"]
    labels_it = {"libero": "Suolo libero", "parzialmente edificato": "Parzialmente edificato", "edificato": "Edificato"}
    items = [(value, labels_it[value], fill(tone, 165, line_colour, 0.3)) for value, tone in zip(values, tones)]
    # unknown or missing stato_suolo (e.g. a remote service without the field): the table's own hue, lighter
    return categorised(field, items, fill(tones[1], 90, line_colour, 0.3, "dot"))


def _programme(colour):
    return single(fill(colour, 90, colour, 0.6))


def _verde(entry_id):
    field, values = CATEGORIES[entry_id]
    if entry_id == "plis":
        items = [
            (
                "PLIS",
                "PLIS — Parco Locale di Interesse Sovracomunale",
                fill(P["plis"], 120, P["plis_line"], 0.45, "dash"),
            )
        ]
        return categorised(field, items, fill(P["plis"], 80, P["plis_line"], 0.3, "dot"))
    labels_it = {
        "parco regionale": "Parco regionale",
        "parco nazionale": "Parco nazionale",
        "parco naturale": "Parco naturale",
        "riserva regionale": "Riserva naturale regionale",
    }
    alphas = {"parco regionale": 70, "parco nazionale": 90, "parco naturale": 110, "riserva regionale": 130}
    items = []
    for value, tone in zip(values, P["verde"]):
        symbol = fill(tone, alphas[value], P["verde_line"], 0.35)
        if value == "riserva regionale":
            symbol = hatched(P["verde_line"], tone, alphas[value], angle=-45, distance=2.0, line_width=0.2)
        items.append((value, labels_it[value], symbol))
    return categorised(field, items, fill(P["verde"][2], 60, P["verde_line"], 0.3))


def build(entry_id):
    """(renderer, labeling or None) of a catalogue entry."""
    if entry_id == "comuni":
        return (
            single(outline_only(GREY_COMUNI, 0.26)),
            labels("comune", 8, "#404040", max_scale_denominator=60000, priority=3),
        )
    if entry_id == "zone_omogenee":
        return (
            single(outline_only(DARK, 0.8)),
            labels("zona_omogenea", 9, DARK, bold=True, caps=True, spacing=0.6, buffer=1.0, priority=8),
        )
    if entry_id == "indicatore_superficie":
        return graduated_classes(P["ind_superficie"]), None
    if entry_id == "indicatore_finanziamento":
        return graduated_classes(P["ind_finanziamento"]), None
    if entry_id == "aree_remix":
        return single(fill(P["remix"], 120, P["remix_line"], 0.45)), None
    if entry_id == "aree_dismesse_2010":
        return single(hatched(P["dismesse"], P["dismesse_bg"], 60)), None
    if entry_id == "ambiti_rigenerazione_8bis_40bis":
        return single(fill(P["8bis"], 90, P["8bis"], 0.6)), None
    if entry_id == "aree_rigenerazione_pgt":
        return single(fill(P["pgt"], 75, P["pgt_line"], 0.7, "dash")), None
    if entry_id == "offerta_at_2020":
        return _opportunita_categorised(P["at"], P["at_line"]), None
    if entry_id == "offerta_pa_2020":
        return _opportunita_categorised(P["pa"], P["pa_line"]), None
    if entry_id == "interventi_periferie":
        return _programme(P["periferie"]), None
    if entry_id == "interventi_periferie_punti":
        return single(marker("star", P["periferie"], 5.0, outline="#ffffff", outline_width=0.35)), None
    if entry_id == "interventi_comein":
        return _programme(P["comein"]), None
    if entry_id == "interventi_pinqua":
        return _programme(P["pinqua"]), None
    if entry_id == "interventi_mica":
        return _programme(P["mica"]), None
    if entry_id == "interventi_spugna":
        return _programme(P["spugna"]), None
    if entry_id == "interventi_altri_pui":
        return single(fill(P["altri_pui"], 80, P["altri_pui"], 0.5, "dash")), None
    if entry_id == "interventi_cambio":
        return single(line(P["cambio"], 1.2, dash=(3.0, 1.5), casing=("#ffffff", 1.9))), None
    if entry_id in ("parchi", "plis"):
        return _verde(entry_id), None
    if entry_id == "stazioni":
        field, _ = CATEGORIES["stazioni"]
        items = [
            ("metropolitana", "Fermata di rilevanza metropolitana", station(2.6, 0.5, True)),
            ("sovracomunale", "Fermata di rilevanza sovracomunale", station(2.0, 0.45, False)),
        ]
        return categorised(field, items, station(1.8, 0.35, False)), None
    if entry_id == "lum":
        field, _ = CATEGORIES["lum"]
        items = [
            ("metropolitana", "LUM — 400 m da fermata metropolitana", fill(P["lum"], 55, P["lum"], 0.4)),
            ("sovracomunale", "LUM — 200 m da fermata sovracomunale", fill(P["lum"], 35, P["lum"], 0.3, "dash")),
        ]
        return categorised(field, items, fill(P["lum"], 25, P["lum"], 0.25, "dot")), None
    if entry_id == "servizi_sovracomunali":
        field, values = CATEGORIES["servizi_sovracomunali"]
        shapes = [
            ("square", "#e6550d", 3.0),
            ("circle", "#31a354", 3.2),
            ("triangle", "#3182bd", 3.6),
            ("cross_fill", "#de2d26", 4.0),
            ("diamond", "#54278f", 3.6),
        ]
        items = [
            (value, value, marker(shape, colour, size, outline="#ffffff", outline_width=0.35))
            for value, (shape, colour, size) in zip(values, shapes)
        ]
        return categorised(field, items, marker("circle", "#969696", 2.2, outline="#ffffff", outline_width=0.3)), None
    if entry_id == "rete_ciclabile":
        field, _ = CATEGORIES["rete_ciclabile"]
        items = [
            ("OSM", "Rete OpenStreetMap", line("#7f6f5f", 0.35)),
            ("BICITALIA", "BICITALIA (rete ciclabile nazionale)", line("#b2182b", 0.8, casing=("#ffffff", 1.3))),
            (
                "VENTO",
                "VENTO (ciclovia Venezia–Torino)",
                line("#e08214", 0.8, dash=(2.5, 1.0), casing=("#ffffff", 1.3)),
            ),
            ("MiBici", "MiBici (Biciplan metropolitano)", line("#2c7fb8", 0.65)),
            ("CAMBIO", "CAMBIO (superciclabili)", line(P["cambio"], 0.9, casing=("#ffffff", 1.4))),
        ]
        return categorised(field, items, line("#9e9e9e", 0.3)), None
    raise KeyError(entry_id)


# ---- catalogue → memory layer → QML ---------------------------------------------------------
def catalogue_layers():
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))["layers"]


def style_fields(entry):
    """The fields a style may use: the catalogue's, plus `classe_n` for the indicators."""
    names = list(entry.get("fields", []))
    if entry["group"] == "indicatori" and INDICATOR_FIELD not in names:
        names.append(INDICATOR_FIELD)
    if entry["id"] in CATEGORIES and CATEGORIES[entry["id"]][0] not in names:
        names.append(CATEGORIES[entry["id"]][0])
    return names


def memory_layer(entry):
    """An empty memory layer with the entry's geometry (EPSG:32632) and fields."""
    from qgis.core import QgsVectorLayer

    parts = []
    for name in style_fields(entry):
        kind = "double" if name in NUMERIC_FIELDS else "integer" if name in INTEGER_FIELDS else "string"
        parts.append(f"field={name}:{kind}")
    uri = f"{GEOMETRY[entry['geometry']]}?crs=EPSG:32632&" + "&".join(parts)
    layer = QgsVectorLayer(uri, entry["id"], "memory")
    if not layer.isValid():
        raise RuntimeError(f"memory layer non valido per {entry['id']}: {uri}")
    return layer


def write_style(entry, out_dir: Path) -> Path:
    from qgis.core import QgsMapLayer

    layer = memory_layer(entry)
    renderer, labeling = build(entry["id"])
    layer.setRenderer(renderer)
    if labeling is not None:
        layer.setLabeling(labeling)
        layer.setLabelsEnabled(True)
    else:
        layer.setLabelsEnabled(False)
    path = out_dir / entry["style"]
    message, ok = layer.saveNamedStyle(str(path), categories=QgsMapLayer.Symbology | QgsMapLayer.Labeling)
    if not ok:
        raise RuntimeError(f"{path}: {message}")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="rigenera gli stili QML del catalogo RE.MIX")
    parser.add_argument("ids", nargs="*", help="id degli strati (predefinito: tutti)")
    parser.add_argument("--out", default=str(STYLES), help="cartella di destinazione (predefinita: styles/)")
    args = parser.parse_args(argv)
    _qgis()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = [e for e in catalogue_layers() if not args.ids or e["id"] in args.ids]
    for entry in entries:
        path = write_style(entry, out_dir)
        sys.stdout.write(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
