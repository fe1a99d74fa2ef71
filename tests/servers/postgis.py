"""A throwaway PostgreSQL + PostGIS 3 cluster (the release's own: 15 on Debian 12, 17 on Debian 13) on 127.0.0.1 (stands in for CMM's central store).

initdb into a temp dir, `pg_ctl start` listening on 127.0.0.1:PORT (TCP, password auth) and on a
unix socket in the temp dir (trust, for the superuser `postgres` only: how fixtures run psql).
A database with the postgis extension and a login role with a password are created; the tests put
those credentials in QGIS's authentication manager. stop() stops the cluster and deletes it all.
PostgreSQL refuses to run as root: as root, every server command runs as the `postgres` OS user.
"""

import atexit
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional

from tests.servers import HOST, ServerError, free_port, tail


def _release_pg_bin() -> Path:
    """The newest installed PostgreSQL that has PostGIS (Debian installs one per release)."""
    versions = sorted(
        (
            int(p.parent.parent.name)
            for p in Path("/usr/share/postgresql").glob("*/extension/postgis.control")
            if p.parent.parent.name.isdigit()
        ),
        reverse=True,
    )
    return Path(f"/usr/lib/postgresql/{versions[0] if versions else 15}/bin")


PG_BIN = Path(os.environ["REMIX_PG_BIN"]) if os.environ.get("REMIX_PG_BIN") else _release_pg_bin()
OS_USER = "postgres"


class PostgisServer:
    """Context manager; attributes host, port, dbname, user, password, conninfo once started."""

    start_timeout = 60.0

    def __init__(self, dbname: str = "remix", user: str = "remix_user", port: Optional[int] = None):
        self.host = HOST
        self.port = port
        self.dbname = dbname
        self.user = user
        self.password = secrets.token_hex(12)
        self.workdir: Optional[Path] = None
        self._started = False

    # -- paths and commands -------------------------------------------------------------------------
    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    @property
    def socketdir(self) -> Path:
        return self.workdir / "socket"

    @property
    def log(self) -> Path:
        return self.workdir / "postgres.log"

    @property
    def conninfo(self) -> str:
        """libpq connection string of the test role over TCP."""
        return f"host={self.host} port={self.port} dbname={self.dbname} user={self.user} password={self.password}"

    def _as_pg_user(self, args: List[str]) -> List[str]:
        return ["runuser", "-u", OS_USER, "--", *args] if os.geteuid() == 0 else args

    def _run(self, args: List[str], timeout: float = 60, input_text: Optional[str] = None) -> str:
        try:
            done = subprocess.run(
                self._as_pg_user(args),
                input=input_text,
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=self.workdir,
            )
        except FileNotFoundError as exc:
            raise ServerError(f"postgis: {exc}. Run scripts/setup_servers.sh.") from exc
        except subprocess.TimeoutExpired as exc:
            raise ServerError(f"postgis: {' '.join(args[:2])} did not finish in {timeout} s") from exc
        if done.returncode != 0:
            log_tail = tail(self.log) if self.workdir and self.log.exists() else ""
            raise ServerError(
                f"postgis: {' '.join(args)} failed ({done.returncode}):\n{done.stderr.strip()}\n"
                f"--- server log (tail) ---\n{log_tail}"
            )
        return done.stdout

    def psql(self, sql: str, dbname: Optional[str] = None, timeout: float = 60) -> str:
        """Run SQL as the superuser over the unix socket (ON_ERROR_STOP); returns unaligned output."""
        return self._run(
            [
                str(PG_BIN / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socketdir),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                dbname or self.dbname,
            ],
            timeout=timeout,
            input_text=sql,
        )

    def uri(
        self, table: str = "", geometry_column: str = "geom", schema: str = "public", key: str = "", authcfg: str = ""
    ) -> str:
        """A `postgres` provider URI for a table (no table: the database connection only);
        with authcfg, the credentials come from QGIS's authentication manager."""
        from qgis.core import QgsDataSourceUri

        uri = QgsDataSourceUri()
        if authcfg:
            uri.setConnection(self.host, str(self.port), self.dbname, "", "", QgsDataSourceUri.SslDisable, authcfg)
        else:
            uri.setConnection(self.host, str(self.port), self.dbname, self.user, self.password)
        if table:
            uri.setDataSource(schema, table, geometry_column, "", key)
        return uri.uri(False)

    # -- life cycle ----------------------------------------------------------------------------------
    def start(self):
        if self._started:
            return self
        if not (PG_BIN / "initdb").exists():
            raise ServerError(f"postgis: {PG_BIN}/initdb not found. Run scripts/setup_servers.sh.")
        self.workdir = Path(tempfile.mkdtemp(prefix="remix-postgis-"))
        atexit.register(self.stop)
        try:
            if os.geteuid() == 0:
                shutil.chown(self.workdir, OS_USER, OS_USER)
            self._run(["mkdir", "-m", "700", str(self.socketdir)])
            pwfile = self.workdir / "pw"
            pwfile.write_text(secrets.token_hex(16) + "\n")  # superuser password: never used, socket is trust
            if os.geteuid() == 0:
                shutil.chown(pwfile, OS_USER, OS_USER)
            self._run(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.datadir),
                    "-U",
                    "postgres",
                    f"--pwfile={pwfile}",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
                timeout=120,
            )
            pwfile.unlink()
            self._started = True
            for attempt in range(3):  # the free port may be taken between free_port() and bind: retry
                self.port = self.port or free_port()
                options = f"-c listen_addresses={self.host} -p {self.port} -k {self.socketdir} -c fsync=off"
                try:
                    # -w: returns once the server accepts connections (or fails after -t seconds)
                    self._run(
                        [
                            str(PG_BIN / "pg_ctl"),
                            "start",
                            "-D",
                            str(self.datadir),
                            "-l",
                            str(self.log),
                            "-w",
                            "-t",
                            str(int(self.start_timeout)),
                            "-o",
                            options,
                        ],
                        timeout=self.start_timeout + 10,
                    )
                    break
                except ServerError:
                    if attempt == 2:
                        raise
                    self.port = None
            self.psql(
                f"CREATE ROLE {self.user} LOGIN PASSWORD '{self.password}';"
                f"CREATE DATABASE {self.dbname} OWNER {self.user};",
                dbname="postgres",
            )
            self.psql("CREATE EXTENSION postgis;")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the cluster (fast, then immediate) and delete its directory. Idempotent."""
        if self._started and self.workdir and (self.datadir / "postmaster.pid").exists():
            for mode in ("fast", "immediate"):
                try:
                    self._run(
                        [str(PG_BIN / "pg_ctl"), "stop", "-D", str(self.datadir), "-m", mode, "-w", "-t", "20"],
                        timeout=30,
                    )
                    break
                except ServerError:
                    continue
        self._started = False
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        atexit.unregister(self.stop)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
        return False
