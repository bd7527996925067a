"""A throwaway PostgreSQL cluster for tests and benchmarks.

PostgreSQL refuses to run as root, so when we are root the cluster belongs to an
unprivileged user (`postgres`) and its programs run under `runuser`. It listens on
127.0.0.1 at a free port (password logins) and on a socket in its own folder
(the superuser, trusted).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"),
            Path("/usr/lib/postgresql/17/bin"))
SUPERUSER = "postgres"


def server_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None where PostgreSQL is not installed."""
    for folder in BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    bin: Path
    folder: Path
    port: int
    owner: str | None  # the OS user running the server, when we are root

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner is not None:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=True)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def admin_url(self, database: str = "postgres") -> str:
        """The superuser through the socket."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}&port={self.port}"

    def url(self, database: str, user: str | None = None) -> str:
        """A login over TCP (the password comes from elsewhere)."""
        who = f"{user.replace('@', '%40')}@" if user else ""
        return f"postgresql://{who}127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        self._run("createdb", "-h", str(self.folder), "-p", str(self.port), "-U", SUPERUSER,
                  name)

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(bin_dir: Path) -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="scorer-pg-"))
    owner = SUPERUSER if os.geteuid() == 0 else None
    if owner is not None:
        shutil.chown(folder, user=owner)
    cluster = Cluster(bin_dir, folder, _free_port(), owner)
    cluster._run("initdb", "-D", str(cluster.data), "-U", SUPERUSER, "--auth-local=trust",
                 "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync")
    cluster.start()
    return cluster
