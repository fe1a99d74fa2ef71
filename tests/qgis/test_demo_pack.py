"""The embedded demo pack follows the data-pack contract (docs/DATA_PACK.md), holds the real Comuni,
Zone omogenee and PINQuA projects, says it is demonstrative, and is the same file content on every build."""

import csv
import hashlib

import pytest
from build_demo_pack import build_demo_pack, source_data_dir
from qgis.core import QgsVectorLayer, QgsWkbTypes

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data import datapack

GEOMETRY = {
    "comuni": "MultiPolygon",
    "zone_omogenee": "MultiPolygon",
    "interventi_cambio": "MultiLineString",
    "interventi_periferie_punti": "Point",
    "stazioni": "Point",
    "servizi_sovracomunali": "Point",
    "rete_ciclabile": "MultiLineString",
    "parchi": "MultiPolygon",
    "plis": "MultiPolygon",
    **{t: "MultiPolygon" for t in datapack.OPPORTUNITY_TABLES},
    **{
        t: "MultiPolygon"
        for t in datapack.INTERVENTI_TABLES
        if t not in ("interventi_cambio", "interventi_periferie_punti")
    },
}
COUNTS = {
    "comuni": 133,
    "zone_omogenee": 8,
    "interventi_periferie": 36,
    "interventi_periferie_punti": 15,
    "interventi_comein": 37,
    "interventi_pinqua": 26,
    "interventi_cambio": 5,
    "interventi_mica": 13,
    "interventi_spugna": 90,
}
INTERVENTO_FIELDS = (
    "cup",
    "titolo",
    "bando",
    "natura",
    "importo_totale",
    "importo_finanziato",
    "importo_cofinanziato",
    "url_pagina",
    "url_scheda",
)


def table(pack, name):
    return datapack.open_table(pack, name)


def test_every_contract_table_with_its_geometry_crs_and_key_fields(demo_pack):
    assert datapack.check_pack(demo_pack) is None
    for name, geometry in GEOMETRY.items():
        layer = table(demo_pack, name)
        assert QgsWkbTypes.displayString(layer.wkbType()) == geometry, name
        assert layer.crs().authid() == "EPSG:32632", name
    for name in datapack.OPPORTUNITY_TABLES:
        fields = table(demo_pack, name).fields().names()
        assert {"id", "nome", "pro_com_t", "fonte", "aggiornamento"} <= set(fields), name
        assert ("stato_suolo" in fields) == name.startswith("offerta"), name
    for name in datapack.INTERVENTI_TABLES:
        assert set(INTERVENTO_FIELDS) <= set(table(demo_pack, name).fields().names()), name
    assert {f["rilevanza"] for f in table(demo_pack, "stazioni").getFeatures()} == {"metropolitana", "sovracomunale"}


def test_the_portal_counts_and_the_real_comuni_and_zones(demo_pack, shared_data):
    for name, count in COUNTS.items():
        assert table(demo_pack, name).featureCount() == count, name
    real = {
        r["com_istat_code"]: r
        for r in csv.DictReader((shared_data / "zone_omogenee_comuni.csv").read_text(encoding="utf-8").splitlines())
    }
    comuni = {f["pro_com_t"]: f for f in table(demo_pack, "comuni").getFeatures()}
    assert set(comuni) == set(real)
    assert all(comuni[c]["zona_omogenea"] == real[c]["zona_omogenea"] for c in real)
    assert comuni["015060"]["comune"] == "Cassina de' Pecchi"
    assert abs(sum(f.geometry().area() for f in comuni.values()) / 1e6 - 1575.03) < 0.5  # km², as the README says


def test_the_real_pinqua_projects_with_their_amounts(demo_pack, shared_data):
    projects = [
        r
        for r in csv.DictReader(
            (shared_data / "pnrr_m5c2_progetti_validati_cmm.csv").read_text(encoding="utf-8").splitlines()
        )
        if r["Codice Univoco Submisura"] == "M5C2I2.03.01"
    ]
    pinqua = {f["cup"]: f for f in table(demo_pack, "interventi_pinqua").getFeatures()}
    for project in projects:
        feature = pinqua[project["CUP"]]
        assert feature["importo_totale"] == pytest.approx(float(project["Finanziamento Totale"]))
        assert feature["importo_finanziato"] == pytest.approx(float(project["Finanziamento PNRR"]))
        assert feature["url_scheda"] == f"https://opencup.gov.it/progetto/-/cup/{project['CUP']}"
    made_up = [cup for cup in pinqua if cup not in {p["CUP"] for p in projects}]
    assert len(made_up) == 26 - len(projects) and all(cup.startswith("DEMO") for cup in made_up)


def test_shares_add_up_to_one_and_every_intervento_has_them(demo_pack):
    shares = {}
    for f in table(demo_pack, "interventi_comuni").getFeatures():
        shares.setdefault(f["cup"], []).append(f["quota"])
    assert all(abs(sum(q) - 1) < 1e-9 for q in shares.values())
    cups = {f["cup"] for name in datapack.INTERVENTI_TABLES for f in table(demo_pack, name).getFeatures()}
    assert cups == set(shares)
    assert len(shares["DEMOCB000000001"]) > 1  # a superciclabile crosses several Comuni


def test_areas_lie_in_their_comune_and_some_azioni_have_no_place(demo_pack):
    comuni = {f["pro_com_t"]: f.geometry() for f in table(demo_pack, "comuni").getFeatures()}
    for name in datapack.OPPORTUNITY_TABLES:
        for area in table(demo_pack, name).getFeatures():
            assert comuni[area["pro_com_t"]].buffer(1, 4).contains(area.geometry()), (name, area["id"])
    azioni = list(table(demo_pack, "interventi_periferie_punti").getFeatures())
    assert sum(1 for f in azioni if not f.hasGeometry()) == 5
    assert all(f["natura"] == "azioni" for f in azioni)


def test_it_says_it_is_demonstrative(demo_pack):
    metadata = datapack.read_metadata(demo_pack)
    assert datapack.is_demonstrative(demo_pack)
    assert {"nome", "data", "origine", "dimostrativo"} <= set(metadata)
    assert "DEMO" in metadata["origine"]


def test_two_builds_hold_the_same_data(qgis_app, tmp_path):
    def digest(pack):
        text = []
        for name in sorted(datapack.pack_tables(pack)):
            layer = QgsVectorLayer(f"{pack}|layername={name}", name, "ogr")
            text += [name] + [
                f"{f.attributes()}{f.geometry().asWkt(3) if f.hasGeometry() else ''}" for f in layer.getFeatures()
            ]
        return hashlib.sha256("\n".join(text).encode()).hexdigest()

    assert digest(build_demo_pack(tmp_path / "a.gpkg")) == digest(build_demo_pack(tmp_path / "b.gpkg"))
    assert digest(build_demo_pack(tmp_path / "c.gpkg", seed=7)) != digest(tmp_path / "a.gpkg")


def test_without_the_public_data_the_message_names_the_folder(qgis_app, tmp_path, monkeypatch):
    monkeypatch.setenv("REMIX_SOURCE_DATA", str(tmp_path / "vuota"))
    with pytest.raises(RemixError, match="vuota.*comuni_cmm.geojson"):
        source_data_dir()
    assert not (tmp_path / "x.gpkg").exists()
