"""The real local servers the tests start and stop, all on 127.0.0.1 (no mocks).

- `koop.KoopServer`: ArcGIS REST FeatureServer peer (Koop serving GeoJSON files)
- `mapserver.QgisMapServer`: WMS peer (`qgis_mapserver` serving a QGIS project)
- `postgis.PostgisServer`: a throwaway PostgreSQL + PostGIS 3 cluster

Each is a context manager with start()/stop(): it picks a free port, waits (bounded) until the
server answers, raises `ServerError` with the tail of the server's output when it does not, and
always cleans up (stop() is idempotent and is also registered with atexit as a last resort).
What must be installed for them: scripts/setup_servers.sh.
"""

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, List, Optional

HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """A test server could not be started or did not answer in time."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the OS picks it; tiny race until the server binds)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file, for error messages."""
    try:
        text = Path(path).read_text(errors="replace")
    except OSError:
        return "(no output)"
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


def http_get(url: str, timeout: float = 5.0) -> bytes:
    """GET url and return the body; raises on network errors and HTTP errors (urllib)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def wait_until(
    check: Callable[[], bool],
    timeout: float,
    what: str,
    alive: Callable[[], bool] = lambda: True,
    log: Optional[Path] = None,
    interval: float = 0.2,
) -> None:
    """Poll check() until it is true; fail fast if the process died, and after `timeout` seconds anyway."""
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception as exc:
            last_error = f"{type(exc).__name__}: {exc}"
        if not alive():
            raise ServerError(
                f"{what}: the server exited before answering. Last error: {last_error}\n"
                f"--- server output (tail) ---\n{tail(log) if log else ''}"
            )
        time.sleep(interval)
    raise ServerError(
        f"{what}: no answer within {timeout:.0f} s. Last error: {last_error}\n"
        f"--- server output (tail) ---\n{tail(log) if log else ''}"
    )


class ServerProcess:
    """Base for a server run as a child process whose output goes to a log file in its own temp dir."""

    name = "server"
    start_timeout = 30.0
    stop_timeout = 10.0

    def __init__(self, port: Optional[int] = None):
        self.port = port
        self.workdir: Optional[Path] = None  # temp dir owned by this object, removed by stop()
        self.log: Optional[Path] = None
        self.process: Optional[subprocess.Popen] = None

    # -- to implement -------------------------------------------------------------------------
    def command(self) -> List[str]:
        raise NotImplementedError

    def environment(self) -> dict:
        return dict(os.environ)

    def ready(self) -> bool:
        """True when the server answers a real request."""
        raise NotImplementedError

    # -- life cycle -----------------------------------------------------------------------------
    def start(self):
        if self.process is not None:
            return self
        self.workdir = Path(tempfile.mkdtemp(prefix=f"remix-{self.name}-"))
        self.log = self.workdir / "server.log"
        self.port = self.port or free_port()
        atexit.register(self.stop)
        with open(self.log, "wb") as log:
            try:
                # own process group, so stop() ends the server and any children it spawned
                self.process = subprocess.Popen(
                    self.command(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=self.environment(),
                    cwd=self.workdir,
                    start_new_session=True,
                )
            except OSError as exc:
                self.stop()
                raise ServerError(
                    f"{self.name}: cannot run {self.command()[0]}: {exc}. " "Run scripts/setup_servers.sh."
                ) from exc
        try:
            wait_until(
                self.ready,
                self.start_timeout,
                f"{self.name} on {HOST}:{self.port}",
                alive=lambda: self.process.poll() is None,
                log=self.log,
            )
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Terminate the process group (then kill it if it lingers) and remove the temp dir."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, 15)
                process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait(timeout=self.stop_timeout)
            except ProcessLookupError:
                pass
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        atexit.unregister(self.stop)

    def output(self) -> str:
        """The server's output so far (for assertion messages)."""
        return tail(self.log, 200) if self.log else ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
        return False
