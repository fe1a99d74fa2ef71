"""The two synthesis indicators on a hand-built world with known answers (tests/qgis/indicator_fixtures.py)."""

import csv
import json

import pytest
from qgis.core import QgsGraduatedSymbolRenderer, QgsVectorLayer

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data import table_reader
from remix_plugin.core.data.layers import write_to_gpkg
from remix_plugin.core.indicators import synthesis as indicators
from remix_plugin.core.indicators.files import write_outputs
from tests.qgis.indicator_fixtures import (
    EXPECTED_FINANZIATO,
    EXPECTED_M2,
    INTERVENTI_FIELDS,
    OPPORTUNITY_FIELDS,
    TOTAL_FINANZIATO,
    memory_layer,
    square,
    world_layers,
    write_world_pack,
)

ALFA, BETA, GAMMA, CASSINA = "015001", "015002", "015003", "015004"


@pytest.fixture()
def world(qgis_app):
    return world_layers()


def superficie(world, **options):
    return indicators.compute("superficie", layers=world, **options)


def finanziamento(world, **options):
    return indicators.compute("finanziamento", layers=world, **options)


def m2(result, code):
    return result.figure(code).quantities["superficie_ha"] * 10000


def test_union_counts_overlaps_once_splits_across_boundaries_and_repairs_invalid_geometries(world):
    result = superficie(world)
    for code, expected in EXPECTED_M2.items():
        assert m2(result, code) == pytest.approx(expected, rel=1e-4, abs=1e-6), code
    assert result.figure(ALFA).quantities["quota_superficie"] == pytest.approx(9.0, rel=1e-4)
    problems = " ".join(result.measurement.problems)
    assert "non riparabile" not in problems
    assert "Tabella «offerta_at_2020»: 1 aree senza «stato_suolo»" in problems


def test_invalid_geometry_is_repaired_and_says_so_in_the_trace(world):
    rows = superficie(world).trace(GAMMA)
    bowtie = next(r for r in rows if r.key == "R2")
    assert bowtie.table == "aree_remix" and bowtie.amount == pytest.approx(20000, rel=1e-6)
    assert "riparata" in bowtie.note


def test_layer_in_another_crs_is_measured_in_metres(world):
    assert world["offerta_pa_2020"].crs().authid() == "EPSG:4326"
    rows = superficie(world).trace(GAMMA)
    assert next(r for r in rows if r.key == "PA1").amount == pytest.approx(40000, rel=1e-4)


def test_free_offerta_and_aree_dismesse_do_not_count(world):
    keys = {r.key for code in (BETA, GAMMA) for r in superficie(world).trace(code)}
    assert "AT1" in keys and not {"AT2", "AT3", "D1"} & keys


def test_area_across_two_comuni_is_traced_in_both_as_cut(world):
    result = superficie(world)
    for code in (ALFA, BETA):
        row = next(r for r in result.trace(code) if r.key == "G1")
        assert row.amount == pytest.approx(20000) and "ritagliata" in row.note


def test_comune_with_nothing_is_zero_and_class_nessuno_not_missing(world):
    for result in (superficie(world), finanziamento(world)):
        figure = result.figure(CASSINA)
        assert figure.name == "Cassina de' Pecchi"
        assert figure.value == 0 and figure.classe_n == 0 and figure.classe == "nessuno"
        assert result.trace(CASSINA) == []
        assert len(result.figures) == 4


def test_funding_is_shared_by_quota_to_the_cent(world):
    result = finanziamento(world)
    for code, expected in EXPECTED_FINANZIATO.items():
        assert result.figure(code).quantities["finanziamento"] == pytest.approx(expected, abs=1e-9), code
    cents = sum(round(f.quantities["finanziamento"] * 100) for f in result.figures)
    assert cents == round(TOTAL_FINANZIATO * 100)
    assert result.metadata()["totali_euro"]["importo_finanziato"] == pytest.approx(TOTAL_FINANZIATO, abs=1e-9)
    assert [result.figure(c).quantities["n_interventi"] for c in (ALFA, BETA, GAMMA, CASSINA)] == [3, 3, 4, 0]


def test_intervento_in_three_comuni_and_azioni_follow_their_quota_not_their_point(world):
    result = finanziamento(world)
    cup2 = {code: next(r for r in result.trace(code) if r.key == "CUP2").amount for code in (ALFA, BETA, GAMMA)}
    assert cup2 == {ALFA: 50000.01, BETA: 30000.0, GAMMA: 20000.0}
    assert "CUP4" in {r.key for r in result.trace(BETA)}  # its point lies in Cassina de' Pecchi
    assert "CUP5" in {r.key for r in result.trace(GAMMA)}  # no geometry at all
    cup6 = next(r for r in result.trace(GAMMA) if r.key == "CUP6")
    assert "geometria" not in cup6.note and "superficie nei Comuni" in cup6.note


