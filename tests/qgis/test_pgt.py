"""PGT compatibility files: a Comune technician's realistic files checked, read against the catalogue
and packaged for CMM — through the core, the command line and Processing."""

import csv
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes

from remix_plugin.core.base.qgis_compat import GeometryType, WkbType
from remix_plugin.core.pgt.check import SourceLayer, check_pgt, comune_boundary, comune_from_pack, open_source
from remix_plugin.core.pgt.coherence import read_coherence
from remix_plugin.core.pgt.package import create_package, verify
from remix_plugin.core.pgt.themes import complete_mapping, load_themes
from tests.qgis.pgt_files import AT_NAMES, RHO, pgt_pack, technician  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_ERRORS = {
    ("ambiti_trasformazione", "AT-02", "fuori_dominio"),
    ("ambiti_trasformazione", "AT-06", "valore_obbligatorio"),
    ("ambiti_trasformazione", "AT-04", "codice_duplicato"),
    ("ambiti_trasformazione", "AT-03", "fuori_comune"),
    ("ambiti_trasformazione", "AT-01", "sovrapposizione"),
    ("piani_attuativi", "PA-02", "geometria_non_valida"),
    ("ambiti_rigenerazione", "AR-02", "fuori_comune"),
    ("aree_dismesse", "AD-02", "geometria_vuota"),
}


def sources_of(technician_files: dict) -> dict:
    return {theme: SourceLayer.from_layer(open_source(spec)) for theme, spec in technician_files.items()}


def auto_mapping(sources: dict) -> dict:
    return complete_mapping(load_themes(), {t: s.field_names() for t, s in sources.items()}, {})


def run_check(pack, technician_files, comune=None, explicit=None):
    sources = sources_of(technician_files)
    mapping = complete_mapping(load_themes(), {t: s.field_names() for t, s in sources.items()}, explicit or {})
    return check_pgt(comune or comune_from_pack(pack, "Rho"), sources, mapping)


def pdf_pages(pdf: bytes) -> int:
    return int(re.search(rb"/Type /Pages.*?/Count (\d+)", pdf, re.S).group(1))


def digest_folder(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).iterdir())}


# --- the check ------------------------------------------------------------------------------


def test_report_finds_every_problem_and_names_the_feature_by_its_code(pgt_pack, technician):
    check = run_check(pgt_pack, technician)
    errors = {(p.theme, p.code, p.kind) for p in check.problems if p.severity == "errore"}
    assert errors == EXPECTED_ERRORS
    for problem in check.problems:
        if problem.code:
            assert f"«{problem.code}»" in problem.message
    assert not check.compliant and check.outcome() == "8 errori, 1 avviso"
    warning = next(p for p in check.problems if p.severity == "avviso")  # an optional field: a warning only
    assert (warning.code, warning.kind) == ("AD-01", "fuori_dominio") and "«in programma»" in warning.message
    overlap = next(p for p in check.problems if p.kind == "sovrapposizione")
    assert "«AT-04»" in overlap.message and "2.500 m²" in overlap.message
    outside = next(p for p in check.problems if p.code == "AT-03")
    assert "in parte fuori dal Comune di Rho" in outside.message and "%" in outside.message
    assert "interamente fuori" in next(p for p in check.problems if p.code == "AR-02").message
    invalid = next(p for p in check.problems if p.code == "PA-02")
    assert "autointersezione" in invalid.message and "riparata" in invalid.message
    assert invalid.location is not None and invalid.location.type() == GeometryType.Point


def test_crs_of_each_layer_is_reprojected_to_32632_and_said_so(pgt_pack, technician):
    check = run_check(pgt_pack, technician)
    said = {p.theme: p.message for p in check.problems if p.kind == "crs"}
    assert set(said) == {"ambiti_trasformazione", "ambiti_rigenerazione"}  # the other two are already in 32632
    assert "EPSG:3003 (Monte Mario / Italy zone 1)" in said["ambiti_trasformazione"]
    assert "a EPSG:32632" in said["ambiti_trasformazione"]
    assert all(p.severity == "informazione" for p in check.problems if p.kind == "crs")
    for result in check.results.values():
        assert result.layer.crs().authid() == "EPSG:32632"
        assert result.layer.wkbType() == WkbType.MultiPolygon


