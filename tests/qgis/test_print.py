"""CMM print layouts, headless: each map sheet exported to PDF from the demo pack and read back (page,
legend, scale bar, north arrow, logos, sources and dates, demonstrative notice), the Scheda comunale
atlas, the command line and Processing faces, printing from an offline package, and bad input.

Each sheet is also rendered to out/stampa_<name>.png (pdftoppm) to be looked at."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeedback,
    QgsGeometry,
    QgsLayoutItemLabel,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsUnitTypes,
    QgsVectorLayer,
)

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import label_font
from remix_plugin.core.catalogue.maps import load_map, make_context
from remix_plugin.core.catalogue.model import load_catalogue
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import BASEMAP_PROPERTY, ENTRY_PROPERTY
from remix_plugin.core.printing import export, layouts
from remix_plugin.core.scope.model import comuni_table, resolve_scope

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"
SHEETS = ["A4_orizzontale", "A4_verticale", "A3_orizzontale", "A3_verticale"]
PAGE_PT = {"A4": (595, 842), "A3": (842, 1191)}  # portrait width, height in PDF points


def pdfinfo(pdf: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pdftext(pdf: Path) -> str:
    """The PDF's text, ligatures undone (the fonts draw "fi", "ff" as one glyph)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def to_png(pdf: Path, name: str, page: int = 1) -> Path:
    OUT.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(OUT / name)],
        check=True,
    )
    return OUT / f"{name}.png"


def page_size(pdf: Path):
    width, _, height = pdfinfo(pdf)["Page size"].split()[:3]
    return round(float(width)), round(float(height))


@pytest.fixture(scope="module")
def realizzazioni(demo_pack, tmp_path_factory):
    """The Mappa delle Realizzazioni of the whole Città metropolitana, loaded as the GUI loads it."""
    folder = tmp_path_factory.mktemp("stampa")
    ctx = make_context(pack=demo_pack, derived_store=folder / "derivati.gpkg")
    project = QgsProject()
    load_map(project, "realizzazioni", ctx)
    yield project, ctx, folder
    project.clear()


def printed(project, ctx, name, out, **view):
    """The layout filled for the whole map and its PDF."""
    layout = export.map_layout(
        project,
        export.template(name),
        export.project_view(project, "realizzazioni", **view),
        "Mappa delle Realizzazioni",
        "Tutta la Città metropolitana",
        ctx.pack,
        ctx.catalogue,
    )
    return layout, layouts.export(layout, out)


def visible_layers(project, map_item) -> set:
    """Oracle: the layers QGIS draws at the map's scale that have a geometry inside its extent (plain GEOS)."""
    settings = map_item.mapSettings(map_item.extent(), map_item.rect().size() * 300 / 25.4, 300, True)
    frame = QgsGeometry.fromRect(map_item.extent())
    names = set()
    for layer in project.mapLayers().values():
        if layer.customProperty(BASEMAP_PROPERTY) or not layer.isInScaleRange(settings.scale()):
            continue
        area = QgsGeometry(frame)
        area.transform(QgsCoordinateTransform(map_item.crs(), layer.crs(), project))
        if any(f.hasGeometry() and f.geometry().intersects(area) for f in layer.getFeatures()):
            names.add(layer.name())
    return names


def legend_layers(legend) -> set:
    """The layers the printed legend draws: those left with a symbol after QGIS's filter-by-map."""
    model = legend.model()
    return {node.layer().name() for node in model.rootGroup().findLayers() if model.layerLegendNodes(node)}