def test_duplicate_cup_counted_once_and_other_calls_never(world):
    result = finanziamento(world)
    assert sum(1 for r in result.trace(ALFA) if r.key == "CUP1") == 1
    assert "CUP9" not in {r.key for code in (ALFA, BETA) for r in result.trace(code)}
    assert any("CUP1" in p and "già contato" in p for p in result.measurement.problems)


def test_classes_are_stated_and_labelled_from_lowest_to_highest(world):
    result = finanziamento(world, method="quantile", classes=3)
    meta = result.metadata()["classificazione"]
    assert meta["metodo"] == "quantile" and meta["limiti"] == result.classes.breaks
    assert result.figure(ALFA).classe == meta["etichette"][-1]
    assert meta["etichette"][0] == "molto basso" and meta["etichette"][-1] == "molto alto"
    assert result.figure(ALFA).classe_n == result.classes.count


def test_normalisation_by_area_and_population(world):
    by_area = finanziamento(world, normalise="area")
    assert by_area.figure(BETA).value == pytest.approx(35033.33)  # € per km², 1 km² each
    by_people = superficie(world, normalise="popolazione")
    assert by_people.figure(BETA).value == pytest.approx(60000 / 2000, rel=1e-4)  # m² per abitante
    assert by_people.unit == "m² per abitante"


def test_scope_restricts_the_comuni(world):
    result = superficie(world, scope=frozenset({ALFA, GAMMA}))
    assert [f.code for f in result.figures] == [ALFA, GAMMA]
    assert m2(result, GAMMA) == pytest.approx(60000, rel=1e-4)


def test_missing_field_is_a_clear_italian_error(world):
    broken = QgsVectorLayer("MultiPolygon?crs=EPSG:32632&field=id:string", "at_senza_stato", "memory")
    with pytest.raises(RemixError, match="stato_suolo"):
        indicators.compute("superficie", layers={**world, "offerta_at_2020": broken})


def test_point_layer_styled_by_the_computed_classes(world):
    result = superficie(world, method="jenks", classes=3)
    layer = indicators.to_layer(result)
    assert layer.featureCount() == 4 and layer.crs().authid() == "EPSG:32632"
    names = layer.fields().names()
    assert {"pro_com_t", "comune", "zona_omogenea", "superficie_ha", "quota_superficie", "classe", "classe_n"} <= set(
        names
    )
    indicators.follow_classes(layer, indicators.legend_data(result))
    assert layer.loadNamedStyle(str(paths.STYLES / "indicatore_superficie.qml"))[1]
    renderer = layer.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer)
    labels = [r.label() for r in renderer.ranges()]
    assert labels[0].startswith("nessuno")
    assert [lyr.split(" (")[0] for lyr in labels[1:]] == result.classes.labels
    for feature in layer.getFeatures():
        assert feature["classe"] == result.figure(feature["pro_com_t"]).classe


