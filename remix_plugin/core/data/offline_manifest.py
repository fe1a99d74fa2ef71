"""What an offline package folder holds, its manifest, and how a project knows it is one.

The file names inside a package are fixed, so that a package is recognised, checked and refreshed
whatever its folder is called. The manifest is written last: a folder without one is not a complete
package. Its checksums cover every file; the segnalazioni store is listed as editable (it changes
with every save on the tablet), so only its presence is checked afterwards.
"""

import json
import os
from pathlib import Path
from typing import List, Optional

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.staging import sha256

MANIFEST = "manifest.json"
INTERRUPTED = ".manifest.aggiornamento.json"  # the manifest while «Aggiorna pacchetto» swaps files
DATA_FILE = "dati_catalogo.gpkg"
STORE_FILE = "segnalazioni.gpkg"
BASEMAP_STEM = "mappa_di_base"
FORMAT = 1


def file_list(folder: Path, editable=(STORE_FILE,)) -> List[dict]:
    """Every file under `folder` (but the manifest and hidden work in progress) with its size and
    SHA-256, paths with '/'."""
    folder = Path(folder)
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        name = relative.as_posix()
        if name == MANIFEST or any(part.startswith(".") for part in relative.parts):
            continue
        found.append(
            {"nome": name, "byte": path.stat().st_size, "sha256": sha256(path), "modificabile": name in editable}
        )
    return found


def write_manifest(folder: Path, manifest: dict) -> Path:
    """The manifest with the checksums of the folder as it is now, written through a temporary file."""
    manifest = dict(manifest, formato=FORMAT, file=file_list(folder))
    target = Path(folder) / MANIFEST
    partial = target.with_name(MANIFEST + ".parziale")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, target)
    return target


def read_manifest(folder: Path, interrupted: bool = False) -> dict:
    """The package's manifest; with `interrupted`, also the one an interrupted refresh set aside."""
    folder = Path(folder)
    candidates = [folder / MANIFEST] + ([folder / INTERRUPTED] if interrupted else [])
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise RemixError(f"La cartella «{folder}» non è un pacchetto offline RE.MIX completo: manca «{MANIFEST}».")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RemixError(f"Manifest «{path}» non leggibile: {exc}.") from exc
    if not isinstance(manifest, dict) or manifest.get("formato") != FORMAT or "progetto" not in manifest:
        raise RemixError(f"Manifest «{path}»: non è il manifest di un pacchetto offline RE.MIX (formato {FORMAT}).")
    return manifest


def verify_package(folder: Path) -> List[str]:
    """What is wrong with a package folder (Italian, naming the file); empty when it is complete."""
    try:
        manifest = read_manifest(folder)
    except RemixError as exc:
        return [exc.message]
    problems = []
    for item in manifest["file"]:
        path = Path(folder) / item["nome"]
        if not path.is_file():
            problems.append(f"File «{item['nome']}» mancante.")
        elif not item.get("modificabile") and (path.stat().st_size != item["byte"] or sha256(path) != item["sha256"]):
            problems.append(f"File «{item['nome']}» diverso da quello scritto nel pacchetto (impronta SHA-256).")
    return problems


# --- a project that is an offline package's ---------------------------------------------------------


def package_folder(project) -> Optional[Path]:
    """The folder of the offline package the QgsProject belongs to, None for any other project."""
    if project is None or not project.readEntry(*paths.OFFLINE_ENTRY, "")[0] or not project.absolutePath():
        return None
    return Path(project.absolutePath())


def package_store(project) -> Optional[Path]:
    """The package's segnalazioni store (what «Sincronizza» sends from a package's project)."""
    folder = package_folder(project)
    return folder / STORE_FILE if folder is not None else None


def package_data(project) -> Optional[Path]:
    """The package's catalogue GeoPackage: it follows the data-pack contract (Comuni, Zone, metadata)."""
    folder = package_folder(project)
    return folder / DATA_FILE if folder is not None and (folder / DATA_FILE).is_file() else None