@pytest.mark.parametrize("name", SHEETS)
def test_each_sheet_prints_the_map_as_a_planner_expects(realizzazioni, name):
    project, ctx, folder = realizzazioni
    layout, pdf = printed(project, ctx, name, folder / f"{name}.pdf")
    to_png(pdf, f"stampa_{name}")
    # page size and orientation
    info = pdfinfo(pdf)
    assert info["Pages"].strip() == "1"
    portrait = PAGE_PT[name[:2]]
    assert page_size(pdf) == (portrait if name.endswith("verticale") else portrait[::-1])
    # the legend lists exactly what the map shows at its scale (no layer out of range or out of view)
    map_item = layout.itemById("mappa")
    legend = layout.itemById("legenda")
    shown = legend_layers(legend)
    assert shown == visible_layers(project, map_item)
    assert len(shown) >= 8
    hidden = {lyr.name() for lyr in project.mapLayers().values()} - shown
    # the thresholds of the portal hide some layers at this scale (at 1:250.000 those «from 1:250.000 inwards» are in)
    assert hidden or round(map_item.scale()) == 250000
    # ... and stays inside its box (columns, then smaller text): nothing cut, nothing off the page
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    needed = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize(context)
    assert needed.width() <= legend.rect().width() + 0.5 and needed.height() <= legend.rect().height() + 0.5
    page = layout.pageCollection().page(0).sceneBoundingRect()
    for item in layout.items():
        if hasattr(item, "id") and item.id() and item.isVisible():
            assert page.contains(item.sceneBoundingRect().adjusted(0.5, 0.5, -0.5, -0.5)), item.id()
    # scale bar (linked, round segments, metres or km) and north arrow
    bar = layout.itemById("scala")
    assert isinstance(bar, QgsLayoutItemScaleBar) and bar.linkedMap() is map_item and bar.isVisible()
    assert bar.units() == QgsUnitTypes.DistanceKilometers and bar.unitLabel() == "km"
    assert float(f"{bar.unitsPerSegment():g}") in (1, 2, 2.5, 5, 10, 20, 25)
    arrow = layout.itemById("nord")
    assert isinstance(arrow, QgsLayoutItemPicture) and arrow.linkedMap() is map_item and not arrow.isMissingImage()
    text = pdftext(pdf)
    assert f"1:{map_item.scale():,.0f}".replace(",", ".") in text and " km" in text
    assert round(map_item.scale()) in (250000, 350000, 360000)  # a round scale that holds and fills (≥ 90 %) the CMM
    # the CMM logo and the RE.MIX mark, from this installation, drawn
    for item_id, file in (("logo_cmm", "logo_cmm.svg"), ("logo_remix", "logo_remix.svg")):
        picture = layout.itemById(item_id)
        assert Path(picture.picturePath()) == paths.ICONS / file and not picture.isMissingImage()
    # sources: every layer shown, with its provider and date of update
    sources = layout.itemById("fonti").text()
    for layer in (lyr for lyr in project.mapLayers().values() if lyr.name() in shown):
        entry = ctx.catalogue.entry(layer.customProperty(ENTRY_PROPERTY))
        group = next(part for part in sources.split("; ") if entry.title in part.split(": ", 1)[1])
        provider_and_date = group.split(": ", 1)[0]
        expected = {"calcolato": "calcolato", "—": "agg. non indicato"}.get(entry.updated, f"agg. {entry.updated}")
        assert entry.provider in provider_and_date and provider_and_date.endswith(f"({expected})"), group
    assert "Fonti" in text and "pacchetto «RE.MIX — pacchetto dimostrativo» del 2022-12-31" in " ".join(text.split())
    # title, date of printing, demonstrative notice (the demo pack says so)
    assert "Mappa delle Realizzazioni" in text and f"Stampato il {date.today():%d/%m/%Y}" in text
    assert layout.itemById("avviso_dimostrativo").isVisible() and "DATI DIMOSTRATIVI" in text


def test_a_zoomed_view_shows_what_the_thresholds_let_through(realizzazioni):
    """Closer in (a Comune), the layers "from 1:250.000 inwards" come in and the indicator goes."""
    project, ctx, folder = realizzazioni
    rho = QgsVectorLayer(f"{ctx.pack}|layername=comuni|subset=\"comune\" = 'Rho'", "rho", "ogr")
    layout, pdf = printed(project, ctx, "A4_orizzontale", folder / "rho.png", extent=rho.extent())
    map_item = layout.itemById("mappa")
    assert map_item.scale() < 60000
    shown = legend_layers(layout.itemById("legenda"))
    assert shown == visible_layers(project, map_item)
    inwards = {
        e.title for e in ctx.catalogue.entries_for_map("realizzazioni") if e.maps["realizzazioni"].min_scale == 250000
    }  # "from 1:250.000 inwards"
    assert shown & inwards and "Finanziamento complessivo per interventi di rigenerazione" not in shown
    assert layout.itemById("scala").units() in (QgsUnitTypes.DistanceMeters, QgsUnitTypes.DistanceKilometers)
    assert pdf.suffix == ".png" and pdf.stat().st_size > 50_000


