"""The taxonomy of segnalazioni (DESIGN §5) as a data file: complete, refused clearly when broken, and
its rules (required by natura/tipo, closed lists) right on real QgsFeatures."""

import copy
import json

import pytest
from qgis.core import QgsExpression, QgsExpressionContext, QgsFeature, QgsField, QgsFields

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import FieldType
from remix_plugin.core.segnalazioni.schema import TAXONOMY, decode_multi, encode_multi, load_taxonomy, rules

RAW = json.loads(TAXONOMY.read_text(encoding="utf-8"))


def write(tmp_path, data):
    path = tmp_path / "tassonomia.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_bundled_taxonomy_has_the_lists_of_design_section_5():
    t = load_taxonomy()
    labels = {name: [label for _, label in items] for name, items in t.lists.items()}
    assert labels["tipo"] == ["Criticità", "Opportunità", "Progetto"]
    assert labels["ambito"] == [
        "Urbanistico",
        "Infrastrutturale",
        "Ambientale",
        "Paesistico",
        "Sociale",
        "Culturale",
        "Economico",
    ]
    assert labels["scala_criticita"] == ["Metropolitana", "Area omogenea", "Sovracomunale", "Comunale"]
    assert labels["attori"] == ["Pubblico", "Privati", "Associazioni", "Gruppi informali"]
    assert labels["localizzazione"] == ["Urbana", "Periferica", "Frangia urbana"]
    assert labels["stato"] == ["Bozza", "Inviata", "In istruttoria", "Accolta", "Archiviata"]
    assert (t.layer_for("lavori"), t.layer_for("azioni"), t.layer_for("sistema_interventi")) == (
        "segnalazioni_aree",
        "segnalazioni_punti",
        "segnalazioni_punti",
    )
    assert {f.name for f in t.fields if f.kind == "multichoice"} == {
        "ambito_criticita",
        "ambito_opportunita",
        "ambito_intervento",
        "attori",
        "intervento_oggetto",
        "sttm",
    }


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d["fields"][1].update(list="tipi"), "il campo «tipo» usa l'elenco «tipi» che non esiste"),
        (lambda d: d["fields"][0].update(group="altro"), "il campo «titolo» è nel gruppo «altro» che non esiste"),
        (
            lambda d: d["groups"][2].update(visible_when={"natura": ["opere"]}),
            "il gruppo «lavori» dipende dal valore «opere» che l'elenco «natura» non ha",
        ),
        (
            lambda d: d["lists"]["natura"].append(["rete", "Rete"]),
            "ogni valore dell'elenco «natura» deve appartenere a uno e un solo strato",
        ),
        (lambda d: d["fields"].pop(0), "manca il campo «titolo»"),
        (lambda d: d.pop("lists"), "campo «lists» campo obbligatorio mancante"),
        (lambda d: d["fields"][0].update(type="testo"), "campo «fields[0].type» valore «testo» non ammesso"),
    ],
)
def test_a_broken_taxonomy_is_refused_naming_file_and_field(tmp_path, change, message):
    data = copy.deepcopy(RAW)
    change(data)
    with pytest.raises(RemixError, match="Tassonomia delle segnalazioni «?.*tassonomia.json»? non valida") as error:
        load_taxonomy(write(tmp_path, data))
    assert message in error.value.message


def test_cmm_can_rename_and_add_list_values_without_code(tmp_path):
    data = copy.deepcopy(RAW)
    data["lists"]["attori"].append(["fondazioni", "Fondazioni bancarie"])
    data["lists"]["stato"][2][1] = "In valutazione"
    t = load_taxonomy(write(tmp_path, data))
    assert t.label("stato", "in_istruttoria") == "In valutazione"
    assert "fondazioni" in t.codes("attori") and t.code_of("attori", "fondazioni bancarie") == "fondazioni"


def test_multiple_choices_survive_quotes_and_commas():
    codes = ["pubblico", 'ex "ICOMA"', "Rho, Pero", "l'area"]
    assert decode_multi(encode_multi(codes)) == codes
    assert encode_multi([]) is None and decode_multi(None) == [] and decode_multi("{}") == []


def feature(**values) -> QgsFeature:
    fields = QgsFields()
    for name in load_taxonomy().names:
        fields.append(QgsField(name, FieldType.Double if name == "importo_finanziamento" else FieldType.String))
    f = QgsFeature(fields)
    for name, value in values.items():
        f[name] = value
    return f


def broken(table, **values):
    """The messages of the rules a feature breaks (evaluated as the form evaluates them)."""
    t = load_taxonomy()
    context = QgsExpressionContext()
    context.setFeature(feature(**values))
    allowed = {"comune": ["015182"], "zona": ["Nord Ovest"]}
    return [
        message
        for f in t.fields
        for expression, message in rules(t, f, table, allowed)
        if not QgsExpression(expression).evaluate(context)
    ]


def test_rules_follow_natura_and_tipo_and_the_closed_lists(qgis_app):
    base = {"titolo": "Ex scalo", "stato": "bozza", "comune_istat": "015182", "zona_omogenea": "Nord Ovest"}
    assert broken("segnalazioni_aree", tipo="opportunita", natura="lavori", **base) == [
        "«Ambito di opportunità» è obbligatorio quando tipo è «Opportunità».",
        "«Intervento sull'oggetto» è obbligatorio quando natura è «Lavori (opere con perimetro: area)».",
    ]
    assert broken("segnalazioni_aree", tipo="progetto", natura="lavori", intervento_oggetto='{"riuso"}', **base) == []
    assert broken("segnalazioni_punti", tipo="progetto", natura="lavori", intervento_oggetto='{"riuso"}', **base) == [
        "Questo strato accoglie solo la natura «Azioni (senza localizzazione areale: punto)» o «Sistema di "
        "interventi (programma: punto)»."
    ]
    assert broken(
        "segnalazioni_punti",
        tipo="progetto",
        natura="sistema_interventi",
        attori='{"pubblico","re"}',
        importo_finanziamento=-1,
        **dict(base, comune_istat="099999"),
    ) == [
        "Valori ammessi per «Attori coinvolti»: Pubblico, Privati, Associazioni, Gruppi informali.",
        "«Importo del finanziamento (€)» non può essere negativo.",
        "«Comune»: scegliere un valore dell'elenco.",
    ]
    assert broken(
        "segnalazioni_punti",
        natura="azioni",
        titolo="  ",
        stato="bozza",
        comune_istat="015182",
        zona_omogenea="Nord Ovest",
    ) == [
        "«Titolo» è obbligatorio.",
        "«Tipo» è obbligatorio.",
        "«Tipo di servizio» è obbligatorio quando natura è «Azioni (senza localizzazione areale: punto)».",
    ]
