"""Infoboxes: what a planner reads about one feature of a catalogue layer.

A feature becomes a context of plain values already written the Italian way (euro, ha, km, dates,
"n.d." for what is missing), and the context is rendered by the jinja2 template the catalogue names
for the layer, so that CMM staff change an infobox without touching Python. The dock, the command
line and the tests all go through `build_context()` and `render()`: one code path.

Attribute values are text, never markup: autoescaping is on, templates run in jinja2's sandbox (an
offline package carries its own copy of them), very long values are cut, and a link is only made by
`link()` for http, https and mailto addresses. The HTML is the rich-text subset QTextBrowser shows
(tables, inline styles): nothing needs a web engine.
"""

import math
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional
from urllib.parse import urlsplit

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime

from remix_plugin.core.base import formatting, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.qgis_compat import FieldType, GeometryType
from remix_plugin.core.base.values import number_value, safe_url, text_value
from remix_plugin.core.catalogue.model import Entry
from remix_plugin.core.data import datapack
from remix_plugin.core.indicators.funding import AMOUNTS, SHARES_TABLE, pack_shares
from remix_plugin.core.indicators.synthesis import EURO, INDICATORS
from remix_plugin.core.scope.model import comuni_table, zones

SAFE_SCHEMES = ("http", "https", "mailto")
TEXT_LIMIT = 1500  # characters of one value shown: a 100 kB description would bury the facts
TITLE_LIMIT = 200
TITLE_FIELDS = ("titolo", "nome", "comune", "zona_omogenea")
UNITS = ("m", "ha", "km")  # a field name ending in _m, _ha, _km: the unit it is measured in
INTEGER_TYPES = (FieldType.Int, FieldType.UInt, FieldType.LongLong, FieldType.ULongLong)


# --- values -----------------------------------------------------------------------------------


def shorten(text: str) -> str:
    """The text, or its first TEXT_LIMIT characters (cut at a space) and how long it was."""
    if len(text) <= TEXT_LIMIT:
        return text
    cut = text[:TEXT_LIMIT]
    space = cut.rfind(" ", TEXT_LIMIT - 200)
    cut = cut[:space] if space > 0 else cut
    note = tr("(testo abbreviato: {n} caratteri in tutto)").format(n=formatting.count(len(text)))
    return f"{cut.rstrip()} … {note}"


def display(value, integer: bool = False, money: bool = False) -> str:
    """A field value as the infobox shows it."""
    if text_value(value) == "":
        return formatting.not_available()
    if money:
        return formatting.money(number_value(value))
    if isinstance(value, bool):
        return tr("sì") if value else tr("no")
    if isinstance(value, int):
        return formatting.number(value, 0) if abs(value) >= 10000 else str(value)  # years stay 2018
    if isinstance(value, float):
        if not math.isfinite(value):
            return formatting.not_available()
        return formatting.number(value, 0 if integer or value.is_integer() or abs(value) >= 1000 else 2)
    if isinstance(value, QDateTime):
        return value.toString("dd/MM/yyyy HH:mm")
    if isinstance(value, QDate):
        return formatting.date(value)
    return shorten(text_value(value))


def url_of(value) -> dict:
    text = text_value(value)
    return {"url": text, "cliccabile": safe_url(text)}


# --- the context --------------------------------------------------------------------------------


def feature_title(feature: QgsFeature, entry: Entry) -> str:
    """The feature's name as the infobox heads it (its title, name, Comune or Zona)."""
    names = feature.fields().names()
    for name in TITLE_FIELDS:
        text = text_value(feature[name]) if name in names else ""
        if text:
            return formatting.shortened(text, TITLE_LIMIT)
    return f"{entry.title} — {tr('elemento')} {feature.id()}"


def build_context(layer: QgsVectorLayer, feature: QgsFeature, entry: Entry, pack: Optional[Path] = None) -> dict:
    """Everything a template may show of the feature, JSON-ready (what `infobox --format json` prints)."""
    fields = feature.fields()
    money = set(AMOUNTS) | (set(EURO) if entry.id == INDICATORS["finanziamento"].entry_id else set())
    values, urls = {}, {}
    for index, field in enumerate(fields):
        name = field.name()
        value = feature.attribute(index)
        values[name] = display(value, field.type() in INTEGER_TYPES, name in money)
        if name.startswith("url"):
            urls[name] = url_of(value)
    shown = [n for n in (entry.fields or fields.names()) if n in values and n not in urls]
    context = {
        "titolo": feature_title(feature, entry),
        "elemento": feature.id(),
        "strato": {
            "id": entry.id,
            "titolo": entry.title,
            "fonte": entry.provider,
            "aggiornamento": entry.updated,
            "riferimento": url_of(entry.reference),
        },
        "campi": values,
        "righe": [[_label(fields.field(n)), values[n]] for n in shown],
        "url": urls,
        "dimostrativo": bool(pack and datapack.is_demonstrative(pack)),
    }
    context.update(_measures(layer, feature))
    context.update(_places(feature, pack))
    return context


def _label(field) -> str:
    """The field's alias, else its name made readable ("raggio_m" -> "Raggio (m)")."""
    if field.alias():
        return field.alias()
    name = field.name()
    unit = next((u for u in UNITS if name.endswith("_" + u)), "")
    base = name[: -len(unit) - 1] if unit else name
    return base.replace("_", " ").capitalize() + (f" ({unit})" if unit else "")