def test_cp1252_shapefile_arrives_in_the_expected_schema_with_its_accents(pgt_pack, technician):
    assert Path(technician["ambiti_trasformazione"]).with_suffix(".cpg").exists()
    check = run_check(pgt_pack, technician)
    result = check.results["ambiti_trasformazione"]
    assert result.layer.fields().names() == [f.name for f in load_themes().theme("ambiti_trasformazione").fields]
    assert result.mapping["destinazione"] == "DESTINAZ" and result.mapping["stato_suolo"] == "STATO_SUOL"
    at01 = next(f for f in result.layer.getFeatures() if f["codice"] == "AT-01")
    assert at01["denominazione"] == AT_NAMES["AT-01"]  # «–» and «à» from CP1252
    assert at01["destinazione"] == "residenziale"  # «Residenziale» read as the domain value
    assert at01["rilevanza_sovracomunale"] == "sì"  # «Sì»
    assert at01.geometry().area() == pytest.approx(40000, rel=0.001)  # 200 m × 200 m through EPSG:3003


@pytest.mark.parametrize("cpg", [None, "UTF-8"])
def test_a_cp1252_shapefile_without_its_cpg_or_saying_utf8_keeps_its_accents_and_the_report_says_so(
    pgt_pack, technician, cpg
):
    shp = Path(technician["ambiti_trasformazione"])
    if cpg is None:
        shp.with_suffix(".cpg").unlink()
    else:
        shp.with_suffix(".cpg").write_text(cpg)
    check = run_check(pgt_pack, technician)
    at01 = next(f for f in check.results["ambiti_trasformazione"].layer.getFeatures() if f["codice"] == "AT-01")
    assert at01["denominazione"] == AT_NAMES["AT-01"] and "\ufffd" not in at01["denominazione"]
    said = "manca il file .cpg" if cpg is None else f"il file «{shp.stem}.cpg» dice UTF-8"
    assert any(
        p.kind == "codifica" and f"non è in UTF-8 ({said}): letto come Windows-1252" in p.message
        for p in check.problems
    ), [p.message for p in check.problems]


def test_dates_and_plan_types_written_as_technicians_write_them_are_understood(pgt_pack, technician):
    check = run_check(pgt_pack, technician)
    plans = {f["codice"]: f for f in check.results["piani_attuativi"].layer.getFeatures()}
    assert plans["PA-01"]["tipo_piano"] == "piano di lottizzazione"  # «PL»
    assert plans["PA-02"]["tipo_piano"] == "programma integrato di intervento"  # «PII»
    assert plans["PA-01"]["data_approvazione"].toString("yyyy-MM-dd") == "2019-03-12"  # «12/03/2019»
    assert plans["PA-02"]["data_approvazione"].toString("yyyy-MM-dd") == "2021-07-01"
    assert plans["PA-02"].geometry().isGeosValid()  # the bow tie, repaired
    regeneration = {f["codice"]: f for f in check.results["ambiti_rigenerazione"].layer.getFeatures()}
    assert regeneration["AR-01"]["riferimento_normativo"] == "art. 8bis"  # «art. 8 bis»


def test_check_against_the_real_boundary_of_rho_from_shared_data(shared_data, pgt_pack, technician):
    boundaries = QgsVectorLayer(str(shared_data / "comuni_cmm.geojson"), "comuni_cmm", "ogr")
    comune = comune_boundary(boundaries, RHO, code_field="com_istat_code", name_field="name")
    assert comune.name == "Rho" and comune.geometry.area() == pytest.approx(22.35e6, rel=0.01)
    check = run_check(pgt_pack, technician, comune=comune)
    outside = {p.code for p in check.problems if p.kind == "fuori_comune"}
    assert outside == {"AT-03", "AR-02"}


