"""`kohtaamo serve` and setting errors: misuse exits 2 with one line; a real server answers and stops."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_app.cli import cli
from qa_app.cli.serve import check_bind, default_workers
from qa_app.config import ConfigError, check_config, weak_secret_key

KOHTAAMO = [sys.executable, "-m", "qa_app"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_with(tmp_path: Path, **values: str) -> dict[str, str]:
    """The environment with a throwaway SQLite database, an instance of its own and the given settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOHTAAMO_")}
    env.update(
        {
            "KOHTAAMO_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
            "KOHTAAMO_JOBS": "inline",
            "KOHTAAMO_SECRET_KEY": "s" * 32,
        }
    )
    env.update(values)
    return env


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--workers", "0"], "--workers must be at least 1 (got 0)"),
        (["--workers", "many"], "--workers must be a whole number"),
        (["--threads", "-2"], "--threads must be at least 1"),
        (["--bind", "localhost"], "--bind must be HOST:PORT"),
        (["--bind", "127.0.0.1:70000"], "--bind must be HOST:PORT"),
    ],
)
def test_misuse_exits_2_with_one_line(args, says):
    """Bad options stop before anything starts: exit 2 and one line on stderr."""
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr


def test_bind_forms_and_worker_default():
    """HOST:PORT, [IPv6]:PORT and unix:PATH are accepted; the default worker count is 2 × cores + 1, capped."""
    for bind in ("127.0.0.1:5000", "0.0.0.0:80", "[::1]:8000", "unix:/run/kohtaamo.sock"):
        assert check_bind(bind) == bind
    assert 3 <= default_workers() <= 8


@pytest.mark.parametrize(
    ("setting", "value", "says"),
    [
        ("SECURE_COOKIES", "maybe", "KOHTAAMO_SECURE_COOKIES must be 1 or 0"),
        ("PROXY_HOPS", "-1", "KOHTAAMO_PROXY_HOPS must be at least 0"),
        ("WORKERS", "two", "KOHTAAMO_WORKERS must be a whole number (got 'two')"),
        ("LOG_FORMAT", "xml", "KOHTAAMO_LOG_FORMAT must be one of json, text"),
        ("JOBS", "celery", "KOHTAAMO_JOBS must be one of auto, redis, inline"),
        ("SQLALCHEMY_DATABASE_URI", "postgres-ish", "KOHTAAMO_DATABASE_URL is not a database URL"),
        ("SQLALCHEMY_DATABASE_URI", "mysql+nosuchdriver://h/db", "driver that is not installed"),
        ("SQLALCHEMY_DATABASE_URI", "sqlite:////no/such/folder/k.db", "folder that does not exist"),
        ("REDIS_URL", "http://127.0.0.1:6379", "KOHTAAMO_REDIS_URL must start with redis://"),
    ],
)
def test_check_config_names_the_wrong_setting(setting, value, says):
    """Each wrong value is a ConfigError naming the variable and what it expected."""
    good = {
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "JOBS": "auto",
    }
    check_config(good)  # the baseline is fine
    with pytest.raises(ConfigError, match=re.escape(says)):
        check_config({**good, setting: value})


def test_a_short_secret_key_is_called_weak():
    """A secret key under 16 characters is flagged (outside tests); unset or long keys are fine."""
    assert weak_secret_key({"SECRET_KEY": "short"})
    assert not weak_secret_key({"SECRET_KEY": "s" * 16})
    assert not weak_secret_key({})


def test_a_wrong_setting_stops_the_command_with_one_line(tmp_path):
    """A wrong setting stops `kohtaamo db upgrade` with exit 2 and one line naming it, no traceback."""
    result = subprocess.run(
        [*KOHTAAMO, "db", "upgrade"],
        env=env_with(tmp_path, KOHTAAMO_SECURE_COOKIES="maybe"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "KOHTAAMO_SECURE_COOKIES must be 1 or 0" in lines[0], result.stderr


@pytest.mark.parametrize("command", [["db", "upgrade"], ["serve", "--workers", "1"]])
def test_an_unreachable_database_is_named(tmp_path, command):
    """A PostgreSQL URL on a closed port: exit 2, one line naming host and port and what to check."""
    port = free_port()
    env = env_with(
        tmp_path,
        KOHTAAMO_DATABASE_URL=f"postgresql+psycopg://kohtaamo:pw@127.0.0.1:{port}/kohtaamo",
    )
    result = subprocess.run(
        [*KOHTAAMO, *command], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port}" in lines[0] and "check that" in lines[0]
    assert "pw" not in lines[0].replace("kohtaamo", "")  # the password is never printed


def _get(url: str, request_id: str | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        url, headers={"X-Request-ID": request_id} if request_id else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_serve_answers_health_checks_logs_json_and_stops_on_sigterm(tmp_path):
    """A real `kohtaamo serve` answers /healthz and /readyz, logs JSON lines with our request id and
    exits 0 soon after SIGTERM."""
    port = free_port()
    log_file = tmp_path / "serve.log"
    with log_file.open("w") as log:
        server = subprocess.Popen(
            [*KOHTAAMO, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"],
            env=env_with(tmp_path),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _, body = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert server.poll() is None, log_file.read_text()
                assert time.monotonic() < deadline, (
                    "no answer on /healthz:\n" + log_file.read_text()
                )
                time.sleep(0.2)
        assert (status, body) == (200, {"status": "ok"})
        status, headers, body = _get(f"http://127.0.0.1:{port}/readyz", request_id="serve-test-42")
        assert status == 200, body
        assert headers["X-Request-ID"] == "serve-test-42"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert code == 0, log_file.read_text()
    lines = [json.loads(line) for line in log_file.read_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "serve-test-42"]
    assert mine and mine[-1]["path"] == "/readyz" and mine[-1]["status"] == 200
    assert mine[-1]["method"] == "GET" and mine[-1]["duration_ms"] >= 0
    assert any("serving on http://127.0.0.1" in line["message"] for line in lines)


def test_threads_that_could_use_up_the_pool_are_warned_about(tmp_path, caplog):
    """A request may hold two connections: more than half the pool's size in threads is warned about."""
    from qa_app import create_app
    from qa_app.cli.serve import _check_pool

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pool.db'}"})
    with caplog.at_level("WARNING", logger="kohtaamo.serve"):
        _check_pool(app, 4)
        assert not caplog.records
        _check_pool(app, 8)
    assert "use --threads 7 at most" in caplog.text
