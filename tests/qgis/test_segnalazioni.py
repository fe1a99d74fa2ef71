"""Segnalazioni on this device: the local GeoPackage, the QGIS form, the CLI, the export and the
opportunities nearby — on real QGIS objects and the real Comuni of ../shared/data."""

import hashlib
import json
import re
import sqlite3
import subprocess
import zipfile

import pytest
from qgis.core import NULL, QgsCategorizedSymbolRenderer, QgsGeometry, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QDialogButtonBox, QGroupBox, QPushButton

from remix_plugin.cli import main
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import WkbType
from remix_plugin.core.catalogue.model import load_catalogue
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.segnalazioni.export import export_package
from remix_plugin.core.segnalazioni.geometry import ComuniLookup
from remix_plugin.core.segnalazioni.layers import new_feature, open_store_layers, place_store, problems
from remix_plugin.core.segnalazioni.nearby import opportunities_near
from remix_plugin.core.segnalazioni.schema import load_taxonomy
from remix_plugin.core.segnalazioni.store import (
    SYNC_FIELDS,
    LocalStore,
    check_local_store,
    create_local_store,
)
from remix_plugin.gui.segnalazione_form import open_form
from tests.qgis.segnalazioni_fixtures import SURVEY_2020, example_geometry, fill_form, lookup, pack  # noqa: F401

HOSTILE = "L'ex «Cassina» de' Pecchi: \"<b>area</b>\" <script>alert(1)</script> 🚧🌳"


@pytest.fixture()
def store(tmp_path):
    return tmp_path / "segnalazioni.gpkg"


@pytest.fixture()
def layers(store, lookup, qgis_new_project):
    built = open_store_layers(store, lookup, device="tablet-01")
    place_store(QgsProject.instance(), built)
    return built


