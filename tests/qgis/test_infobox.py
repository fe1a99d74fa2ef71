"""Infoboxes from the demo pack, without the GUI: the facts a planner reads (euro, ha, Comuni and their
shares, links), what is missing, the command line, and an offline package using its own templates."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QTextDocument

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.catalogue.model import load_catalogue
from remix_plugin.core.data import datapack
from remix_plugin.core.infobox.content import build_context, infobox_html, render, templates_folder

ROOT = Path(__file__).resolve().parents[2]
RHO_CUP = "C41I21000020001"  # PINQuA, real: CUP 4 - ID 103, Rho, € 1.140.669,50


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def feature_of(pack, table, expression):
    layer = datapack.open_table(pack, table)
    return layer, next(layer.getFeatures(expression))


def test_an_intervento_shows_cup_bando_comune_amounts_in_euro_and_its_links(demo_pack, catalogue):
    layer, feature = feature_of(demo_pack, "interventi_pinqua", f"\"cup\" = '{RHO_CUP}'")
    entry = catalogue.entry("interventi_pinqua")
    context = build_context(layer, feature, entry, demo_pack)
    assert context["titolo"] == "CUP 4 - ID 103 Città Metr. di Milano"
    assert context["campi"]["importo_totale"] == "€ 1.140.669,50"
    assert context["campi"]["importo_finanziato"] == "€ 1.140.669,50"
    assert context["campi"]["importo_cofinanziato"] == "€ 0"
    assert (context["comuni"], context["comuni_n"]) == ("Rho", 1)
    sheet = f"https://opencup.gov.it/progetto/-/cup/{RHO_CUP}"
    assert context["url"]["url_scheda"] == {"url": sheet, "cliccabile": True}
    html = render(context, entry.infobox, templates_folder(None))
    for fact in (RHO_CUP, "PNRR M5C2 inv. 2.3 — PINQuA", ">Rho<", "<b>€ 1.140.669,50</b>", ">lavori<"):
        assert fact in html
    assert f'<a href="https://opencup.gov.it/progetto/-/cup/{RHO_CUP}">Scheda PDF</a>' in html
    assert (
        '<a href="https://www.cittametropolitana.mi.it/welfare_metropolitano/progetti/PINQUA/index.html">'
        "Pagina del progetto</a>" in html
    )
    assert "Dati dimostrativi" in html  # the demo pack says so


def test_an_intervento_in_several_comuni_lists_them_with_their_shares(demo_pack, catalogue):
    layer, feature = feature_of(demo_pack, "interventi_cambio", "\"cup\" = 'DEMOCB000000001'")
    context = build_context(layer, feature, catalogue.entry("interventi_cambio"), demo_pack)
    # interventi_comuni: 015077 0.151078, 015146 0.634955, 015209 0.213967
    assert context["comuni"] == "Cinisello Balsamo (15,1 %), Milano (63,5 %), Sesto San Giovanni (21,4 %)"
    assert context["comuni_n"] == 3
    html = render(context, "intervento.html.j2", templates_folder(None))
    assert ">Comuni<" in html and "Scheda PDF: n.d." in html  # no sheet in the demo data: said, not an empty link
    assert context["lunghezza"].endswith(" km")


def test_an_area_shows_its_comune_and_its_surface_in_hectares_from_the_geometry(demo_pack, catalogue):
    layer, feature = feature_of(demo_pack, "offerta_at_2020", "\"stato_suolo\" = 'libero'")
    entry = catalogue.entry("offerta_at_2020")
    context = build_context(layer, feature, entry, demo_pack)
    hectares = feature.geometry().area() / 10000
    assert context["superficie"] == f"{hectares:,.2f} ha".replace(",", "X").replace(".", ",").replace("X", ".")
    assert context["comune"] == {c: n for c, n, _ in _comuni(demo_pack)}[feature["pro_com_t"]]
    html = render(context, entry.infobox, templates_folder(None))
    assert ">Stato del suolo<" in html and ">libero<" in html and context["superficie"] in html
    # the same area in geographic coordinates: the surface is still measured in EPSG:32632
    wgs84 = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=nome:string&field=pro_com_t:string", "aree", "memory")
    moved = QgsFeature(wgs84.fields())
    moved.setAttributes([feature["nome"], feature["pro_com_t"]])
    geometry = feature.geometry()
    geometry.transform(
        QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    )
    moved.setGeometry(geometry)
    wgs84.dataProvider().addFeatures([moved])
    again = build_context(wgs84, next(wgs84.getFeatures()), entry, demo_pack)
    assert again["superficie"] == context["superficie"]
    assert ">Stato del suolo<" not in render(again, entry.infobox, templates_folder(None))  # not an Offerta table


def _comuni(pack):
    from remix_plugin.core.scope.model import comuni_table

    return comuni_table(pack)


def test_a_zona_lists_its_comuni_and_a_comune_its_zona(demo_pack, catalogue):
    layer, zona = feature_of(demo_pack, "zone_omogenee", "\"zona_omogenea\" = 'Adda Martesana'")
    context = build_context(layer, zona, catalogue.entry("zone_omogenee"), demo_pack)
    assert len(context["comuni_zona"]) == 29 and "Cassina de' Pecchi" in context["comuni_zona"]
    html = render(context, "zona_omogenea.html.j2", templates_folder(None))
    assert "Cassina de&#39; Pecchi" in html and ">29<" in html
    layer, comune = feature_of(demo_pack, "comuni", "\"pro_com_t\" = '015060'")
    html = infobox_html(layer, comune, catalogue.entry("comuni"), pack=demo_pack)
    assert "Cassina de&#39; Pecchi" in html and ">Adda Martesana<" in html and " km²" in html


def test_a_field_the_layer_lacks_reads_nd(demo_pack, catalogue):
    bare = QgsVectorLayer("Point?crs=EPSG:32632&field=cup:string&field=titolo:string", "interventi", "memory")
    feature = QgsFeature(bare.fields())
    feature.setAttributes(["DEMO0001", "Intervento senza importi"])
    bare.dataProvider().addFeatures([feature])
    html = infobox_html(bare, next(bare.getFeatures()), catalogue.entry("interventi_spugna"), pack=demo_pack)
    document = QTextDocument()
    document.setHtml(html)  # as the dock's QTextBrowser reads it
    text = document.toPlainText()
    for label in ("Importo totale", "Importo finanziato", "Bando", "Natura", "Comune"):
        assert f"{label}\nn.d." in text, label
    assert "<b>n.d.</b>" in html and "Pagina del progetto: n.d." in text


def test_a_broken_or_missing_template_is_named(tmp_path, demo_pack, catalogue):
    layer, feature = feature_of(demo_pack, "stazioni", "\"nome\" = 'Rho'")
    context = build_context(layer, feature, catalogue.entry("stazioni"), demo_pack)
    (tmp_path / "rotto.html.j2").write_text("<p>{{ titolo </p>\n", encoding="utf-8")
    with pytest.raises(RemixError, match=r"«rotto.html.j2», riga 1"):
        render(context, "rotto.html.j2", tmp_path)
    with pytest.raises(RemixError, match=r"«elemento.html.j2» non trovato"):
        render(context, "elemento.html.j2", tmp_path)


def test_every_catalogue_entry_has_its_template(catalogue):
    folder = templates_folder(None)
    assert folder == paths.TEMPLATES / "infobox"
    assert all((folder / e.infobox).is_file() for e in catalogue.entries), [
        e.infobox for e in catalogue.entries if not (folder / e.infobox).is_file()
    ]


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "remix_plugin", "infobox", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_cli_prints_what_the_dock_shows_as_html_or_json(demo_pack, catalogue):
    layer, feature = feature_of(demo_pack, "interventi_pinqua", f"\"cup\" = '{RHO_CUP}'")
    entry = catalogue.entry("interventi_pinqua")
    out = cli("--data", demo_pack, "--layer", "interventi_pinqua", "--fid", feature.id())
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == infobox_html(layer, feature, entry, pack=demo_pack).strip()
    out = cli("--data", demo_pack, "--layer", "interventi_pinqua", "--fid", feature.id(), "--format", "json")
    assert out.returncode == 0, out.stderr
    context = json.loads(out.stdout)
    assert context == json.loads(json.dumps(build_context(layer, feature, entry, demo_pack)))
    assert context["campi"]["importo_totale"] == "€ 1.140.669,50" and context["comuni"] == "Rho"
    missing = cli("--data", demo_pack, "--layer", "interventi_pinqua", "--fid", 99999)
    assert missing.returncode == 1 and "elemento 99999 non trovato" in missing.stderr
    unknown = cli("--data", demo_pack, "--layer", "interventi_fantasma", "--fid", 1)
    assert unknown.returncode == 1 and "«interventi_fantasma»" in unknown.stderr


def test_an_offline_package_shows_infoboxes_from_its_own_templates(demo_pack, catalogue, tmp_path, isolated_settings):
    from remix_plugin.core.catalogue.maps import make_context
    from remix_plugin.core.offline.package import OfflineRequest, prepare
    from remix_plugin.core.scope.model import resolve_scope
    from tests.qgis.offline_fixtures import catalogue_layers, open_package, to_tablet

    ctx = make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")
    plan, folder = prepare(
        OfflineRequest(
            out_dir=tmp_path / "ufficio", maps=("realizzazioni",), scope=resolve_scope(demo_pack, ["Nord Ovest"])
        ),
        ctx,
    )
    assert folder is not None, plan.issues
    tablet = to_tablet(folder, tmp_path / "tablet")
    own = tablet / "templates" / "infobox" / "intervento.html.j2"
    own.write_text(
        own.read_text(encoding="utf-8").replace("Pagina del progetto", "Progetto (copia del tablet)"), encoding="utf-8"
    )
    project = open_package(tablet)
    assert templates_folder(project) == tablet / "templates" / "infobox"
    pack = datapack.project_pack(project)
    assert pack == tablet / "dati_catalogo.gpkg"
    layer = catalogue_layers(project)[("realizzazioni", "interventi_pinqua")]
    feature = next(layer.getFeatures(f"\"cup\" = '{RHO_CUP}'"))
    html = infobox_html(layer, feature, catalogue.entry("interventi_pinqua"), project, pack)
    assert ">Progetto (copia del tablet)</a>" in html and "Pagina del progetto" not in html
    assert "€ 1.140.669,50" in html and ">Rho<" in html
    assert "interventi_comuni" in datapack.pack_tables(pack)  # the shares travel with the package
    assert "Pagina del progetto" in (paths.TEMPLATES / "infobox" / "intervento.html.j2").read_text(encoding="utf-8")