def test_csv_json_and_trace_files(world, tmp_path):
    results = [superficie(world), finanziamento(world)]
    written = write_outputs(results, tmp_path / "indicatori.csv")
    assert [p.name for p in written] == ["indicatori.csv", "indicatori_tracciabilita.csv", "indicatori.json"]
    with open(tmp_path / "indicatori.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4
    for column in (
        "pro_com_t",
        "comune",
        "zona_omogenea",
        "superficie_ha",
        "quota_superficie",
        "finanziamento",
        "cofinanziamento",
        "n_interventi",
        "classe_superficie",
        "classe_finanziamento",
    ):
        assert column in rows[0]
    assert {r["pro_com_t"]: float(r["superficie_ha"]) for r in rows}[ALFA] == pytest.approx(9.0, rel=1e-4)
    assert next(r for r in rows if r["pro_com_t"] == CASSINA)["comune"] == "Cassina de' Pecchi"
    meta = json.loads((tmp_path / "indicatori.json").read_text(encoding="utf-8"))
    assert set(meta["indicatori"]) == {"superficie", "finanziamento"}
    assert meta["indicatori"]["superficie"]["classificazione"]["limiti"] == results[0].classes.breaks
    with open(tmp_path / "indicatori_tracciabilita.csv", encoding="utf-8") as handle:
        trace = list(csv.DictReader(handle))
    assert {(t["indicatore"], t["pro_com_t"], t["codice"]) for t in trace} >= {
        ("superficie", ALFA, "R1"),
        ("superficie", ALFA, "A1"),
        ("finanziamento", BETA, "CUP4"),
    }


def test_gpkg_output_has_both_layers_and_the_trace(world, tmp_path):
    results = [superficie(world), finanziamento(world)]
    write_outputs(results, tmp_path / "indicatori.gpkg")
    for table in ("indicatore_superficie", "indicatore_finanziamento", "tracciabilita"):
        layer = QgsVectorLayer(f"{tmp_path / 'indicatori.gpkg'}|layername={table}", table, "ogr")
        assert layer.isValid() and layer.featureCount() > 0, table


@pytest.mark.parametrize("gdal", [True, False], ids=["colonne GDAL", "strati QGIS"])
def test_pack_on_disk_gives_the_same_figures_and_trace(world, tmp_path, monkeypatch, gdal):
    """A pack's tables in the computation CRS are read as GDAL columns (the one in degrees through QGIS);
    without a GDAL that can (no SpatiaLite, before 3.6) all of them through QGIS. Same figures, same trace."""
    if not gdal:
        monkeypatch.setattr(table_reader, "_open_dataset", lambda pack: None)
    pack = write_world_pack(tmp_path / "mondo.gpkg")
    with indicators.Tables(pack) as tables:
        assert isinstance(tables("aree_remix"), table_reader.GdalTable) is gdal
        assert isinstance(tables("offerta_pa_2020"), table_reader.LayerTable)
    area, money = (indicators.compute(which, pack=pack) for which in ("superficie", "finanziamento"))
    for code, expected in EXPECTED_M2.items():
        assert m2(area, code) == pytest.approx(expected, rel=1e-4, abs=1e-6), code
    for code, expected in EXPECTED_FINANZIATO.items():
        assert money.figure(code).quantities["finanziamento"] == pytest.approx(expected, abs=1e-9), code
    from_layers = superficie(world)
    for code in (ALFA, BETA, GAMMA):
        assert [(r.table, r.key, round(r.amount, 3), r.note) for r in area.trace(code)] == [
            (r.table, r.key, round(r.amount, 3), r.note) for r in from_layers.trace(code)
        ], code
    assert sorted(area.measurement.problems) == sorted(from_layers.measurement.problems)


def measured(which, layers, read_from, tmp_path):
    """The indicator from the layers themselves, or from a pack made of them (GDAL columns)."""
    if read_from == "strati":
        return indicators.compute(which, layers=layers)
    for table, layer in layers.items():
        write_to_gpkg(layer, tmp_path / "mondo.gpkg", table)
    return indicators.compute(which, pack=tmp_path / "mondo.gpkg")


@pytest.mark.parametrize("read_from", ["strati", "pacchetto"])
def test_soil_state_is_judged_alike_however_it_is_spaced_or_written(world, tmp_path, read_from):
    """«libero» with spaces, tabs or capitals does not count, whichever reader; blank or NULL is left out and said so."""
    states = [" libero ", "LIBERO\t", "\xa0Libero\n", "edificato", "", None]
    world["offerta_at_2020"] = memory_layer(
        "at",
        "MultiPolygon",
        OPPORTUNITY_FIELDS + "&field=stato_suolo:string",
        [
            (square(1050 + 150 * i, 50, 100), [f"S{i}", "Stato", BETA, "Indagine", "2020", state])
            for i, state in enumerate(states)
        ],
    )
    result = measured("superficie", world, read_from, tmp_path)
    assert {r.key for r in result.trace(BETA)} & {f"S{i}" for i in range(len(states))} == {"S3"}
    assert "Tabella «offerta_at_2020»: 2 aree senza «stato_suolo», escluse" in " ".join(result.measurement.problems)


@pytest.mark.parametrize("read_from", ["strati", "pacchetto"])
def test_an_intervento_without_geometry_first_in_its_table_leaves_the_next_its_geometry(world, tmp_path, read_from):
    """GDAL types a computed column by its first row: the geometry is read as such, so a NULL first does no harm."""
    world["interventi_periferie"] = memory_layer(
        "periferie",
        "MultiPolygon",
        INTERVENTI_FIELDS,
        [
            (None, ["CUP7", "Senza luogo né quote", "Periferie", "lavori", 10.0, 10.0, 0]),
            (square(2600, 100, 100), ["CUP6", "Senza quote", "Periferie", "lavori", 9000.0, 9000.0, 0]),
        ],
    )
    result = measured("finanziamento", world, read_from, tmp_path)
    assert result.figure(GAMMA).quantities["finanziamento"] == pytest.approx(EXPECTED_FINANZIATO[GAMMA], abs=1e-9)
    assert "superficie nei Comuni" in next(r for r in result.trace(GAMMA) if r.key == "CUP6").note
    assert any("CUP7" in p and "nessuna geometria" in p for p in result.measurement.problems)


def test_invalid_areas_in_a_pack_leave_no_geos_noise_on_the_terminal(world, tmp_path, capfd):
    """SpatiaLite writes «GEOS warning» lines for invalid geometries; the CLI user reads our report instead."""
    result = indicators.compute("superficie", pack=write_world_pack(tmp_path / "mondo.gpkg"))
    assert "riparata" in next(r for r in result.trace(GAMMA) if r.key == "R2").note
    assert "GEOS" not in capfd.readouterr().err