def _measures(layer: QgsVectorLayer, feature: QgsFeature) -> dict:
    """Area (ha, km²) or length (km), planar in EPSG:32632 like the indicators: the figure they add up."""
    geometry = feature.geometry()
    if geometry.isNull() or geometry.isEmpty():
        return {}
    kind = geometry.type()
    if kind not in (GeometryType.Polygon, GeometryType.Line):
        return {}
    target = QgsCoordinateReferenceSystem(datapack.CRS)
    if layer.crs().isValid() and layer.crs() != target:
        geometry = QgsGeometry(geometry)
        geometry.transform(QgsCoordinateTransform(layer.crs(), target, QgsProject.instance().transformContext()))
    if kind == GeometryType.Line:
        return {"lunghezza": formatting.kilometres(geometry.length())}
    area = geometry.area()
    return {"superficie": formatting.hectares(area), "superficie_km2": formatting.square_kilometres(area)}


def _places(feature: QgsFeature, pack: Optional[Path]) -> dict:
    """The Comune(s) and Zona a feature belongs to, named from the pack's `comuni` table."""
    names = feature.fields().names()
    found: Dict[str, object] = {}
    table = _comuni(pack)
    by_code = {code: (name, zona) for code, name, zona in table}
    if "pro_com_t" in names:
        code = text_value(feature["pro_com_t"])
        name, zona = by_code.get(code, (text_value(feature["comune"]) if "comune" in names else "", ""))
        found.update(comune=name or formatting.not_available(), zona_omogenea=zona or formatting.not_available())
    elif "zona_omogenea" in names and table:
        members = zones(table).get(text_value(feature["zona_omogenea"]), [])
        found["comuni_zona"] = [by_code[code][0] for code in members]
    if "cup" in names:
        comuni = _intervento_comuni(feature, pack, by_code)
        found.update(comuni=", ".join(comuni) or formatting.not_available(), comuni_n=len(comuni))
    return found


def _intervento_comuni(feature: QgsFeature, pack: Optional[Path], by_code: dict) -> List[str]:
    """Names from `interventi_comuni` (with each one's share when there are several), else the
    feature's own `comuni` text (an offline package's data hold no shares table)."""
    shares = _shares(datapack.signature(pack)).get(text_value(feature["cup"]).upper(), []) if pack else []
    if shares:
        named = [(by_code.get(code, (code, ""))[0], quota) for code, quota in shares]
        if len(named) == 1:
            return [named[0][0]]
        return [f"{name} ({formatting.share(quota)})" for name, quota in named]
    own = text_value(feature["comuni"]) if "comuni" in feature.fields().names() else ""
    return [shorten(n.strip()) for n in own.split(",") if n.strip()]


def _comuni(pack: Optional[Path]) -> list:
    if not pack or "comuni" not in datapack.pack_tables(pack):
        return []
    return comuni_table(pack)


@lru_cache(maxsize=8)
def _shares(signature: tuple) -> Dict[str, list]:
    pack = Path(signature[0])
    if SHARES_TABLE not in datapack.pack_tables(pack):
        return {}
    return pack_shares(pack, [])


# --- rendering ----------------------------------------------------------------------------------


def templates_folder(project: Optional[QgsProject]) -> Path:
    """The infobox templates a project uses: an offline package's own copy, else the plugin's."""
    return paths.for_project(project, paths.TEMPLATES) / "infobox"


def render(context: dict, template: str, folder: Path) -> str:
    """The HTML of one infobox; RemixError naming the template when it is missing or broken."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    try:
        return _environment(str(folder)).get_template(template).render(context)
    except TemplateNotFound as exc:
        raise RemixError(f"Modello di infobox «{exc.name}» non trovato in «{folder}».") from exc
    except TemplateSyntaxError as exc:
        raise RemixError(f"Modello di infobox «{exc.name or template}», riga {exc.lineno}: {exc.message}.") from exc
    except TemplateError as exc:
        raise RemixError(f"Modello di infobox «{template}» in «{folder}»: {exc}.") from exc


def infobox_html(
    layer: QgsVectorLayer,
    feature: QgsFeature,
    entry: Entry,
    project: Optional[QgsProject] = None,
    pack: Optional[Path] = None,
) -> str:
    return render(build_context(layer, feature, entry, pack), entry.infobox, templates_folder(project))


@lru_cache(maxsize=8)
def _environment(folder: str):
    """One sandboxed jinja2 environment per templates folder; an edited template is read again."""
    from jinja2 import ChainableUndefined, FileSystemLoader
    from jinja2.sandbox import SandboxedEnvironment

    class NotAvailable(ChainableUndefined):
        """A field the layer does not have: «n.d.», never an error."""

        def __str__(self):
            return formatting.not_available()

    environment = SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=NotAvailable,
        auto_reload=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["link"] = link
    return environment


def link(address, label: str):
    """`{{ link(url.url_pagina, "Pagina del progetto") }}`: an anchor for a safe address, else inert text."""
    from markupsafe import Markup

    url = address.get("url", "") if isinstance(address, dict) else ""
    if not url:
        return Markup("{0}: {1}").format(label, formatting.not_available())
    if isinstance(address, dict) and address.get("cliccabile") and safe_url(url):
        host = urlsplit(url.strip()).netloc
        suffix = Markup(' <span style="color:#6b6b6b">({0})</span>').format(host) if host else ""
        return Markup('<a href="{0}">{1}</a>{2}').format(url.strip(), label, suffix)
    return Markup('{0}: <span style="color:#6b6b6b">{1}</span> <i>({2})</i>').format(
        label, shorten(url), tr("indirizzo non attivo: sono ammessi solo http, https e mailto")
    )
