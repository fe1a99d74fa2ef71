"""Folders that are complete or absent: everything is written into a hidden temporary folder beside
the destination and renamed at the end, so an interrupted job never leaves a half folder under the
name a user would open. A hidden folder says which process writes it: one left by a job that was
killed is removed by the next job writing in the same place. Also the SHA-256 checksums that manifests
list, and the named checkpoints of those jobs (where a kill test holds one).
"""

import hashlib
import os
import shutil
import socket
import tempfile
import uuid
from pathlib import Path

from remix_plugin.core.base.errors import RemixError


def free_name(folder: Path, name: str) -> str:
    """`name`, or `name_2`, `name_3`...: the first that does not exist in `folder` (never overwrite)."""
    candidate, number = name, 1
    while (Path(folder) / candidate).exists():
        number += 1
        candidate = f"{name}_{number}"
    return candidate


OWNER = ".scrittura_in_corso"  # inside a hidden folder: "<host> <pid>" of the process writing it


def staging_folder(out_dir: Path, name: str) -> Path:
    """A new hidden folder `.<name>-XXXX.tmp` inside `out_dir` (created if needed), after removing the
    hidden folders there whose writer, on this machine, no longer runs."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_abandoned(out_dir)
        folder = Path(tempfile.mkdtemp(prefix=f".{name}-", suffix=".tmp", dir=out_dir))
        (folder / OWNER).write_text(f"{socket.gethostname()} {os.getpid()}", encoding="utf-8")
        return folder
    except OSError as exc:
        raise RemixError(f"Impossibile creare il pacchetto nella cartella «{out_dir}»: {exc.strerror or exc}.") from exc


def remove_abandoned(out_dir: Path) -> list:
    """Remove the hidden folders of jobs that were killed (their process, on this machine, is gone)."""
    removed = []
    for folder in Path(out_dir).glob(".*.tmp"):
        try:
            host, pid = (folder / OWNER).read_text(encoding="utf-8").split()
        except (OSError, ValueError):
            continue  # not ours, or being created this very moment
        if host == socket.gethostname() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


PARTIAL = "parziale"  # a file being written: «.<name>.<host>.<pid>.<random>.parziale<suffix>» beside the final one


def partial_file(out: Path) -> Path:
    """The hidden file to write `out` into before it takes its name, after removing those beside it left by
    jobs that were killed (their process, on this machine, is gone): a killed print leaves nothing for good."""
    out = Path(out)
    remove_abandoned_files(out.parent)
    return out.with_name(f".{out.stem}.{_host()}.{os.getpid()}.{uuid.uuid4().hex[:8]}.{PARTIAL}{out.suffix}")


def remove_abandoned_files(folder: Path) -> list:
    removed = []
    for path in Path(folder).glob(f".*.{PARTIAL}*"):
        parts = path.name.split(".")
        at = parts.index(PARTIAL) if PARTIAL in parts else 0
        if at < 4 or not parts[at - 2].isdigit():
            continue  # not named by partial_file
        if parts[at - 3] == _host() and not _running(int(parts[at - 2])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _host() -> str:
    return socket.gethostname().split(".")[0] or "host"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def publish(folder: Path, final: Path) -> Path:
    """Give the complete folder its name (and the usual permissions: mkdtemp made it private)."""
    (folder / OWNER).unlink(missing_ok=True)
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
