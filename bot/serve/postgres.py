"""A project-owned PostgreSQL cluster for the tracker store (``make stack`` and the tests).

Never a shared system database: ``PostgresCluster`` creates a cluster with Debian's
PostgreSQL binaries (``initdb``, ``pg_ctl``; ``CLONUS_PG_BIN`` or the newest
``/usr/lib/postgresql/<version>/bin``) under a directory of ours (default
``build/postgres``), listening on 127.0.0.1 only, on its own port, with its own user and
password (password authentication, ``scram-sha-256``, also on the local socket):

- ``CLONUS_PG_USER`` (default ``clonus``), ``CLONUS_PG_PASSWORD`` (default: a random one,
  generated once and kept in ``<directory>/password``, mode 600), ``CLONUS_PG_PORT``
  (default 5433), ``CLONUS_PG_DB`` (default ``clonus``).

Layout: ``<directory>/data`` (the cluster), ``<directory>/run`` (its socket),
``<directory>/postgres.log``. PostgreSQL refuses to run as root: when we are root, the
cluster's files belong to the ``postgres`` system user (Debian's package creates it) and
``initdb`` / ``pg_ctl`` run as that user (``runuser``).

Pools: Rasa's ``SQLTrackerStore`` opens ``SQL_POOL_SIZE`` + ``SQL_MAX_OVERFLOW`` connections
per process (default 50 + 100). ``pool_sizes`` splits the cluster's ``max_connections``
over the replicas, keeping a reserve for the tools and superuser connections.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional
from urllib.parse import quote

from bot import paths

DEFAULT_DIRECTORY = paths.BUILD / "postgres"
DEFAULT_PORT = 5433
DEFAULT_USER = "clonus"
DEFAULT_DB = "clonus"
DEFAULT_MAX_CONNECTIONS = 100
#: connections kept free of the Rasa pools (tests, psql, superuser_reserved_connections)
RESERVED_CONNECTIONS = 10
SYSTEM_USER = "postgres"


def find_bin() -> Path:
    """The folder of ``initdb`` / ``pg_ctl`` (``CLONUS_PG_BIN`` or Debian's newest)."""
    configured = os.environ.get("CLONUS_PG_BIN")
    if configured:
        return Path(configured)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                      else 0)
    if versions:
        return versions[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise FileNotFoundError("PostgreSQL's initdb was not found: install Debian's postgresql "
                            "(`apt-get install -y postgresql`) or set CLONUS_PG_BIN")


def available() -> bool:
    """Whether a cluster can be created here (the binaries exist; as root, the
    ``postgres`` user exists too)."""
    try:
        find_bin()
    except FileNotFoundError:
        return False
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            return False
    return True


def pool_sizes(max_connections: int, replicas: int,
               reserved: int = RESERVED_CONNECTIONS) -> tuple[int, int]:
    """``(SQL_POOL_SIZE, SQL_MAX_OVERFLOW)`` per Rasa process such that ``replicas`` processes
    at their peak stay within ``max_connections - reserved``: half kept open, half overflow."""
    budget = (max_connections - reserved) // max(replicas, 1)
    if budget < 2:
        raise ValueError(f"max_connections={max_connections} leaves fewer than 2 connections "
                         f"for each of {replicas} replicas")
    pool = max(1, budget // 2)
    return pool, budget - pool


@dataclass
class PgSettings:
    """Who and where: user, password, port, database (``from_env`` reads CLONUS_PG_*)."""

    user: str = DEFAULT_USER
    password: str = ""
    port: int = DEFAULT_PORT
    database: str = DEFAULT_DB
    host: str = "127.0.0.1"

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ, **overrides: Any) -> "PgSettings":
        values: dict[str, Any] = {
            "user": env.get("CLONUS_PG_USER") or DEFAULT_USER,
            "password": env.get("CLONUS_PG_PASSWORD") or "",
            "port": int(env.get("CLONUS_PG_PORT") or DEFAULT_PORT),
            "database": env.get("CLONUS_PG_DB") or DEFAULT_DB,
        }
        values.update(overrides)
        return cls(**values)


@dataclass
class PostgresCluster:
    """One cluster: ``create()`` (once), ``start()``, ``create_database()``, ``stop()``."""

    directory: Path = DEFAULT_DIRECTORY
    settings: PgSettings = field(default_factory=PgSettings.from_env)
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    bin_dir: Path = field(default_factory=find_bin)

    def __post_init__(self) -> None:
        self.directory = Path(self.directory).resolve()
        if not self.settings.password:
            self.settings.password = self._stored_password()

    # -- locations -------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    @property
    def socket_dir(self) -> Path:
        return self.directory / "run"

    @property
    def log_file(self) -> Path:
        return self.directory / "postgres.log"

    @property
    def password_file(self) -> Path:
        return self.directory / "password"

    def _stored_password(self) -> str:
        if self.password_file.exists():
            return self.password_file.read_text(encoding="utf-8").strip()
        self.directory.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(24)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
        return password

    # -- running the binaries -----------------------------------------------------------------
    @property
    def _as_root(self) -> bool:
        return os.geteuid() == 0

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin_dir / tool), *args]
        if self._as_root:
            return ["runuser", "-u", SYSTEM_USER, "--", *command]
        return command

    def _run(self, tool: str, *args: str, timeout: float = 120.0) -> str:
        done = subprocess.run(self._command(tool, *args), capture_output=True, text=True,
                              timeout=timeout, cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-2000:]}")
        return done.stdout

    def _give_to_postgres(self, path: Path) -> None:
        if self._as_root:
            shutil.chown(path, SYSTEM_USER, SYSTEM_USER)

    # -- life cycle ----------------------------------------------------------------------
    @property
    def created(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def create(self) -> None:
        """``initdb`` the cluster (nothing when it exists): the superuser is our user,
        password authentication everywhere, listening on 127.0.0.1 and our socket only."""
        if self.created:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o755)
        for folder in (self.data_dir, self.socket_dir):
            folder.mkdir(exist_ok=True)
            os.chmod(folder, 0o700)
            self._give_to_postgres(folder)
        with tempfile.NamedTemporaryFile("w", dir=self.socket_dir, delete=False) as handle:
            handle.write(self.settings.password + "\n")
            pwfile = Path(handle.name)
        try:
            self._give_to_postgres(pwfile)
            self._run("initdb", "-D", str(self.data_dir), "-U", self.settings.user,
                      f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8",
                      "--locale=C", "--no-instructions")
        finally:
            pwfile.unlink(missing_ok=True)
        with open(self.data_dir / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "# written by bot/serve/postgres.py\n"
                f"listen_addresses = '{self.settings.host}'\n"
                f"unix_socket_directories = '{self.socket_dir}'\n"
                "fsync = on\n"
                "log_min_messages = warning\n"
            )

    @property
    def running(self) -> bool:
        if not self.created:
            return False
        done = subprocess.run(self._command("pg_ctl", "status", "-D", str(self.data_dir)),
                              capture_output=True, text=True, cwd="/")
        return done.returncode == 0

    def alive(self) -> bool:
        """Cheap check (no subprocess): the postmaster of ``postmaster.pid`` exists."""
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split()[0])
            os.kill(pid, 0)
            return True
        except (OSError, ValueError, IndexError):
            return False

    def start(self, timeout: float = 60.0) -> None:
        """Start the cluster on its port (``create()`` first when needed) and wait until
        it accepts connections."""
        self.create()
        if not self.running:
            if not self.log_file.exists():
                self.log_file.touch()
                self._give_to_postgres(self.log_file)
            options = (f"-p {self.settings.port} -c max_connections={self.max_connections}")
            self._run("pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file),
                      "-o", options, "-w", "-t", str(int(timeout)), timeout=timeout + 10)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        error: Optional[Exception] = None
        while time.monotonic() < deadline:
            try:
                self.connect("postgres").close()
                return
            except Exception as failure:  # noqa: BLE001 - retried until the deadline
                error = failure
                time.sleep(0.2)
        raise TimeoutError(f"PostgreSQL did not accept connections on port "
                           f"{self.settings.port} within {timeout:.0f} s: {error}")

    def stop(self, mode: str = "fast", timeout: float = 60.0) -> None:
        """Stop the cluster (``mode``: smart, fast or immediate); nothing if it is down."""
        if self.running:
            self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", mode, "-w",
                      "-t", str(int(timeout)), timeout=timeout + 10)

    def destroy(self) -> None:
        """Stop the cluster and delete its directory."""
        self.stop(mode="immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    # -- connecting ---------------------------------------------------------------------------
    def connect(self, database: Optional[str] = None) -> Any:
        """A psycopg2 connection (autocommit) as our user."""
        import psycopg2

        connection = psycopg2.connect(
            host=self.settings.host, port=self.settings.port, user=self.settings.user,
            password=self.settings.password, dbname=database or self.settings.database,
            connect_timeout=3)
        connection.autocommit = True
        return connection

    def create_database(self, name: Optional[str] = None) -> str:
        """Create the database ``name`` (default: the settings') unless it exists."""
        from psycopg2 import sql

        name = name or self.settings.database
        connection = self.connect("postgres")
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cursor.fetchone() is None:
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        finally:
            connection.close()
        return name

    def url(self, database: Optional[str] = None, with_password: bool = True) -> str:
        """The SQLAlchemy URL: ``postgresql://user:password@127.0.0.1:port/db``."""
        secret = f":{quote(self.settings.password, safe='')}" if with_password else ""
        return (f"postgresql://{quote(self.settings.user, safe='')}{secret}@"
                f"{self.settings.host}:{self.settings.port}/{database or self.settings.database}")

    def tracker_store(self, password_env: Optional[str] = "CLONUS_PG_PASSWORD") -> dict[str, Any]:
        """The ``tracker_store`` section of endpoints.yml for Rasa's SQLTrackerStore. With
        ``password_env`` the password stays a ``${VAR}`` reference (set that variable in
        Rasa's environment: ``env()``), so no secret is written to the rendered file."""
        return {
            "type": "SQL", "dialect": "postgresql", "url": self.settings.host,
            "port": self.settings.port, "db": self.settings.database,
            "username": self.settings.user,
            "password": f"${{{password_env}}}" if password_env else self.settings.password,
        }

    def env(self, replicas: int = 1) -> dict[str, str]:
        """Environment for a Rasa process using this cluster: the password and the pool
        sizes for ``replicas`` processes (``pool_sizes``)."""
        pool, overflow = pool_sizes(self.max_connections, replicas)
        return {"CLONUS_PG_PASSWORD": self.settings.password,
                "SQL_POOL_SIZE": str(pool), "SQL_MAX_OVERFLOW": str(overflow)}
