"""A PostgreSQL server and a Redis server of the test's own, to stop and start inside a test.

Never the machine's services: each lives in a temporary folder on a free port and is killed at
the end. A missing program is a skip with the reason, not a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_TIMEOUT_S = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> Path | None:
    for folder in [*sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True), "/usr/local/bin"]:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


class OwnPostgres:
    """initdb'd in a temporary folder; PostgreSQL refuses to run as root, so root runs it as `postgres`."""

    def __init__(self, bin_dir: Path, folder: Path, port: int, as_user: str | None):
        self.bin_dir, self.folder, self.port, self.as_user = bin_dir, folder, port, as_user
        self.data = folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/kohtaamo"

    def _run(self, *args: str, timeout: float = START_TIMEOUT_S + 10) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "-t", str(START_TIMEOUT_S), "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", str(START_TIMEOUT_S), "stop")

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True, connect_timeout=5) as connection:
            connection.execute("CREATE DATABASE kohtaamo")


@contextmanager
def own_postgres() -> Iterator[OwnPostgres]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("initdb/pg_ctl not found (/usr/lib/postgresql/*/bin, /usr/local/bin): no PostgreSQL of our own")
    as_user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run our own PostgreSQL as")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and runuser is missing: cannot run our own PostgreSQL")
        as_user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="kohtaamo-pg-"))
    if as_user:
        shutil.chown(folder, as_user)
    server = OwnPostgres(bin_dir, folder, free_port(), as_user)
    try:
        server.init()
        server.start()
        server.create_database()
        yield server
    finally:
        try:
            server.stop("immediate")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass  # not running (stopped by the test) or already gone
        shutil.rmtree(folder, ignore_errors=True)


class OwnRedis:
    def __init__(self, port: int, folder: Path):
        self.port, self.folder = port, folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        from redis import Redis

        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                Redis(port=self.port, socket_connect_timeout=0.5).ping()
                return
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("our own redis-server did not start") from None
                time.sleep(0.05)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@contextmanager
def own_redis() -> Iterator[OwnRedis]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not found: no Redis of our own to stop")
    folder = Path(tempfile.mkdtemp(prefix="kohtaamo-redis-"))
    server = OwnRedis(free_port(), folder)
    try:
        server.start()
        yield server
    finally:
        server.kill()
        shutil.rmtree(folder, ignore_errors=True)