def test_no_demonstrative_notice_for_a_pack_that_is_not(demo_pack, tmp_path):
    pack = tmp_path / "ufficiale.gpkg"
    shutil.copyfile(demo_pack, pack)
    with sqlite3.connect(pack) as db:
        db.execute("UPDATE metadata SET valore = 'false' WHERE chiave = 'dimostrativo'")
    written, problems = export.print_portal_map("opportunita", "A4_verticale", tmp_path / "o.pdf", pack)
    text = pdftext(written)
    assert "DATI DIMOSTRATIVI" not in text and "Mappa delle Opportunità" in text
    written, _ = export.print_portal_map("opportunita", "A4_verticale", tmp_path / "demo.pdf", demo_pack)
    assert "DATI DIMOSTRATIVI" in pdftext(written)


def test_the_scheda_comunale_has_one_page_per_comune_of_the_zona(demo_pack, tmp_path):
    from remix_plugin.core.printing.atlas import print_atlas

    scope = resolve_scope(demo_pack, ["Nord Milano"])
    names = sorted(name for code, name, _ in comuni_table(demo_pack) if code in scope)
    pdf, problems = print_atlas(demo_pack, scope, tmp_path / "schede.pdf")
    assert problems == []
    to_png(pdf, "stampa_scheda_comunale", page=names.index("Sesto San Giovanni") + 1)
    assert int(pdfinfo(pdf)["Pages"]) == len(names) == 6
    assert page_size(pdf) == PAGE_PT["A4"]
    pages = pdftext(pdf).split("\f")
    for number, name in enumerate(names):  # one page each, in name order
        assert f"Comune di {name}" in pages[number]
        assert "Superficie delle aree di interesse per la rigenerazione" in pages[number]
        assert "classe: " in pages[number] and "Interventi finanziati nel Comune" in pages[number]
    # the interventi of Sesto San Giovanni, as interventi_comuni attributes them, with Italian euro amounts
    with sqlite3.connect(demo_pack) as db:
        cups = {row[0] for row in db.execute("SELECT cup FROM interventi_comuni WHERE pro_com_t = '015209'")}
    sesto = " ".join(pages[names.index("Sesto San Giovanni")].split())
    assert cups and all(cup in sesto for cup in cups)
    assert f"Interventi finanziati nel Comune ({len(cups)})" in sesto
    assert re.search(r"€ \d{1,3}(\.\d{3})*,\d\d", sesto)  # € 1.234.567,89, to the cent


def test_a_comune_with_more_interventi_than_the_page_holds_says_so(demo_pack, tmp_path):
    from remix_plugin.core.printing.atlas import print_atlas

    pdf, _ = print_atlas(demo_pack, resolve_scope(demo_pack, [], ["Milano"]), tmp_path / "milano.pdf")
    text = " ".join(pdftext(pdf).split())
    assert int(pdfinfo(pdf)["Pages"]) == 1
    listed = text.split("Sono elencati i ")[1].split(" ")[0]
    with sqlite3.connect(demo_pack) as db:
        total = db.execute("SELECT count(DISTINCT cup) FROM interventi_comuni WHERE pro_com_t = '015146'").fetchone()[0]
    assert 5 < int(listed) < total and f"su {total} in tutto" in text


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "remix_plugin", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_an_intervento_with_a_title_over_255_characters_is_listed_with_the_others(demo_pack, tmp_path):
    """A memory layer with 255-character text fields refuses a whole batch for one longer title: the
    interventi tables of every sheet came out empty, exit 0. Now every intervento is listed."""
    from remix_plugin.core.printing.atlas import print_atlas

    pack = tmp_path / "pacchetto.gpkg"
    shutil.copy(demo_pack, pack)
    with sqlite3.connect(pack) as db:
        cup = db.execute(
            "SELECT p.cup FROM interventi_periferie p JOIN interventi_comuni c ON c.cup = p.cup "
            "WHERE c.pro_com_t = '015209' LIMIT 1"
        ).fetchone()[0]
    dataset = ogr.Open(str(pack), 1)  # GDAL: the GeoPackage's triggers need its SQL functions
    dataset.ExecuteSQL(f"UPDATE interventi_periferie SET titolo = '{'Riqualificazione ' * 20}' WHERE cup = '{cup}'")
    dataset = None
    scope = resolve_scope(pack, comuni=["Sesto San Giovanni"])
    pdf, problems = print_atlas(pack, scope, tmp_path / "schede.pdf")
    text = " ".join(pdftext(pdf).split())
    assert problems == [] and cup in text and "Riqualificazione Riqualificazione" in text
    assert "Sono elencati i 0 interventi" not in text


