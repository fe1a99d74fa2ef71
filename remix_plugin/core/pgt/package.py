"""«Crea pacchetto»: what a Comune sends to CMM with its PGT, in one folder named by ISTAT code and
date (PGT_015182_20240501/): one GeoPackage of the same name with the checked layers in the expected
schema and their styles embedded, the Comune boundary, the problems and the coherence reading; the
report as PDF and CSV; a manifest with the SHA-256 of every file.

Everything is written into a hidden temporary folder next to the destination and renamed at the
end, so a failure never leaves a half package; the technician's files are only ever read. Staging
(GeoPackage, CSV) is safe in a worker thread; the PDF and the rename run on the main thread.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, List, Tuple

from qgis.core import QgsVectorLayer

from remix_plugin.__about__ import __title__, __version__
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.staging import discard as discard_folder
from remix_plugin.core.base.staging import free_name, publish, sha256, staging_folder
from remix_plugin.core.catalogue.model import Catalogue
from remix_plugin.core.data.layers import save_default_style, write_to_gpkg
from remix_plugin.core.pgt.check import ERROR, INFO, WARNING, CheckResult, Comune, SourceLayer, check_pgt
from remix_plugin.core.pgt.coherence import CoherenceReading, read_coherence
from remix_plugin.core.pgt.report import (
    BOUNDARY_STYLE,
    COHERENCE_STYLE,
    PROBLEMS_STYLE,
    write_coherence_csv,
    write_problems_csv,
    write_report_pdf,
)
from remix_plugin.core.pgt.themes import Mapping, ThemeSet

MANIFEST = "manifest.json"


@dataclass
class Staging:
    check: CheckResult
    reading: CoherenceReading
    name: str  # PGT_<ISTAT>_<YYYYMMDD>[_n]
    folder: Path  # the temporary folder being filled
    final: Path  # where it goes when complete
    day: date
    files: List[Path] = field(default_factory=list)

    def path(self, suffix: str) -> Path:
        return self.folder / f"{self.name}{suffix}"


def package_name(comune_code: str, day: date) -> str:
    return f"PGT_{comune_code}_{day:%Y%m%d}"


def verify(
    pack: Path,
    comune: Comune,
    sources: Dict[str, SourceLayer],
    mapping: Mapping,
    themes: ThemeSet = None,
    catalogue: Catalogue = None,
    feedback=None,
) -> Tuple[CheckResult, CoherenceReading]:
    """The check and the coherence reading, what «Verifica» shows (safe in a worker thread)."""
    check = check_pgt(comune, sources, mapping, themes, feedback)
    return check, read_coherence(check, pack, catalogue)


def write_report(check: CheckResult, reading: CoherenceReading, out_dir: Path, name: str = None) -> List[Path]:
    """The report as CSV files `<name>_rapporto.csv` and `<name>_coerenza.csv` (what `pgt check` writes)."""
    stem = Path(out_dir) / (name or package_name(check.comune.code, check.checked_at.date()))
    return [
        write_problems_csv(check, Path(f"{stem}_rapporto.csv")),
        write_coherence_csv(reading, Path(f"{stem}_coerenza.csv")),
    ]


def create_package(check: CheckResult, reading: CoherenceReading, out_dir: Path, day: date = None) -> Path:
    """The whole package in one go (command line, Processing, tests). Main thread (the PDF)."""
    staging = stage_package(check, reading, out_dir, day)
    try:
        add_report_pdf(staging)
        return finalise(staging)
    except Exception:
        discard(staging)
        raise


def stage_package(check: CheckResult, reading: CoherenceReading, out_dir: Path, day: date = None) -> Staging:
    """GeoPackage and CSV files in a temporary folder inside `out_dir` (safe in a worker thread)."""
    if not check.results:
        raise RemixError("Nessuno strato verificato: il pacchetto sarebbe vuoto.")
    out_dir = Path(out_dir)
    day = day or check.checked_at.date()
    folder = staging_folder(out_dir, package_name(check.comune.code, day))
    name = free_name(out_dir, package_name(check.comune.code, day))
    staging = Staging(check, reading, name, folder, out_dir / name, day)
    try:
        gpkg = staging.path(".gpkg")
        for result in check.results.values():
            _write_styled(
                result.layer,
                gpkg,
                result.theme.id,
                result.theme.style_path,
                f"{result.theme.title} — {check.comune.name} ({check.comune.code})",
            )
        _write_styled(
            check.comune.layer(), gpkg, "confine_comunale", BOUNDARY_STYLE, f"Confine comunale di {check.comune.name}"
        )
        _write_styled(check.problems_layer(), gpkg, "problemi", PROBLEMS_STYLE, "Problemi rilevati dalla verifica")
        _write_styled(reading.layer(), gpkg, "coerenza", COHERENCE_STYLE, "Lettura di coerenza con il catalogo RE.MIX")
        staging.files += [gpkg] + write_report(check, reading, folder, name)
    except Exception:
        discard(staging)
        raise
    return staging


def add_report_pdf(staging: Staging) -> Path:
    """The PDF report into the staging folder (main thread: print layouts)."""
    pdf = write_report_pdf(staging.check, staging.reading, staging.path("_rapporto.pdf"), staging.name)
    staging.files.append(pdf)
    return pdf


def finalise(staging: Staging) -> Path:
    """Write the manifest and move the complete package to its name; returns the package folder."""
    manifest = staging.folder / MANIFEST
    manifest.write_text(json.dumps(_manifest(staging), ensure_ascii=False, indent=1), encoding="utf-8")
    final = staging.final
    if final.exists():  # another package of the same day appeared meanwhile: never overwrite it
        final = final.parent / free_name(final.parent, final.name)
    return publish(staging.folder, final)


def discard(staging: Staging) -> None:
    discard_folder(staging.folder)


def _write_styled(layer: QgsVectorLayer, gpkg: Path, table: str, qml: Path, description: str) -> None:
    """Write a table and embed its QML style as the default style (GeoPackage `layer_styles`)."""
    written = write_to_gpkg(layer, gpkg, table)
    if not Path(qml).is_file():
        return
    message, ok = written.loadNamedStyle(str(qml))
    if not ok:
        raise RemixError(f"Stile «{Path(qml).name}» non valido: {message}.")
    save_default_style(written, table, description)


def _manifest(staging: Staging) -> dict:
    check = staging.check
    return {
        "pacchetto": staging.name,
        "comune": {"codice_istat": check.comune.code, "nome": check.comune.name},
        "data": staging.day.isoformat(),
        "verifica": check.checked_at.isoformat(timespec="seconds"),
        "esito": {
            "conforme": check.compliant,
            "errori": check.count(ERROR),
            "avvisi": check.count(WARNING),
            "informazioni": check.count(INFO),
            "sintesi": check.outcome(),
        },
        "sistema_di_riferimento": "EPSG:32632",
        "temi": {
            theme_id: {
                "titolo": result.theme.title,
                "sorgente": result.source.label,
                "sistema_di_riferimento_sorgente": result.source.crs.authid(),
                "elementi": result.layer.featureCount(),
                "corrispondenze_campi": result.mapping,
            }
            for theme_id, result in check.results.items()
        },
        "versione_temi": check.themes.version,
        "lettura_di_coerenza": {"regola": staging.reading.rule(), "note": staging.reading.notes},
        "generato_da": f"{__title__} {__version__}",
        "file": [{"nome": path.name, "byte": path.stat().st_size, "sha256": sha256(path)} for path in staging.files],
    }
