"""The PGT themes file (data CMM staff edit) and the field mappings technicians' layers need."""

import json

import pytest

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.pgt.themes import THEMES_FILE, complete_mapping, load_themes, read_mapping_file, suggest_mapping


def edited(tmp_path, change):
    data = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "temi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_bundled_themes_are_the_four_of_the_issue_with_required_codes_and_styles():
    themes = load_themes()
    assert themes.ids() == ["ambiti_trasformazione", "piani_attuativi", "ambiti_rigenerazione", "aree_dismesse"]
    assert themes.crs == "EPSG:32632"
    for theme in themes.themes:
        assert theme.field(theme.code_field).required
        assert theme.style_path.is_file(), theme.style
        assert any(f.domain for f in theme.fields), theme.id  # each theme has closed lists to check


@pytest.mark.parametrize(
    "change,words",
    [
        (lambda d: d["themes"][0]["fields"][2].update(type="float"), ["themes[0].fields[2].type", "«float»"]),
        (lambda d: d["themes"][1].update(code_field="denominazione"), ["themes[1].code_field", "obbligatorio"]),
        (lambda d: d["themes"][2]["fields"][2]["domain"].append({"aliases": ["x"]}), ["themes[2].fields[2].domain[3]"]),
        (lambda d: d.pop("tolerances"), ["tolerances", "mancante"]),
    ],
)
def test_a_broken_themes_file_is_refused_naming_the_field(tmp_path, change, words):
    with pytest.raises(RemixError) as caught:
        load_themes(edited(tmp_path, change))
    assert "temi.json" in caught.value.message
    for word in words:
        assert word in caught.value.message


def test_tolerances_are_data(tmp_path):
    themes = load_themes(edited(tmp_path, lambda d: d["tolerances"].update(outside_comune_m2=500)))
    assert themes.outside_comune_m2 == 500


def test_domain_values_are_read_whatever_the_case_accents_and_abbreviations():
    themes = load_themes()
    relevance = themes.theme("ambiti_trasformazione").field("rilevanza_sovracomunale")
    assert [relevance.canonical(v) for v in ("Sì", "SI", "s", "No", "forse")] == ["sì", "sì", "sì", "no", None]
    plan = themes.theme("piani_attuativi").field("tipo_piano")
    assert plan.canonical("PII") == "programma integrato di intervento"
    assert plan.canonical("Piano di Lottizzazione") == "piano di lottizzazione"
    article = themes.theme("ambiti_rigenerazione").field("riferimento_normativo")
    assert article.canonical("Art. 40 bis") == "art. 40bis"


def test_suggested_mapping_reads_dbase_names_and_remembered_choices_win():
    theme = load_themes().theme("ambiti_trasformazione")
    fields = ["FID_1", "COD_AT", "DESTINAZIO", "STATO_SUOL", "SUPERFICIE", "NOTE"]
    mapping = suggest_mapping(theme, fields)
    assert mapping == {
        "codice": "COD_AT",
        "destinazione": "DESTINAZIO",
        "stato_suolo": "STATO_SUOL",
        "superficie_territoriale_mq": "SUPERFICIE",
        "note": "NOTE",
    }
    remembered = suggest_mapping(theme, fields, {"codice": "fid_1", "note": "non c'è più"})
    assert remembered["codice"] == "FID_1" and remembered["note"] == "NOTE"
    assert len(set(remembered.values())) == len(remembered)  # one field of the layer for one expected field


def test_explicit_mapping_is_kept_as_given_even_when_wrong():
    themes = load_themes()
    mapping = complete_mapping(
        themes, {"aree_dismesse": ["codice", "USO"]}, {"aree_dismesse": {"uso_precedente": "Uso"}}
    )
    assert mapping == {"aree_dismesse": {"codice": "codice", "uso_precedente": "Uso"}}


@pytest.mark.parametrize(
    "content,words",
    [
        ("{non json", ["non è JSON"]),
        ('{"ambiti": {}}', ["Tema «ambiti» sconosciuto", "ambiti_trasformazione"]),
        ('{"aree_dismesse": {"uso": "USO"}}', ["campo atteso «uso» sconosciuto", "uso_precedente"]),
        ('{"aree_dismesse": {"uso_precedente": 3}}', ["aree_dismesse", "campo dello strato"]),
    ],
)
def test_a_bad_mapping_file_says_what_is_wrong(tmp_path, content, words):
    path = tmp_path / "campi.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RemixError) as caught:
        read_mapping_file(path, load_themes())
    for word in words:
        assert word in caught.value.message


def test_mapping_file_written_by_excel_users_with_a_bom_is_read(tmp_path):
    path = tmp_path / "campi.json"
    path.write_text('{"aree_dismesse": {"codice": "COD"}}', encoding="utf-8-sig")
    assert read_mapping_file(path, load_themes()) == {"aree_dismesse": {"codice": "COD"}}
