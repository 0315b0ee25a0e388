# A throwaway PostgreSQL cluster for the tests: Debian's initdb and pg_ctl in a temporary
# folder, on a free loopback port, as a non-root user (PostgreSQL refuses to run as root).
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

from devtools.harness import free_port

# Debian installs the server's programs outside PATH, one folder per major version.
DEBIAN_VERSIONS = "/usr/lib/postgresql"  # <version>/bin
# Whom the cluster runs as when the tests run as root: Debian's postgresql package makes
# "postgres"; "nobody" exists everywhere.
SERVER_USERS = ("postgres", "nobody")
DATABASE_USER = "cluster_admin"  # the cluster's superuser: not a role the deploy script makes
START_SECONDS = 60


def postgres_bin() -> Path | None:
    """Return the folder of initdb and pg_ctl, if PostgreSQL's server is installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = Path(DEBIAN_VERSIONS).glob("*/bin") if Path(DEBIAN_VERSIONS).is_dir() else []
    folders = sorted(versions, key=lambda folder: int(folder.parent.name))
    return folders[-1] if folders else None


def _server_user() -> str | None:
    """Return the user to run the server as: None when not root (the current user)."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_USERS:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no user to start PostgreSQL as")


class PostgresCluster:
    """A PostgreSQL server of its own: started in a folder, stopped and removed at the end."""

    def __init__(self, folder: Path) -> None:
        """Create the cluster in `folder` and start it on a free port."""
        bindir = postgres_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bindir = bindir
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = _server_user()
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", DATABASE_USER, "--auth=trust", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        """Start the server on its port (again, after pause())."""
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -k {self.folder}"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-t", str(START_SECONDS),
                  "-l", str(self.folder / "server.log"), "start")  # fmt: skip

    def pause(self) -> None:
        """Stop the server, keeping its data: an outage, ended by start()."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def _run(self, program: str, *args: str) -> None:
        """Run one of the server's programs as the cluster's user; fail with its output."""
        done = subprocess.run(
            [str(self.bindir / program), *args],
            user=self.user,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.folder,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stdout}{done.stderr}")

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of a database of this cluster."""
        return f"postgresql+psycopg://{DATABASE_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        import psycopg  # noqa: PLC0415 - only where a cluster runs

        dsn = f"host=127.0.0.1 port={self.port} user={DATABASE_USER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once (unless paused) and remove its folder."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