def test_mapping_file_choices_win_and_a_field_the_layer_lacks_is_reported(pgt_pack, technician):
    check = run_check(pgt_pack, technician, explicit={"ambiti_trasformazione": {"destinazione": "USO_PREV"}})
    missing = [p for p in check.problems if p.kind == "campo_mancante"]
    assert len(missing) == 1 and missing[0].severity == "errore"
    assert all(word in missing[0].message for word in ("«USO_PREV»", "AT_PGT_2024", "obbligatorio «destinazione»"))
    assert not [p for p in check.problems if p.kind == "valore_obbligatorio"]  # not one error per feature
    assert check.results["ambiti_trasformazione"].mapping["codice"] == "COD_AT"  # the rest still suggested


def test_shapefile_without_prj_is_refused_with_a_clear_message(pgt_pack, technician):
    shp = Path(technician["ambiti_trasformazione"])
    shp.with_suffix(".prj").unlink()
    check = run_check(pgt_pack, {"ambiti_trasformazione": str(shp)})
    assert "ambiti_trasformazione" not in check.results
    assert any(
        "sistema di riferimento non definito" in p.message and "AT_PGT_2024" in p.message
        for p in check.problems
        if p.severity == "errore"
    )


def test_a_layer_with_no_features_is_an_error_not_a_pass(pgt_pack, technician, tmp_path):
    from tests.qgis.pgt_files import AT_FIELDS, write_layer

    empty = write_layer(tmp_path / "ambiti_vuoti.gpkg", "GPKG", "ambiti", 32632, AT_FIELDS, [])
    check = run_check(pgt_pack, {"ambiti_trasformazione": f"{empty}:ambiti"})
    assert not check.compliant and "nessun problema rilevato" not in check.outcome()
    assert any(
        p.severity == "errore" and p.kind == "strato_vuoto" and "nessun elemento" in p.message for p in check.problems
    )


def test_unreadable_file_names_the_file(tmp_path):
    from remix_plugin.core.base.errors import RemixError

    bad = tmp_path / "ambiti.shp"
    bad.write_text("non è uno shapefile")
    with pytest.raises(RemixError, match="ambiti.shp"):
        open_source(str(bad))
    with pytest.raises(RemixError, match="non trovato"):
        open_source(str(tmp_path / "manca.gpkg:ambiti"))


# --- the coherence reading ------------------------------------------------------------------


def test_coherence_reading_gives_the_facts_a_cmm_officer_looks_for(pgt_pack, technician):
    check = run_check(pgt_pack, technician)
    reading = read_coherence(check, pgt_pack)
    rows = {(r.theme, r.code, r.name): r for r in reading.rows}
    at01 = rows[("Ambiti di Trasformazione", "AT-01", AT_NAMES["AT-01"])]
    # Aree Remix (10.000 m²) and Offerta AT 2020 (15.000 m²) overlap each other: the union is 20.000 m²
    assert at01.opportunity_m2 == pytest.approx(20000, rel=0.001) and at01.share(at01.opportunity_m2) == 50.0
    assert any("Ex scalo merci, area ATTRACT" in text for text in at01.opportunity)
    assert at01.interventi and "C41I21000020001" in at01.interventi[0] and "a 200 m" in at01.interventi[0]
    at02 = rows[("Ambiti di Trasformazione", "AT-02", AT_NAMES["AT-02"])]
    assert at02.share(at02.lum_m2) == 100.0 and at02.lum_stops == ["Rho Centro (400 m)"]
    mulini = rows[("Ambiti di Trasformazione", "AT-04", "Corte dei Mulini")]
    assert mulini.share(mulini.green_m2) == 50.0 and mulini.green == ["PLIS dei Mulini (PLIS)"]
    far = rows[("Ambiti della rigenerazione ex art. 8bis e 40bis LR 12/2005", "AR-02", "Ambito fuori confine")]
    assert far.opportunity_m2 == 0 and far.lum_m2 == 0 and far.interventi == []
    assert "AD-02" not in {r.code for r in reading.rows}  # no geometry, nothing to read
    assert any("«parchi» assente" in note for note in reading.notes)
    layer = reading.layer()
    assert layer.featureCount() == len(reading.rows) and layer.crs().authid() == "EPSG:32632"


