"""Import + AutoQA throughput: conversations per second with 1 and 2 real RQ workers.

    .venv/bin/python bench/import_throughput.py --count 1000
    .venv/bin/python bench/import_throughput.py --count 200 --workers 1 --databases sqlite

For each database and worker count: a fresh database (a SQLite file, or a PostgreSQL database
of its own created on the server at --postgres and dropped afterwards), a generated JSONL file
(`qa_app.imports.generate`, --seed), N `kohtaamo worker` processes on a queue of their own
(Redis --redis-url, by default database 11), then one import job started as the upload page
starts it. The clock runs from starting the job until it is finished (import, then every AutoQA
chunk); worker start-up (dictionaries) is not counted. SQLite is measured with one worker only:
it lets one writer at a time.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
KOHTAAMO = str(Path(sys.executable).with_name("kohtaamo"))


def generated_file(count: int, seed: int, folder: Path, languages: dict[str, int] | None) -> bytes:
    from qa_app.imports.generate import generate_conversations, write_jsonl

    path = folder / f"bench-{count}-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(generate_conversations(count, seed, languages=languages), out)
    return path.read_bytes()


def language_weights(text: str | None) -> dict[str, int] | None:
    """Parse "fi=62,en=34,sv=4" (None: the generator's default mix)."""
    if not text:
        return None
    return {lang.strip(): int(weight) for lang, weight in (part.split("=") for part in text.split(","))}


def postgres_database(server: str) -> tuple[str, callable]:
    """Create a database of this run's own; return its URL and a function that drops it."""
    import psycopg

    name = f"kohtaamo_bench_{uuid.uuid4().hex[:8]}"
    admin = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    base = server.rsplit("/", 1)[0]
    return f"{base}/{name}", drop


def measure(database_url: str, workers: int, data: bytes, redis_url: str, chunk_size: int,
            monitor: Callable[[list[int]], AbstractContextManager] | None = None) -> dict:
    """Run one import job on `workers` fresh workers; return the timings.

    `monitor`, if given, is entered with the worker PIDs around the timed part (e.g. to sample memory).
    """
    from redis import Redis
    from rq import Queue, Worker

    from qa_app import create_app
    from qa_app.extensions import db
    from qa_app.services import jobs

    queue_name = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "KOHTAAMO_DATABASE_URL": database_url, "KOHTAAMO_REDIS_URL": redis_url,
           "KOHTAAMO_JOBS": "redis", "KOHTAAMO_JOBS_QUEUE": queue_name, "KOHTAAMO_JOBS_CHUNK_SIZE": str(chunk_size),
           "KOHTAAMO_SECRET_KEY": "bench"}
    subprocess.run([KOHTAAMO, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    processes = [subprocess.Popen([KOHTAAMO, "worker"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for _ in range(workers)]
    connection = Redis.from_url(redis_url)
    try:
        queue = Queue(queue_name, connection=connection)
        deadline = time.monotonic() + 120
        while Worker.count(connection=connection, queue=queue) < workers:
            if time.monotonic() > deadline:
                raise SystemExit("workers did not start within 2 minutes")
            time.sleep(0.2)
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": redis_url, "JOBS": "redis",
                          "JOBS_QUEUE": queue_name, "JOBS_CHUNK_SIZE": chunk_size, "SECRET_KEY": "bench"})
        watching = monitor([p.pid for p in processes]) if monitor else nullcontext()
        with app.app_context(), watching:
            started = time.monotonic()
            job_id = jobs.start_import(data, "jsonl", "bench.jsonl", "bench", None).id
            imported_at = None
            while True:
                db.session.rollback()
                job = jobs.get_job(job_id)
                db.session.refresh(job)
                if imported_at is None and job.result_json:
                    imported_at = time.monotonic()
                if job.is_over:
                    break
                time.sleep(0.1)
            finished = time.monotonic()
            report = jobs.import_report(job) or {}
            outcome = {"status": job.status, "error": job.error, "imported": report.get("imported"),
                       "scored": job.done, "seconds": finished - started,
                       "import_seconds": (imported_at or finished) - started,
                       "autoqa_seconds": finished - (imported_at or finished)}
            db.session.remove()
            db.engine.dispose()
        return outcome
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for key in connection.scan_iter(f"rq:*{queue_name}*"):
            connection.delete(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--languages", help="customer languages, e.g. fi=62,en=34 (default: the generator's mix)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kohtaamo-bench-") as folder:
        data = generated_file(args.count, args.seed, Path(folder), language_weights(args.languages))
        print(f"{args.count} generated conversations (seed {args.seed}, languages {args.languages or 'default'}), "
              f"{len(data) / 1e6:.1f} MB; "
              f"chunks of {args.chunk_size}; CPUs: {os.cpu_count()}")
        for database in args.databases:
            for workers in args.workers:
                if database == "sqlite" and workers > 1:
                    continue
                if database == "sqlite":
                    url, drop = f"sqlite:///{Path(folder) / f'bench-{workers}.db'}", (lambda: None)
                else:
                    url, drop = postgres_database(args.postgres)
                try:
                    result = measure(url, workers, data, args.redis_url, args.chunk_size)
                finally:
                    drop()
                rate = args.count / result["seconds"]
                print(f"{database:10} {workers} worker(s): {result['status']}, {result['imported']} imported, "
                      f"{result['scored']} pre-scored in {result['seconds']:.1f} s "
                      f"(import {result['import_seconds']:.1f} s, AutoQA {result['autoqa_seconds']:.1f} s): "
                      f"{rate:.1f} conversations/s" + (f" — {result['error']}" if result["error"] else ""))


if __name__ == "__main__":
    main()