def rows(store, table="segnalazioni_punti"):
    layer = QgsVectorLayer(table_uri(store, table), table, "ogr")
    return list(layer.getFeatures())


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(capsys, *args):
    code = main(["segnalazioni", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ok_button(dialog) -> QPushButton:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def group_box(dialog, title) -> QGroupBox:
    return next(box for box in dialog.findChildren(QGroupBox) if box.title() == title)


# --- the store ----------------------------------------------------------------------------------


def test_store_has_two_layers_sharing_the_taxonomy(qgis_app, store):
    create_local_store(store)
    taxonomy = load_taxonomy()
    aree = QgsVectorLayer(table_uri(store, "segnalazioni_aree"), "aree", "ogr")
    punti = QgsVectorLayer(table_uri(store, "segnalazioni_punti"), "punti", "ogr")
    assert aree.wkbType() == WkbType.MultiPolygon and punti.wkbType() == WkbType.Point
    assert aree.crs().authid() == punti.crs().authid() == "EPSG:32632"
    for layer in (aree, punti):
        assert layer.fields().names()[1:] == taxonomy.names + list(SYNC_FIELDS)
    values = QgsVectorLayer(table_uri(store, "segnalazioni_valori"), "valori", "ogr")
    assert {(f["valore"], f["etichetta"]) for f in values.getFeatures() if f["lista"] == "stato"} == {
        ("bozza", "Bozza"),
        ("inviata", "Inviata"),
        ("in_istruttoria", "In istruttoria"),
        ("accolta", "Accolta"),
        ("archiviata", "Archiviata"),
    }


def test_a_foreign_or_newer_file_is_refused_and_left_alone(qgis_app, pack, store):
    with pytest.raises(
        RemixError, match="non è un archivio di segnalazioni RE.MIX: mancano le tabelle segnalazioni_aree"
    ):
        check_local_store(pack)
    create_local_store(store)
    with sqlite3.connect(store) as db:
        db.execute("UPDATE segnalazioni_meta SET valore = '99' WHERE chiave = 'versione_schema'")
    before = digest(store)
    with pytest.raises(RemixError, match="versione «99», questo plugin usa la versione 2"):
        create_local_store(store)
    assert digest(store) == before


def test_every_edit_is_tracked_by_the_file_itself(qgis_app, store, lookup):
    """An edit from anywhere (here a bare layer, as the attribute table would) is seen by the next sync."""
    uuid, _ = main_new(store, lookup)
    with LocalStore(store) as local:
        row = local.changed_rows()[0]
        assert row.uuid == uuid and row.rev is None and row.change_id
        with local.transaction():
            local.mark_synced(row.table, row.fid, row.change_id, 7)  # as after a sync
        assert local.changed_rows() == []
    layer = QgsVectorLayer(table_uri(store, "segnalazioni_punti"), "punti", "ogr")
    fid = next(layer.getFeatures()).id()
    assert layer.startEditing() and layer.changeAttributeValue(fid, layer.fields().indexOf("stato"), "inviata")
    assert layer.commitChanges()
    with LocalStore(store) as local:
        [edited] = local.changed_rows()
        assert edited.data["stato"] == "inviata" and edited.rev == 7 and edited.change_id != row.change_id
        assert edited.data["aggiornata_il"] > row.data["aggiornata_il"]
    assert layer.startEditing() and layer.deleteFeature(fid) and layer.commitChanges()
    with LocalStore(store) as local:
        [tomb] = local.tombstones()
        assert (tomb.uuid, tomb.rev, tomb.row.data["titolo"], tomb.row.data["stato"]) == (uuid, 7, HOSTILE, "inviata")
        geometry = QgsGeometry()
        geometry.fromWkb(tomb.row.wkb)
        assert geometry.asWkt(0).startswith("Point (")


def main_new(store, lookup):
    from remix_plugin.core.segnalazioni.layers import add_segnalazione

    return add_segnalazione(
        store,
        {
            "titolo": HOSTILE,
            "tipo": "progetto",
            "natura": "azioni",
            "comune_istat": "Cassina de' Pecchi",
            "tipo_servizio": "Centro civico",
        },
        None,
        lookup,
    )


# --- the form -------------------------------------------------------------------------------------


def test_the_form_is_in_italian_and_follows_natura(layers, pack):
    point = example_geometry(pack, SURVEY_2020[1])
    feature = new_feature(layers.punti, point, {"natura": "azioni", "tipo": "progetto"})
    dialog = open_form(layers.punti, feature)
    try:
        assert group_box(dialog, "Azioni: gestione di servizi").isVisibleTo(dialog)
        assert not group_box(dialog, "Lavori: intervento sull'oggetto").isVisibleTo(dialog)
        fill_form(dialog, {"natura": "sistema_interventi"})
        assert not group_box(dialog, "Azioni: gestione di servizi").isVisibleTo(dialog)
        assert [box.title() for box in dialog.findChildren(QGroupBox) if box.isVisibleTo(dialog)] == [
            "Segnalazione",
            "Ambiti, scala e attori",
            "Progetto",
            "Comune e registrazione",
            "Istruttoria di Città metropolitana",  # CMM's notes, read-only for the Comune
        ]
        assert (
            layers.punti.attributeDisplayName(layers.punti.fields().indexOf("ambito_azione"))
            == "Ambito d'azione prevalente"
        )
        renderer = layers.punti.renderer()  # styles/segnalazioni: coloured by stato, in Italian
        assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "stato"
        assert [c.label() for c in renderer.categories()][:5] == [
            "Bozza",
            "Inviata",
            "In istruttoria",
            "Accolta",
            "Archiviata",
        ]
    finally:
        dialog.reject()
    assert not layers.punti.isEditable()
    area = new_feature(layers.aree, example_geometry(pack, SURVEY_2020[0]), {"natura": "lavori"})
    dialog = open_form(layers.aree, area)
    try:
        assert group_box(dialog, "Lavori: intervento sull'oggetto").isVisibleTo(dialog)
        assert not group_box(dialog, "Azioni: gestione di servizi").isVisibleTo(dialog)
    finally:
        dialog.reject()


def test_the_form_refuses_missing_fields_then_saves_to_the_file_at_once(layers, pack, store):
    example = SURVEY_2020[3]  # ARU ex ICOMA, Cornaredo: a criticità, lavori
    placed_in = ComuniLookup.for_pack(pack).at(example_geometry(pack, example))
    feature = new_feature(
        layers.aree, example_geometry(pack, example), {"comune_istat": placed_in.code, "zona_omogenea": placed_in.zona}
    )
    dialog = open_form(layers.aree, feature)
    fill_form(dialog, {"titolo": example["titolo"], "tipo": "criticita", "natura": "lavori"})
    ok = ok_button(dialog)
    assert not ok.isEnabled()
    ok.click()
    assert dialog.isVisible() and rows(store, "segnalazioni_aree") == []  # refused: nothing written
    current = dialog.attributeForm().currentFormFeature()
    assert problems(layers.aree, current) == [
        "«Ambito di criticità» è obbligatorio quando tipo è «Criticità».",
        "«Intervento sull'oggetto» è obbligatorio quando natura è «Lavori (opere con perimetro: area)».",
    ]
    fill_form(
        dialog, {"ambito_criticita": example["ambito_criticita"], "intervento_oggetto": example["intervento_oggetto"]}
    )
    assert ok.isEnabled()
    ok.click()
    [saved] = rows(store, "segnalazioni_aree")  # a separate reader sees it: committed, no edit buffer left
    assert not layers.aree.isEditable()
    assert (saved["titolo"], saved["comune"], saved["zona_omogenea"], saved["dispositivo"], saved["modificata"]) == (
        "ARU ex ICOMA",
        "Cornaredo",
        placed_in.zona,
        "tablet-01",
        1,
    )
    assert saved["ambito_criticita"] == '{"ambientale","economico","urbanistico"}'  # in the form's order
    assert saved["ambito_opportunita"] == NULL  # an empty multiple choice is NULL, not '{}'
    # editing an existing one: the same form, committed at once too
    edit = open_form(layers.aree, next(layers.aree.getFeatures()), new=False)
    fill_form(edit, {"stato": "inviata"})
    ok_button(edit).click()
    [again] = rows(store, "segnalazioni_aree")
    assert again["stato"] == "inviata" and again["modifica_id"] != saved["modifica_id"]
    assert not layers.aree.isEditable()


# --- the command line ------------------------------------------------------------------------------


def test_cli_new_and_list(qgis_app, pack, store, capsys):
    code, out, _ = cli(
        capsys,
        "new",
        "--data",
        str(pack),
        "--local",
        str(store),
        "--tipo",
        "criticità",
        "--natura",
        "azioni",
        "--comune",
        "cassina de pecchi",
        "--titolo",
        HOSTILE,
        "--campo",
        "ambito_criticita=Sociale,culturale",
        "--campo",
        "tipo_servizio=Centro civico",
    )
    assert code == 0
    uuid = out.split()[-1]
    [row] = rows(store)
    assert (row["uuid"], row["titolo"], row["comune_istat"], row["comune"], row["zona_omogenea"]) == (
        uuid,
        HOSTILE,
        "015060",
        "Cassina de' Pecchi",
        "Adda Martesana",
    )
    assert ComuniLookup.for_pack(pack).at(row.geometry()).code == "015060"  # placed inside its Comune
    assert row["ambito_criticita"] == '{"sociale","culturale"}'
    code, out, _ = cli(capsys, "list", "--data", str(pack), "--local", str(store), "--json", "--comune", "015060")
    assert code == 0
    [listed] = json.loads(out)
    assert (listed["uuid"], listed["titolo"], listed["stato"], listed["pending"]) == (uuid, HOSTILE, "bozza", True)
    code, out, _ = cli(capsys, "list", "--data", str(pack), "--local", str(store), "--json", "--stato", "accolta")
    assert json.loads(out) == []
    code, out, _ = cli(
        capsys,
        "export",
        "--data",
        str(pack),
        "--local",
        str(store),
        "--uuid",
        uuid,
        "--out",
        str(store.with_name("invio.zip")),
    )
    assert code == 0 and zipfile.ZipFile(store.with_name("invio.zip")).namelist()[0] == "segnalazioni.gpkg"
    code, _, err = cli(capsys, "list", "--local", str(store.with_name("altro.gpkg")))
    assert code == 1 and "Archivio delle segnalazioni" in err and "non trovato" in err


@pytest.mark.parametrize(
    "args,message",
    [
        (["--natura", "lavori", "--comune", "Rho"], "serve una geometria (--wkt) con il perimetro dei lavori"),
        (
            ["--natura", "azioni", "--comune", "Rho"],
            "«Tipo di servizio» è obbligatorio quando natura è «Azioni (senza localizzazione areale: punto)».",
        ),
        (
            [
                "--natura",
                "lavori",
                "--wkt",
                "POLYGON((9.1 45.4, 9.2 45.4, 9.2 45.5, 9.1 45.4))",
                "--campo",
                "intervento_oggetto=riuso",
            ],
            "cade fuori dal territorio della Città metropolitana di Milano",
        ),
        (["--natura", "azioni", "--wkt", "LINESTRING(500000 5030000, 501000 5031000)"], "è un punto, non una linea"),
        (["--natura", "azioni", "--comune", "Milano Marittima"], "Comune «Milano Marittima» sconosciuto"),
        (
            [
                "--natura",
                "azioni",
                "--comune",
                "Rho",
                "--campo",
                "tipo_servizio=x",
                "--campo",
                "attori=pubblico,nessuno",
            ],
            "Valori ammessi per «Attori coinvolti»: Pubblico, Privati, Associazioni, Gruppi informali.",
        ),
        (
            [
                "--natura",
                "azioni",
                "--comune",
                "Rho",
                "--campo",
                "tipo_servizio=x",
                "--campo",
                "importo_finanziamento=-5",
            ],
            "«Importo del finanziamento (€)» non può essere negativo.",
        ),
        (
            ["--natura", "azioni", "--comune", "Rho", "--campo", "tipo_servizio=x", "--stato", "accolta"],
            "una nuova segnalazione è in stato «bozza» o «inviata»; «Accolta» lo decide l'istruttoria",
        ),
        (
            [
                "--natura",
                "azioni",
                "--comune",
                "Rho",
                "--campo",
                "tipo_servizio=x",
                "--campo",
                "descrizione=" + "a" * 5000,
            ],
            "«Descrizione»: al massimo 4000 caratteri.",
        ),
    ],
)
def test_cli_refuses_bad_input_with_a_clear_message_and_writes_nothing(qgis_app, pack, store, capsys, args, message):
    create_local_store(store)
    before = digest(store)
    code, _, err = cli(
        capsys, "new", "--data", str(pack), "--local", str(store), "--tipo", "progetto", "--titolo", "Prova", *args
    )
    assert code == 1 and message in err, err
    assert rows(store) == [] and rows(store, "segnalazioni_aree") == []
    assert digest(store) == before


def test_a_title_of_100_kb_is_refused_before_it_runs_off_a_sheet(qgis_app, pack, store, capsys):
    create_local_store(store)
    code, _, err = cli(
        capsys,
        "new",
        "--data",
        str(pack),
        "--local",
        str(store),
        "--tipo",
        "progetto",
        "--titolo",
        "T" * 102400,
        "--natura",
        "azioni",
        "--comune",
        "Rho",
        "--campo",
        "tipo_servizio=x",
    )
    assert code == 1 and "«Titolo»: al massimo 200 caratteri." in err and len(err) < 1000
    assert rows(store) == []


def test_a_store_of_schema_version_1_is_brought_up_to_date_with_its_segnalazioni(
    qgis_app, pack, lookup, store, capsys, monkeypatch
):
    """A tablet's store made by the previous release (no «note_istruttoria»): opened by this one, it gains the
    field, its segnalazioni stay, and a deletion after it still keeps a whole copy (the triggers follow)."""
    import dataclasses

    from osgeo import gdal

    from remix_plugin.core.segnalazioni import store as store_module
    from remix_plugin.core.segnalazioni.layers import add_segnalazione

    current = store_module.load_taxonomy()
    old = dataclasses.replace(
        current, schema_version=1, fields=tuple(f for f in current.fields if f.name != "note_istruttoria")
    )
    monkeypatch.setattr(store_module, "load_taxonomy", lambda: old)
    store_module.create_local_store(store)
    monkeypatch.undo()
    dataset = gdal.OpenEx(str(store), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL(
        "INSERT INTO segnalazioni_punti (titolo, stato, rev_centrale) VALUES ('Centro civico', 'bozza', 7)"
    )
    dataset = None
    values = {"titolo": "Nuova", "tipo": "progetto", "natura": "azioni", "comune_istat": "Rho", "tipo_servizio": "x"}
    add_segnalazione(store, values, None, lookup)
    assert [f["titolo"] for f in rows(store)] == ["Centro civico", "Nuova"]
    assert "note_istruttoria" in rows(store)[0].fields().names()
    dataset = gdal.OpenEx(str(store), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("DELETE FROM segnalazioni_punti WHERE titolo = 'Centro civico'")
    dataset = None
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT valore FROM segnalazioni_meta WHERE chiave = 'versione_schema'").fetchone() == ("2",)
        copy = db.execute("SELECT dati FROM segnalazioni_eliminate").fetchone()[0]
    assert '"note_istruttoria"' in copy and '"titolo":"Centro civico"' in copy


def test_list_shows_a_title_without_its_direction_override_and_the_store_keeps_it(qgis_app, pack, store, capsys):
    title = "Biblioteca \u202eacitsirtsep\u202c\u200b civica"
    new = ["new", "--data", str(pack), "--local", str(store), "--tipo", "progetto", "--natura", "azioni"]
    code, _, err = cli(capsys, *new, "--comune", "Rho", "--titolo", title, "--campo", "tipo_servizio=x")
    assert code == 0, err
    code, out, _ = cli(capsys, "list", "--data", str(pack), "--local", str(store))
    assert code == 0 and "Biblioteca acitsirtsep civica *" in out and not {"\u202e", "\u200b"} & set(out), out
    assert rows(store)[0]["titolo"] == title  # the Comune's text is data: kept as typed


def test_cli_repairs_a_self_intersecting_polygon_and_says_so(qgis_app, pack, store, capsys):
    x, y = (
        example_geometry(pack, SURVEY_2020[4]).boundingBox().center().x(),
        example_geometry(pack, SURVEY_2020[4]).boundingBox().center().y(),
    )
    bow_tie = f"POLYGON(({x} {y}, {x + 200} {y + 200}, {x + 200} {y}, {x} {y + 200}, {x} {y}))"
    code, out, err = cli(
        capsys,
        "new",
        "--data",
        str(pack),
        "--local",
        str(store),
        "--tipo",
        "opportunita",
        "--natura",
        "lavori",
        "--titolo",
        "Area a farfalla",
        "--wkt",
        bow_tie,
        "--campo",
        "ambito_opportunita=urbanistico",
        "--campo",
        "intervento_oggetto=riuso",
    )
    assert code == 0, err
    assert (
        f"avviso: Il perimetro disegnato non era valido (i lati si incrociano o si sovrappongono presso "
        f"{x + 100:.0f}, {y + 100:.0f}): è stato riparato (area 20.000 m²)" in err
    )
    [row] = rows(store, "segnalazioni_aree")
    assert row.geometry().isGeosValid() and row.geometry().area() == pytest.approx(20000, rel=1e-6)
    assert row["comune"] == "Rho"


# --- export and opportunities nearby -----------------------------------------------------------------


def test_export_is_a_zip_with_a_geopackage_and_one_page_sheets(qgis_app, pack, store, lookup, tmp_path):
    from remix_plugin.core.segnalazioni.layers import add_segnalazione

    example = dict(SURVEY_2020[4], titolo=HOSTILE + " \u202eFDP.exe\u202c")  # a right-to-left override
    values = {k: v for k, v in example.items() if k != "comune"}
    first, _ = add_segnalazione(store, values, example_geometry(pack, example), lookup)
    second, _ = main_new(store, lookup)
    out = export_package(store, [first, second], tmp_path / "invio" / "segnalazioni.zip", pack)
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path / "estratto")
    assert names[2] == "segnalazioni.gpkg"
    assert [n[:32] for n in names[:2]] == ["scheda_01_l_ex_cassina_de_pecchi", "scheda_02_l_ex_cassina_de_pecchi"]
    assert all(n.endswith(".pdf") for n in names[:2])
    gpkg = tmp_path / "estratto" / "segnalazioni.gpkg"
    for table, uuid in (("segnalazioni_aree", first), ("segnalazioni_punti", second)):
        layer = QgsVectorLayer(table_uri(gpkg, table), table, "ogr")
        assert [f["uuid"] for f in layer.getFeatures()] == [uuid]
        assert not set(SYNC_FIELDS) & set(layer.fields().names())
    sheet = tmp_path / "estratto" / names[0]
    pages = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), pages
    text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True).stdout
    assert "<script>alert(1)</script>" in text and '"<b>area</b>"' in text  # printed as text, never run
    assert "FDP.exe" in text and "exe.PDF" not in text  # the override is not applied on paper
    assert not re.search(r"\d,\d{3}\b", text), text  # the scale bar reads «1.000 m», not «1,000»
    for expected in (
        "Opportunità · Lavori",
        "Rho (015182)",
        "RFI, Comune di Rho, privati",
        "12.500.000,50",
        "Infrastrutturale, Urbanistico",
        "Città metropolitana di Milano",
    ):
        assert expected in text, expected


def test_opportunities_near_the_ex_scalo_merci_of_rho(qgis_app, pack):
    geometry = example_geometry(pack, SURVEY_2020[4])
    found = opportunities_near(geometry, pack, load_catalogue(), 1000)
    assert [(n.entry_id, n.name, n.distance_m) for n in found] == [
        ("aree_remix", "Area Remix dell'ex scalo", 150.0),
        ("lum", "RHO", pytest.approx(512.9, abs=0.5)),
        ("interventi_pinqua", "Riqualificazione via Rosselli 4", 600.0),
    ]
    assert [n.entry_id for n in opportunities_near(geometry, pack, load_catalogue(), 300)] == ["aree_remix"]
    with pytest.raises(RemixError, match="Distanza di ricerca -1 m non ammessa"):
        opportunities_near(geometry, pack, load_catalogue(), -1)