def test_hostile_titles_are_printed_as_text_on_the_scheda_comunale(demo_pack, tmp_path):
    """A title from a pack with markup, a script, SQL quotes and a right-to-left override is printed as
    the text it is (the override taken out), and the sheet is complete."""
    from remix_plugin.core.printing.atlas import print_atlas

    pack = tmp_path / "pacchetto.gpkg"
    shutil.copy(demo_pack, pack)
    with sqlite3.connect(pack) as db:
        cup = db.execute(
            "SELECT p.cup FROM interventi_periferie p JOIN interventi_comuni c ON c.cup = p.cup "
            "WHERE c.pro_com_t = '015209' LIMIT 1"
        ).fetchone()[0]
    hostile = "<script>alert(1)</script> O'Brien'); DROP TABLE comuni;-- \u202eexe.fdp"
    quoted = hostile.replace("'", "''")
    dataset = ogr.Open(str(pack), 1)
    dataset.ExecuteSQL(f"UPDATE interventi_periferie SET titolo = '{quoted}' WHERE cup = '{cup}'")
    dataset = None
    pdf, problems = print_atlas(pack, resolve_scope(pack, comuni=["Sesto San Giovanni"]), tmp_path / "s.pdf")
    text = " ".join(pdftext(pdf).split())
    assert problems == [] and "<script>alert(1)</script> O'Brien'); DROP TABLE comuni;--" in text
    assert "\u202e" not in text and "exe.fdp" in text


def test_cli_prints_a_zona_and_the_atlas(demo_pack, tmp_path):
    done = cli(
        "print",
        "--map",
        "opportunita",
        "--zona",
        "Nord Milano",
        "--layout",
        "A4_verticale",
        "--title",
        "Opportunità — Nord Milano",
        "--out",
        tmp_path / "nm.png",
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "nm.png").stat().st_size > 50_000 and "Stampa scritta" in done.stdout
    assert "ERROR" not in done.stderr  # GDAL said «PNG driver does not support update access» for nothing
    done = cli("atlas", "--comune", "Bresso", "--comune", "Cormano", "--out", tmp_path / "schede.pdf")
    assert done.returncode == 0, done.stderr
    assert int(pdfinfo(tmp_path / "schede.pdf")["Pages"]) == 2


def test_bad_input_is_told_and_leaves_nothing(demo_pack, tmp_path):
    done = cli("print", "--map", "realizzazioni", "--layout", "A5_orizzontale", "--out", tmp_path / "x.pdf")
    assert done.returncode == 1
    assert "Modello di stampa «A5_orizzontale» sconosciuto" in done.stderr
    assert all(name in done.stderr for name in SHEETS)
    blocker = tmp_path / "un_file"
    blocker.write_text("non una cartella")
    done = cli("print", "--map", "realizzazioni", "--out", blocker / "x.pdf")
    assert done.returncode == 1 and "Impossibile scrivere" in done.stderr and "non si può creare" in done.stderr
    done = cli("atlas", "--zona", "Nord Milano", "--out", tmp_path / "schede.docx")
    assert done.returncode == 1 and "il formato deve essere PDF" in done.stderr
    with pytest.raises(RemixError, match="Impossibile scrivere"):
        export.print_portal_map("realizzazioni", "A4_orizzontale", "/proc/remix_stampa.pdf", demo_pack)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["un_file"]


def test_a_cancelled_atlas_leaves_no_partial_file(demo_pack, tmp_path):
    from remix_plugin.core.printing.atlas import print_atlas

    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda value: value > 30 and feedback.cancel())
    with pytest.raises(RemixError, match="annullata"):
        print_atlas(demo_pack, resolve_scope(demo_pack, ["Nord Milano"]), tmp_path / "schede.pdf", feedback=feedback)
    assert list(tmp_path.iterdir()) == []


def test_a_custom_template_whose_logo_is_missing_is_named(realizzazioni, tmp_path):
    project, ctx, _ = realizzazioni
    text = (paths.PRINT_LAYOUTS / "A4_orizzontale.qpt").read_text(encoding="utf-8")
    custom = tmp_path / "A4_provincia.qpt"
    custom.write_text(
        text.replace("../resources/icons/logo_remix.svg", "/srv/loghi/logo_provincia.svg"), encoding="utf-8"
    )
    sheet = export.Template("A4_provincia", "Provincia", export.MAP, custom)
    with pytest.raises(RemixError, match=r"A4_provincia\.qpt.*logo_provincia\.svg"):
        export.print_map(project, sheet, export.project_view(project), "Titolo", "", tmp_path / "p.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A4_provincia.qpt"]
    # wherever the plugin is installed, the shipped marks are found by name (QGIS stores absolute paths)
    moved = tmp_path / "spostato.qpt"
    moved.write_text(
        text.replace("../resources/icons/", "C:/Programmi/QGIS/plugins/remix_plugin/resources/icons/"), encoding="utf-8"
    )
    layout = layouts.load_template(moved, project)
    assert Path(layout.itemById("logo_cmm").picturePath()) == paths.ICONS / "logo_cmm.svg"


