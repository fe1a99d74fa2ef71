"""A real QGIS Desktop under Xvfb with a fresh profile: install the packaged zip, run a script in it.

Used by the desktop tests and by `make bench` (start-up with and without the plugin).
"""

import json
import os
import shutil
import subprocess
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_zip() -> Path:
    """The installable zip, as `make package` builds it."""
    out = subprocess.run(["bash", str(ROOT / "scripts" / "package.sh")], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"make package non riuscito:\n{out.stdout}\n{out.stderr}")
    return ROOT / out.stdout.strip().splitlines()[-1]


def make_profile(profiles: Path, plugin_zip: Path = None, enabled: bool = True) -> Path:
    """A fresh QGIS profile folder; with a zip, the plugin installed from it (as the Plugin Manager does)."""
    profile = profiles / "profiles" / "default"  # QGIS looks in <profiles-path>/profiles/<name>
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    if plugin_zip is not None:
        with zipfile.ZipFile(plugin_zip) as archive:
            archive.extractall(plugins)
    (profile / "QGIS").mkdir(parents=True, exist_ok=True)
    settings = (
        "[PythonPlugins]\n"
        f"remix_plugin={'true' if enabled and plugin_zip else 'false'}\n"
        "[qgis]\n"
        "checkVersion=false\nshowTips=false\nshowTips322=false\nallowVersionCheck=false\n"
        "[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n"
        "[app]\nprojections\\unknownCrsBehavior=UseProjectCrs\n"
    )
    for name in ("QGIS3.ini", "QGIS4.ini"):  # QGIS 4 reads QGIS4.ini
        (profile / "QGIS" / name).write_text(settings, encoding="utf-8")
    return profile


@contextmanager
def xvfb(width: int = 1600, height: int = 1000):
    """A virtual screen of its own; yields the DISPLAY value. A display number already served (a lock file here, or
    an Xvfb the lock file of which this /tmp cannot see: a Debian root shares the host's abstract sockets) is
    skipped: QGIS must never land on another screen, of another size."""
    for number in range(90, 140):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        if proc.poll() is None:  # ours, running («server already active» makes it exit at once)
            break
    else:
        raise RuntimeError("Xvfb: nessun numero di display libero tra :90 e :139")
    display = f":{number}"
    try:
        yield display
    finally:
        proc.terminate()
        proc.wait(10)


def run_qgis(profiles: Path, script: Path, display: str, timeout: int = 240, env: dict = None) -> dict:
    """Start QGIS Desktop with `--code script`; the script writes JSON to $REMIX_RESULT and quits QGIS."""
    result_file = profiles / "result.json"
    result_file.unlink(missing_ok=True)
    support = str(Path(__file__).resolve().parent / "support")  # desktop_script.py, and nothing else of ours
    environment = dict(
        os.environ,
        DISPLAY=display,
        REMIX_RESULT=str(result_file),
        QT_QPA_PLATFORM="xcb",
        PYTHONPATH=os.pathsep.join(p for p in (support, os.environ.get("PYTHONPATH")) if p),
        **(env or {}),
    )
    environment.pop("QGIS_CUSTOM_CONFIG_PATH", None)  # the tests' own profile would win over --profiles-path
    started = time.perf_counter()
    proc = subprocess.run(
        ["qgis", "--profiles-path", str(profiles), "--nologo", "--noversioncheck", "--code", str(script)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    elapsed = time.perf_counter() - started
    if not result_file.exists():
        raise RuntimeError(f"QGIS non ha scritto il risultato (uscita {proc.returncode}).\n{proc.stderr[-3000:]}")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result["_elapsed_s"] = elapsed
    result["_returncode"] = proc.returncode  # a crash after the result was written (at exit) shows here
    result["_stderr"] = proc.stderr
    if proc.returncode != 0:  # every desktop test asserts there is no "error"
        result.setdefault("error", f"QGIS è terminato con {proc.returncode}:\n{proc.stderr[-3000:]}")
    return result


def run_desktop(
    tmp_path: Path, plugin_zip: Path, script: str, screenshot: str = None, env: dict = None, timeout: int = 240
):
    """A fresh profile with the plugin installed from the zip, and QGIS Desktop under Xvfb running
    tests/desktop/<script> for at most `timeout` seconds; with `screenshot`, the script saves the window
    as out/<screenshot> (to be looked at). (result, screenshot path or None)."""
    shot = None
    if screenshot:
        (ROOT / "out").mkdir(exist_ok=True)
        shot = ROOT / "out" / screenshot
        shot.unlink(missing_ok=True)
        env = dict(env or {}, REMIX_SCREENSHOT=str(shot))
    make_profile(tmp_path / "profiles", plugin_zip)
    with xvfb() as display:
        script_path = Path(__file__).resolve().parent / script
        return run_qgis(tmp_path / "profiles", script_path, display, timeout, env), shot


def clean(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