# --- the package ----------------------------------------------------------------------------


def test_package_comes_out_right(pgt_pack, technician, tmp_path):
    check, reading = verify(
        pgt_pack, comune_from_pack(pgt_pack, RHO), sources_of(technician), auto_mapping(sources_of(technician))
    )
    folder = create_package(check, reading, tmp_path / "invio")
    name = f"PGT_{RHO}_{check.checked_at:%Y%m%d}"
    assert folder == tmp_path / "invio" / name
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{name}.gpkg", f"{name}_rapporto.pdf", f"{name}_rapporto.csv", f"{name}_coerenza.csv", "manifest.json"]
    )
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["comune"] == {"codice_istat": RHO, "nome": "Rho"}
    assert manifest["esito"]["conforme"] is False and manifest["esito"]["errori"] == 8
    assert manifest["temi"]["ambiti_trasformazione"]["sorgente"] == "AT_PGT_2024.shp"
    assert manifest["temi"]["ambiti_trasformazione"]["sistema_di_riferimento_sorgente"] == "EPSG:3003"
    for entry in manifest["file"]:
        data = (folder / entry["nome"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["byte"]
    assert {e["nome"] for e in manifest["file"]} == {p.name for p in folder.iterdir()} - {"manifest.json"}

    themes = load_themes()
    gpkg = folder / f"{name}.gpkg"
    for theme in themes.themes:
        layer = QgsVectorLayer(f"{gpkg}|layername={theme.id}", theme.id, "ogr")
        assert layer.isValid(), theme.id
        assert layer.crs().authid() == "EPSG:32632" and QgsWkbTypes.isMultiType(layer.wkbType())
        assert [n for n in layer.fields().names() if n != "fid"] == [f.name for f in theme.fields]
        assert layer.featureCount() == check.results[theme.id].layer.featureCount()
        count, _, names, _, _ = layer.listStylesInDatabase()
        assert count >= 1 and theme.id in names
        # opened again, the layer wears its embedded style (labels by code), not QGIS's random default
        assert layer.labelsEnabled() and layer.labeling().settings().fieldName == "codice"
    for table in ("confine_comunale", "problemi", "coerenza"):
        assert QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr").featureCount() > 0
    pdf = (folder / f"{name}_rapporto.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) >= 3  # the map, the problems, the coherence reading
    rows = list(csv.reader((folder / f"{name}_rapporto.csv").open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0] == ["Tema", "Codice", "Gravità", "Tipo", "Problema"]
    assert {(r[1], r[3]) for r in rows[1:] if r[2] == "errore"} == {(c, k) for _, c, k in EXPECTED_ERRORS}


def test_technician_files_are_never_modified(pgt_pack, technician, tmp_path):
    source_folder = Path(technician["aree_dismesse"]).parent
    before = digest_folder(source_folder)
    sources = sources_of(technician)
    check, reading = verify(pgt_pack, comune_from_pack(pgt_pack, RHO), sources, auto_mapping(sources))
    create_package(check, reading, tmp_path / "invio")
    del sources, check, reading
    assert digest_folder(source_folder) == before  # same files, same bytes: nothing added, nothing changed


def test_a_second_package_of_the_same_day_never_overwrites_the_first(pgt_pack, technician, tmp_path):
    sources = sources_of(technician)
    check, reading = verify(pgt_pack, comune_from_pack(pgt_pack, RHO), sources, auto_mapping(sources))
    first = create_package(check, reading, tmp_path / "invio")
    first_manifest = (first / "manifest.json").read_bytes()
    second = create_package(check, reading, tmp_path / "invio")
    assert second.name == first.name + "_2" and (second / f"{second.name}.gpkg").exists()
    assert (first / "manifest.json").read_bytes() == first_manifest
    assert sorted(p.name for p in (tmp_path / "invio").iterdir()) == sorted([first.name, second.name])  # no temp


# --- command line and Processing ------------------------------------------------------------


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "remix_plugin", "pgt", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_check_writes_the_report_and_exits_2_on_errors(pgt_pack, technician, tmp_path):
    mapping = tmp_path / "campi.json"
    mapping.write_text(json.dumps({"ambiti_trasformazione": {"codice": "COD_AT", "destinazione": "DESTINAZ"}}))
    result = run_cli(
        "check",
        "--data",
        str(pgt_pack),
        "--comune",
        "rho",
        "--layer",
        f"ambiti_trasformazione={technician['ambiti_trasformazione']}",
        "--layer",
        f"piani_attuativi={technician['piani_attuativi']}",
        "--mapping",
        str(mapping),
        "--out",
        str(tmp_path / "rapporto"),
    )
    assert result.returncode == 2, result.stderr
    reports = list((tmp_path / "rapporto").glob(f"PGT_{RHO}_*_rapporto.csv"))
    assert len(reports) == 1 and list((tmp_path / "rapporto").glob(f"PGT_{RHO}_*_coerenza.csv"))
    rows = list(csv.DictReader(reports[0].open(encoding="utf-8-sig"), delimiter=";"))
    assert {(r["Codice"], r["Tipo"]) for r in rows if r["Gravità"] == "errore"} == {
        (c, k) for t, c, k in EXPECTED_ERRORS if t in ("ambiti_trasformazione", "piani_attuativi")
    }
    assert "destinazione←DESTINAZ" in result.stdout and "6 errori" in result.stdout


def test_cli_package_writes_the_package(pgt_pack, technician, tmp_path):
    result = run_cli(
        "package",
        "--data",
        str(pgt_pack),
        "--comune",
        RHO,
        "--layer",
        f"aree_dismesse={technician['aree_dismesse']}",
        "--out",
        str(tmp_path / "invio"),
    )
    assert result.returncode == 0, result.stderr
    folders = list((tmp_path / "invio").iterdir())
    assert len(folders) == 1 and (folders[0] / "manifest.json").exists()
    assert "1 errore" in result.stderr  # AD-02 has no geometry: said, but the package is made


@pytest.mark.parametrize(
    "args,message",
    [
        (["--layer", "ambiti=x.shp"], "Tema «ambiti» sconosciuto"),
        (["--layer", "aree_dismesse"], "TEMA=PERCORSO"),
        (["--layer", "aree_dismesse=/nessuno/aree.shp"], "non trovato"),
    ],
)
def test_cli_bad_input_is_one_italian_line(pgt_pack, tmp_path, args, message):
    result = run_cli("check", "--data", str(pgt_pack), "--comune", "Rho", *args, "--out", str(tmp_path))
    last = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 1 and last.startswith("errore: ") and message in last


def test_processing_algorithms_run_the_same_check(pgt_pack, technician, tmp_path):
    from remix_plugin.processing.pgt_algorithms import PgtCheckAlgorithm, PgtPackageAlgorithm

    parameters = {
        "COMUNE": "Rho",
        "DATA": str(pgt_pack),
        "OUTPUT": str(tmp_path / "algoritmo"),
        "ambiti_trasformazione": technician["ambiti_trasformazione"],
        "ambiti_rigenerazione": technician["ambiti_rigenerazione"],
    }
    check = PgtCheckAlgorithm()
    check.initAlgorithm()
    results, ok = check.run(parameters, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok and results["ERRORI"] == 6  # five in the Ambiti di Trasformazione, AR-02 outside Rho
    assert Path(results["RAPPORTO"]).exists()
    package = PgtPackageAlgorithm()
    package.initAlgorithm()
    assert package.flags() & PgtPackageAlgorithm.FlagNoThreading
    results, ok = package.run(parameters, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok and (Path(results["PACCHETTO"]) / "manifest.json").exists()
