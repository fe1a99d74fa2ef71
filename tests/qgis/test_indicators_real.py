"""The indicators against the real Comune boundaries and PINQuA funding in ../shared/data."""

import csv

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsDistanceArea, QgsProject, QgsVectorLayer

from remix_plugin.core.data.layers import write_to_gpkg
from remix_plugin.core.indicators import synthesis
from remix_plugin.core.scope.model import resolve_scope
from tests.qgis.indicator_fixtures import memory_layer

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


@pytest.fixture(scope="module")
def real(qgis_app, shared_data, tmp_path_factory):
    """A pack made of the real Comuni (with their Zona omogenea) and the real layers kept beside it."""
    zones = {
        r["com_istat_code"]: r["zona_omogenea"]
        for r in csv.DictReader((shared_data / "zone_omogenee_comuni.csv").read_text(encoding="utf-8").splitlines())
    }
    source = QgsVectorLayer(str(shared_data / "comuni_cmm.geojson"), "comuni_cmm", "ogr")
    assert source.isValid()
    comuni = memory_layer(
        "comuni",
        "MultiPolygon",
        "field=pro_com_t:string&field=comune:string&field=zona_omogenea:string",
        [(f.geometry(), [f["com_istat_code"], f["name"], zones[f["com_istat_code"]]]) for f in source.getFeatures()],
        crs="EPSG:4326",
    )
    pack = tmp_path_factory.mktemp("reale") / "reale.gpkg"
    write_to_gpkg(comuni, pack, "comuni")
    metadata = memory_layer(
        "metadata", "None", "field=chiave:string&field=valore:string", [(None, ["dimostrativo", "false"])]
    )
    write_to_gpkg(metadata, pack, "metadata")
    distance = QgsDistanceArea()
    distance.setSourceCrs(WGS84, QgsProject.instance().transformContext())
    distance.setEllipsoid("EPSG:7030")
    truth = {f["com_istat_code"]: distance.measureArea(f.geometry()) for f in source.getFeatures()}
    del source  # an ogr layer kept in a fixture crashes pytest-qgis at teardown; memory layers do not
    return {"pack": pack, "comuni": comuni, "ellipsoidal_m2": truth}


def test_each_comune_covered_by_itself_twice_measures_its_own_area(real):
    """The Comuni themselves as opportunity areas, from two databases (in degrees): each Comune's figure is its own
    area (counted once, not twice, and nothing of its neighbours) within 0.1 %."""
    comuni = real["comuni"]
    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:32632&field=stato_suolo:string", "vuoto", "memory")
    layers = {
        "comuni": comuni,
        "aree_remix": comuni,
        "ambiti_rigenerazione_8bis_40bis": comuni,
        "aree_rigenerazione_pgt": empty,
        "offerta_at_2020": empty,
        "offerta_pa_2020": empty,
    }
    result = synthesis.compute("superficie", layers=layers)
    assert len(result.figures) == 133
    truth = real["ellipsoidal_m2"]
    for figure in result.figures:
        assert figure.quantities["superficie_ha"] * 10000 == pytest.approx(truth[figure.code], rel=1e-3), figure.name
        assert figure.quantities["quota_superficie"] == pytest.approx(100.0, rel=1e-3), figure.name
    total_km2 = sum(f.quantities["superficie_ha"] for f in result.figures) / 100
    assert total_km2 == pytest.approx(1575.03, abs=0.5)


@pytest.mark.parametrize(
    "zona,count,member",
    [
        ("Nord Milano", 6, "Sesto San Giovanni"),
        ("Adda Martesana", 29, "Cologno Monzese"),
        ("Magentino e Abbiatense", 28, "Vermezzo con Zelo"),
    ],
)
def test_zona_omogenea_scope_gives_its_member_comuni(real, zona, count, member):
    scope = resolve_scope(real["pack"], [zona])
    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:32632&field=stato_suolo:string", "vuoto", "memory")
    layers = {
        "comuni": real["comuni"],
        **{
            t: empty
            for t in (
                "aree_remix",
                "ambiti_rigenerazione_8bis_40bis",
                "aree_rigenerazione_pgt",
                "offerta_at_2020",
                "offerta_pa_2020",
            )
        },
    }
    result = synthesis.compute("superficie", layers=layers, scope=scope)
    assert len(result.figures) == count
    assert {f.zona for f in result.figures} == {zona}
    assert member in {f.name for f in result.figures}
    assert all(f.value == 0 and f.classe == "nessuno" for f in result.figures)


