"""Folders that are complete or absent: everything is written into a hidden temporary folder beside
the destination and renamed at the end, so an interrupted job never leaves a half folder under the
name a user would open. Also the SHA-256 checksums that manifests list, and the named checkpoints of
those jobs (where a kill test holds one).
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from remix_plugin.core.base.errors import RemixError


def free_name(folder: Path, name: str) -> str:
    """`name`, or `name_2`, `name_3`...: the first that does not exist in `folder` (never overwrite)."""
    candidate, number = name, 1
    while (Path(folder) / candidate).exists():
        number += 1
        candidate = f"{name}_{number}"
    return candidate


def staging_folder(out_dir: Path, name: str) -> Path:
    """A new hidden folder `.<name>-XXXX.tmp` inside `out_dir` (created if needed)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{name}-", suffix=".tmp", dir=out_dir))
    except OSError as exc:
        raise RemixError(f"Impossibile creare il pacchetto nella cartella «{out_dir}»: {exc.strerror or exc}.") from exc


def publish(folder: Path, final: Path) -> Path:
    """Give the complete folder its name (and the usual permissions: mkdtemp made it private)."""
    os.chmod(folder, 0o755)
    os.rename(folder, final)
    return final


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


HOLDS: list = []  # callables that a kill test adds (tests/hold_at.py); none in the plugin


def checkpoint(point: str) -> None:
    """A named point of a long job (an offline package's project written, a sync batch sent), where a kill
    test holds the job to kill it there, as a power cut would."""
    for hold in HOLDS:
        hold(point)
