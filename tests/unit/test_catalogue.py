"""The catalogue file: complete (§2 of the brief), scale thresholds of §2.5, and clear refusals."""

import copy
import json

import pytest

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.catalogue.model import entry_report, load_catalogue, parse_catalogue

RAW = json.loads(paths.CATALOGUE.read_text(encoding="utf-8"))


def parse(data, strict=False):
    return parse_catalogue(json.dumps(data), origin="prova.json", strict=strict)


def test_bundled_catalogue_is_valid_and_complete():
    cat = load_catalogue()
    assert cat.all_problems() == []
    ids = {e.id for e in cat.entries}
    for table in (
        "aree_remix",
        "aree_dismesse_2010",
        "ambiti_rigenerazione_8bis_40bis",
        "aree_rigenerazione_pgt",
        "offerta_at_2020",
        "offerta_pa_2020",
        "interventi_periferie",
        "interventi_periferie_punti",
        "interventi_comein",
        "interventi_pinqua",
        "interventi_cambio",
        "interventi_mica",
        "interventi_spugna",
        "interventi_altri_pui",
        "parchi",
        "plis",
        "lum",
        "stazioni",
        "servizi_sovracomunali",
        "rete_ciclabile",
        "comuni",
        "zone_omogenee",
    ):
        assert table in ids
    for e in cat.entries:
        assert e.title and e.updated and e.provider and e.reference.startswith("https://")
        assert e.style_path.exists(), e.style


def test_regione_lombardia_layers_have_mapserver_and_featureserver_sources():
    cat = load_catalogue()
    expected = {
        "aree_dismesse_2010": "ambiente/Dismesse_AT18_read/MapServer",
        "aree_rigenerazione_pgt": "territorio/tav_previsioni_b/MapServer",
        "offerta_at_2020": "ambiente/Offerta_indagine_RL_AT/MapServer",
        "offerta_pa_2020": "ambiente/Offerta_indagine_RL_PA/MapServer",
    }
    for entry_id, path in expected.items():
        entry = cat.entry(entry_id)
        display = entry.source("arcgismapserver")
        vector = entry.source("arcgisfeatureserver")
        assert display["path"] == path and display["role"] == "display"
        assert vector["path"] == f"{path}/{display['layer']}"
        assert cat.services[vector["service"]].startswith("https://www.cartografia.servizirl.it/")
    assert cat.entry("aree_rigenerazione_pgt").source("arcgisfeatureserver")["path"].endswith("MapServer/28")


@pytest.mark.parametrize(
    "entry_id,map_id,min_scale,max_scale",
    [
        ("comuni", "opportunita", 0, 0),
        ("zone_omogenee", "realizzazioni", 0, 0),
        ("indicatore_superficie", "opportunita", 0, 250000),
        ("indicatore_finanziamento", "realizzazioni", 0, 250000),
        ("aree_remix", "opportunita", 500000, 0),
        ("aree_remix", "realizzazioni", 250000, 0),
        ("interventi_pinqua", "opportunita", 320000, 0),
        ("interventi_pinqua", "realizzazioni", 500000, 0),
        ("lum", "realizzazioni", 320000, 0),
        ("servizi_sovracomunali", "realizzazioni", 250000, 0),
    ],
)
def test_scale_thresholds_follow_the_portal(entry_id, map_id, min_scale, max_scale):
    scale = load_catalogue().entry(entry_id).maps[map_id]
    assert (scale.min_scale, scale.max_scale) == (min_scale, max_scale)


def test_interesse_layers_are_not_in_the_opportunita_map():
    cat = load_catalogue()
    ids = {e.id for e in cat.entries_for_map("opportunita")}
    assert not ids & {"lum", "stazioni", "servizi_sovracomunali", "parchi", "plis", "rete_ciclabile"}


def test_not_json_is_refused_naming_the_file():
    with pytest.raises(RemixError, match="prova.json.*non è JSON"):
        parse_catalogue("{ non json", origin="prova.json")


def test_missing_top_level_part_is_refused():
    data = copy.deepcopy(RAW)
    del data["layers"]
    with pytest.raises(RemixError, match="campo «layers»: campo obbligatorio mancante"):
        parse(data)


def test_a_catalogue_with_a_duplicate_id_is_refused_naming_the_id_and_both_layers():
    data = copy.deepcopy(RAW)
    data["layers"].append(copy.deepcopy(data["layers"][4]))
    count = len(data["layers"])
    with pytest.raises(RemixError, match=rf"rifiutato: identificativi duplicati «aree_remix» \(strati 5, {count}\)"):
        parse(data)


def test_min_scale_below_max_scale_is_refused_for_that_entry():
    data = copy.deepcopy(RAW)
    data["layers"][4]["maps"]["opportunita"] = {"min_scale": 10000, "max_scale": 50000}
    cat = parse(data)
    assert "campo «maps.opportunita»: scala minima 1:10000" in cat.entry("aree_remix").problems[0]
    assert "aree_remix" not in {e.id for e in cat.entries_for_map("opportunita")}
    assert cat.entry("aree_dismesse_2010").valid


@pytest.mark.parametrize(
    "mutate,expected",
    [
        (lambda lyr: lyr.pop("title"), "campo «title»: campo obbligatorio mancante"),
        (lambda lyr: lyr.update(geometry="area"), "campo «geometry»: valore «area» non ammesso"),
        (
            lambda lyr: lyr["sources"][0].update(type="shapefile"),
            "campo «sources[0].type»: valore «shapefile» non ammesso",
        ),
        (lambda lyr: lyr.update(reference="ftp://x"), "campo «reference»: valore «ftp://x» non nel formato atteso"),
        (
            lambda lyr: lyr["maps"].update(opportunita={"min_scale": "500000", "max_scale": 0}),
            "campo «maps.opportunita.min_scale»: deve essere un numero intero",
        ),
    ],
)
def test_entry_faults_name_entry_and_field(mutate, expected):
    data = copy.deepcopy(RAW)
    mutate(data["layers"][4])
    cat = parse(data)
    problems = " ".join(cat.entries[4].problems)
    assert expected in problems and problems.startswith("Strato «aree_remix»")
    with pytest.raises(RemixError, match="rifiutato"):
        parse(data, strict=True)


def test_unknown_service_and_missing_style_file():
    data = copy.deepcopy(RAW)
    data["layers"][5]["sources"][1]["service"] = "nessuno"
    data["layers"][6]["style"] = "non_esiste.qml"
    cat = parse(data)
    assert "servizio «nessuno» non definito" in cat.entries[5].problems[0]
    assert cat.entries[6].valid and "non_esiste.qml" in cat.entries[6].warnings[0]


def test_entry_report_lists_every_entry_with_its_result():
    report = entry_report(load_catalogue())
    assert len(report) == len(RAW["layers"]) and all(r["valid"] for r in report)
    assert {"id", "title", "valid", "problems", "sources", "maps", "reference"} <= set(report[0])