def test_real_pinqua_funding_adds_up_to_the_cent(real, shared_data):
    """The 23 PINQuA projects localised in CMM (no geometry: shared by their Comuni only)."""
    projects = list(
        csv.DictReader((shared_data / "pnrr_m5c2_progetti_validati_cmm.csv").read_text(encoding="utf-8").splitlines())
    )
    fields = (
        "field=cup:string&field=titolo:string&field=importo_totale:double&field=importo_finanziato:double"
        "&field=importo_cofinanziato:double"
    )
    pinqua = memory_layer(
        "interventi_pinqua",
        "MultiPolygon",
        fields,
        [
            (
                None,
                [
                    p["CUP"],
                    p["Titolo progetto"],
                    float(p["Finanziamento Totale"]),
                    float(p["Finanziamento PNRR"]),
                    float(p["Finanziamento Comune"] or 0),
                ],
            )
            for p in projects
        ],
    )
    shares = []
    for p in projects:
        codes = [c for c in p["COD_ISTAT_COMUNE localizzazione"].split(";") if c]
        shares += [(None, [p["CUP"], code, 1 / len(codes)]) for code in codes]
    empty = QgsVectorLayer(f"MultiPolygon?crs=EPSG:32632&{fields}", "vuoto", "memory")
    layers = {
        "comuni": real["comuni"],
        "interventi_pinqua": pinqua,
        "interventi_comein": empty,
        "interventi_periferie": empty,
        "interventi_periferie_punti": empty,
        "interventi_comuni": memory_layer(
            "interventi_comuni", "None", "field=cup:string&field=pro_com_t:string&field=quota:double", shares
        ),
    }
    result = synthesis.compute("finanziamento", layers=layers)
    expected_cents = sum(round(float(p["Finanziamento PNRR"]) * 100) for p in projects)
    assert sum(round(f.quantities["finanziamento"] * 100) for f in result.figures) == expected_cents
    assert result.figure("015146").quantities["finanziamento"] == pytest.approx(52326676.0)  # Milano, the pilot
    assert result.figure("015182").quantities["n_interventi"] == 3  # Rho
    assert sum(1 for f in result.figures if f.classe_n > 0) == 9
    assert result.figure("015146").classe == "molto alto"


@pytest.mark.parametrize("read_from", ["strati", "pacchetto"])
@pytest.mark.parametrize("grid_from", [0, 10**9], ids=["raster dei Comuni", "solo indice spaziale"])
def test_station_catchments_match_a_brute_force_union_per_comune(
    real, shared_data, monkeypatch, grid_from, read_from, tmp_path
):
    """400 m around every railway station and 200 m around every metro stop (overlapping each other and
    crossing Comune boundaries, some outside CMM) against GEOS's plain union-then-intersect, Comune by Comune.
    From layers, and from a pack (GDAL columns, half the unions by SpatiaLite)."""
    from qgis.core import QgsCoordinateTransform, QgsGeometry

    from remix_plugin.core.indicators import opportunity_area

    monkeypatch.setattr(opportunity_area, "GRID_FROM", grid_from)
    to_utm = QgsCoordinateTransform(WGS84, QgsCoordinateReferenceSystem("EPSG:32632"), QgsProject.instance())
    buffers = {}
    for name, radius in (("stazioni_ferroviarie_cmm.geojson", 400), ("metro_fermate_milano.geojson", 200)):
        layer = QgsVectorLayer(str(shared_data / name), name, "ogr")
        rows = []
        for feature in layer.getFeatures():
            geometry = QgsGeometry(feature.geometry())
            geometry.transform(to_utm)
            rows.append((geometry.buffer(radius, 16), [str(feature.id()), name, "", "", ""]))
        buffers[name] = memory_layer(
            name,
            "MultiPolygon",
            "field=id:string&field=nome:string&field=pro_com_t:string" "&field=fonte:string&field=aggiornamento:string",
            rows,
        )
        del layer
    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:32632&field=stato_suolo:string", "vuoto", "memory")
    layers = {
        "comuni": real["comuni"],
        "aree_remix": buffers["stazioni_ferroviarie_cmm.geojson"],
        "ambiti_rigenerazione_8bis_40bis": buffers["metro_fermate_milano.geojson"],
        "aree_rigenerazione_pgt": empty,
        "offerta_at_2020": empty,
        "offerta_pa_2020": empty,
    }
    if read_from == "pacchetto":
        for table, layer in layers.items():
            write_to_gpkg(layer, tmp_path / "stazioni.gpkg", table)
        result = synthesis.compute("superficie", pack=tmp_path / "stazioni.gpkg")
    else:
        result = synthesis.compute("superficie", layers=layers)
    everything = QgsGeometry.unaryUnion([f.geometry() for layer in buffers.values() for f in layer.getFeatures()])
    comuni = result.measurement.comuni
    for figure in result.figures:
        expected = everything.intersection(comuni.geometries[figure.number]).area()
        assert figure.quantities["superficie_ha"] * 10000 == pytest.approx(expected, rel=1e-6, abs=1e-3), figure.name
    assert sum(f.classe_n > 0 for f in result.figures) > 40
    assert result.figure("015146").quantities["n_aree"] > 100  # Milano: most metro stops


def test_a_sliver_of_an_area_left_by_a_boundary_is_no_area_and_classed_none(demo_pack):
    """In the demo pack an area beside Ossona leaves 2·10⁻¹² ha inside it: that is a boundary mismatch,
    not an area of interest. Below 1 m² a Comune has no area, and the rule says so."""
    result = synthesis.compute("superficie", demo_pack)
    ossona = result.figure("015164")
    assert ossona.quantities["superficie_ha"] == 0 and ossona.quantities["n_aree"] == 0
    assert ossona.classe_n == 0 and ossona.classe == "nessuno"
    assert "Meno di 1 m² in un Comune" in result.metadata()["regola"]