def test_a_template_with_broken_xml_is_refused_naming_the_file_and_the_line(realizzazioni, tmp_path):
    project, _, _ = realizzazioni
    text = (paths.PRINT_LAYOUTS / "A4_orizzontale.qpt").read_text(encoding="utf-8")
    broken = tmp_path / "A4_rotto.qpt"
    broken.write_text(text[: len(text) // 2], encoding="utf-8")  # cut off halfway, as a failed copy leaves it
    sheet = export.Template("A4_rotto", "Rotto", export.MAP, broken)
    with pytest.raises(RemixError, match=r"Modello di stampa «A4_rotto\.qpt» non valido \(XML: .*riga \d+\)"):
        export.print_map(project, sheet, export.project_view(project), "Titolo", "", tmp_path / "r.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A4_rotto.qpt"]  # nothing half written


def test_a_broken_or_non_utf8_template_is_named_when_chosen_and_the_others_still_print(
    realizzazioni, tmp_path, monkeypatch
):
    """One bad file among the templates (cut in half; saved in Latin-1 by another editor): choosing it says what is
    wrong with which file and line, never «sconosciuto» or a traceback; every other template still prints."""
    project, _, _ = realizzazioni
    folder = tmp_path / "print_layouts"
    shutil.copytree(paths.PRINT_LAYOUTS, folder)
    text = (folder / "A4_orizzontale.qpt").read_text(encoding="utf-8")
    (folder / "A4_rotto.qpt").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "A4_citta.qpt").write_bytes(b'<!DOCTYPE qgis-layout>\n<Layout name="Citt\xe0"/>\n')
    monkeypatch.setattr(paths, "PRINT_LAYOUTS", folder)
    view = export.project_view(project)
    with pytest.raises(RemixError, match=r"Modello di stampa «A4_rotto\.qpt» non valido \(XML: .*riga \d+\)"):
        export.print_map(project, export.template("A4_rotto", project), view, "Titolo", "", tmp_path / "r.pdf")
    with pytest.raises(RemixError, match=r"Modello di stampa «A4_citta\.qpt» non valido: non è in UTF-8 \(riga 2\)"):
        export.template("A4_citta", project)
    out = export.print_map(project, export.template("A4_orizzontale", project), view, "Titolo", "", tmp_path / "r.pdf")
    assert out.stat().st_size > 0


def test_the_half_pdf_of_a_killed_atlas_is_removed_by_the_next_print_there(realizzazioni, demo_pack, tmp_path):
    """kill -9 during `atlas`: the hidden partial PDF it leaves goes with the next print in that folder."""
    atlas = subprocess.Popen(
        [sys.executable, "-m", "remix_plugin", "atlas", "--data", str(demo_pack), "--out", str(tmp_path / "tutti.pdf")],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(1200):  # the partial file appears once the pages are being written
            if list(tmp_path.glob(".tutti.*.parziale.pdf")) or atlas.poll() is not None:
                break
            time.sleep(0.05)
    finally:
        atlas.kill()
        atlas.wait()
    assert [p.name for p in tmp_path.glob(".tutti.*.parziale.pdf")], "the atlas ended before it could be killed"
    project, _, _ = realizzazioni
    sheet = export.template("A4_orizzontale", project)
    export.print_map(project, sheet, export.project_view(project), "Titolo", "", tmp_path / "mappa.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mappa.pdf"]


def test_processing_prints_a_map_and_the_atlas(demo_pack, tmp_path, qgis_processing, isolated_settings):
    from remix_plugin.processing.provider import RemixProvider

    provider = RemixProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    try:
        registry = QgsApplication.processingRegistry()
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        printer = registry.createAlgorithmById("remix:print_map")
        results, ok = printer.run(
            {
                "MAP": 1,
                "LAYOUT": sorted(SHEETS).index("A3_orizzontale"),
                "ZONA": "Sud Est",
                "OUTPUT": str(tmp_path / "sud_est.pdf"),
            },
            context,
            feedback,
        )
        assert ok and page_size(Path(results["OUTPUT"])) == PAGE_PT["A3"][::-1]
        assert "Zona omogenea Sud Est" in pdftext(Path(results["OUTPUT"]))
        atlas = registry.createAlgorithmById("remix:atlas")
        results, ok = atlas.run(
            {"COMUNI": "Cassina de' Pecchi", "OUTPUT": str(tmp_path / "cassina.pdf")}, context, feedback
        )
        assert ok and int(pdfinfo(Path(results["OUTPUT"]))["Pages"]) == 1
        assert "Comune di Cassina de' Pecchi" in pdftext(Path(results["OUTPUT"]))
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)


def test_an_offline_package_prints_with_its_own_layouts(demo_pack, tmp_path, isolated_settings):
    from remix_plugin.core.offline.package import OfflineRequest, prepare
    from tests.qgis.offline_fixtures import open_package, to_tablet

    ctx = make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")
    _, folder = prepare(
        OfflineRequest(
            out_dir=tmp_path / "ufficio", maps=("realizzazioni",), scope=resolve_scope(demo_pack, ["Nord Milano"])
        ),
        ctx,
    )
    tablet = to_tablet(folder, tmp_path / "tablet")
    own = tablet / "print_layouts" / "A4_tablet.qpt"  # a sheet only this package has
    shutil.copyfile(tablet / "print_layouts" / "A4_verticale.qpt", own)
    project = open_package(tablet)
    assert "A4_tablet" in [t.name for t in export.templates(project)]
    with pytest.raises(RemixError, match="A4_tablet"):
        export.template("A4_tablet")  # not the plugin's
    sheet = export.template("A4_tablet", project)
    view = export.project_view(project, "realizzazioni")
    pack = datapack.project_pack(project)
    assert pack.parent == tablet
    layout = export.map_layout(
        project, sheet, view, "Nord Milano sul tablet", "Zona omogenea Nord Milano", pack, load_catalogue()
    )
    pdf = layouts.export(layout, tablet / "stampa.pdf")
    text = pdftext(pdf)
    assert "Nord Milano sul tablet" in text and "DATI DIMOSTRATIVI" in text
    assert legend_layers(layout.itemById("legenda")) == visible_layers(project, layout.itemById("mappa"))
    assert isinstance(layout.itemById("titolo"), QgsLayoutItemLabel)
    assert not layout.itemById("logo_cmm").isMissingImage()


def test_the_map_sheets_list_themselves_and_unknown_names_list_the_valid_ones():
    names = [t.name for t in export.templates(kind=export.MAP)]
    assert names == sorted(SHEETS)
    assert [t.name for t in export.templates(kind=export.ATLAS)] == ["scheda_comunale"]
    assert "scheda_segnalazione" in [t.name for t in export.templates(kind=export.SHEET)]
    with pytest.raises(RemixError) as raised:
        export.template("scheda_comunale")  # an atlas is not a map sheet
    assert "è una Scheda comunale (atlante), non una stampa di mappa" in raised.value.message
    assert all(name in raised.value.message for name in SHEETS)


def test_what_cannot_fit_its_box_at_the_smallest_size_is_left_out_and_said(realizzazioni):
    """A custom template with a tiny legend and sources box: the legend leaves out its last layers (and its
    title says how many), the sources end with «…»; neither runs outside its box."""
    from qgis.PyQt.QtCore import QSizeF

    from remix_plugin.core.printing import legend as print_legend

    project, ctx, folder = realizzazioni
    layout, _ = printed(project, ctx, "A4_orizzontale", folder / "piccola.pdf")
    legend = layout.itemById("legenda")
    total = len(legend.model().rootGroup().findLayers())
    assert print_legend.fit_legend(legend, QSizeF(70, 45)) == print_legend.SHRINK[-1]
    kept = len(legend.model().rootGroup().findLayers())
    assert 0 < kept < total and f"mancano {total - kept} strati" in legend.title()
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    needed = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize(context)
    assert needed.width() <= 70.5 and needed.height() <= 45.5
    label = layout.itemById("fonti")
    text = label.text()
    label.attemptResize(QgsLayoutSize(60, 6, QgsUnitTypes.LayoutMillimeters))
    assert print_legend.fit_label(label, text) == 4.5
    assert label.text().endswith("…") and len(label.text()) < len(text) / 3
    assert print_legend.text_height(label_font(label), label.text(), 60) <= 6
