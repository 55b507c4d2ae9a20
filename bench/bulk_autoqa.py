"""Bulk AutoQA (issue 15): import and pre-score many long conversations; memory per worker; job-system overhead.

    .venv/bin/python bench/bulk_autoqa.py --count 10000 --workers 2
    .venv/bin/python bench/bulk_autoqa.py --count 1000 --skip-one-process

The run itself is `import_throughput.measure` (a fresh PostgreSQL database, N real `kohtaamo
worker` processes, one import job, the clock from starting the job to finished). On top of it:

- conversations with at least --min-agent-messages agent messages each (default 5, which gives
  about 6 on average): the generator writes 1–5 (mean 2.5), so consecutive generated
  conversations of the same language and channel are joined (timestamps shifted to follow on);
- peak memory per worker: /proc/<pid>/status of each worker and of its forked work-horse children
  (one per job), sampled every 0.2 s; VmHWM of each, the maximum over the children;
- the same graded agent messages, read back from the database as AutoQA graded them (redacted text,
  the conversation's language, up to MAX_HISTORY earlier messages), written as `kohtaamo grade
  --jsonl` lines, one file per channel, and graded by one `kohtaamo grade --jsonl` process each;
  its start-up (a one-line file) is timed separately and subtracted. With more graded messages than
  --one-process-sample, every k-th line of each file is taken (the ratio is per message).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_throughput import KOHTAAMO, ROOT, language_weights, measure, postgres_database  # noqa: E402

MB = 1024 * 1024


# ------------------------------------------------------------------ conversations


def long_conversations(count: int, seed: int, languages: dict[str, int] | None, agent_messages: int) -> list[dict]:
    """Return `count` generated conversations with at least `agent_messages` agent messages each."""
    from qa_app.imports.generate import generate_conversations

    done: list[dict] = []
    pending: dict[tuple[str, str], dict] = {}
    batch = 0
    while len(done) < count:
        for record in generate_conversations(max(1000, count), seed + batch, languages=languages):
            agents = sum(m["author"] == "agent" for m in record["messages"])
            if not agents:  # spam and system notifications stay as they are
                done.append(record)
            else:
                key = (record["language"], record["channel"])
                joined = pending.pop(key, None)
                joined = _join(joined, record) if joined else record
                if sum(m["author"] == "agent" for m in joined["messages"]) >= agent_messages:
                    done.append(joined)
                else:
                    pending[key] = joined
            if len(done) == count:
                break
        batch += 1
    return done


def _join(first: dict, second: dict) -> dict:
    """Append `second`'s messages to `first`, moved to start five minutes after `first` ends."""
    last = datetime.fromisoformat(first["messages"][-1]["at"])
    shift = last + timedelta(minutes=5) - datetime.fromisoformat(second["messages"][0]["at"])
    moved = [{**m, "at": (datetime.fromisoformat(m["at"]) + shift).isoformat()} for m in second["messages"]]
    return {**first, "messages": first["messages"] + moved}


# ------------------------------------------------------------------ memory


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class MemorySampler:
    """Sample each worker's and its work-horses' peak RSS (VmHWM) in a thread."""

    def __init__(self, pids: list[int], interval: float = 0.2) -> None:
        self.pids = pids
        self.interval = interval
        self.worker_kb = {pid: 0 for pid in pids}
        self.horse_kb = {pid: 0 for pid in pids}
        self.horses = {pid: set() for pid in pids}
        self._stop = threading.Event()

    def sample(self) -> None:
        for pid in self.pids:
            self.worker_kb[pid] = max(self.worker_kb[pid], _status_kb(pid, "VmHWM"))
            for child in _children(pid):
                self.horses[pid].add(child)
                self.horse_kb[pid] = max(self.horse_kb[pid], _status_kb(child, "VmHWM"))

    def run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    @contextmanager
    def watching(self) -> Iterator[MemorySampler]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()


# ------------------------------------------------------------------ one-process grading


def export_graded_messages(database_url: str, folder: Path) -> dict[str, tuple[Path, int]]:
    """Write every message AutoQA graded as `kohtaamo grade --jsonl` lines, one file per channel."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from qa_app import create_app
    from qa_app.extensions import db
    from qa_app.grading.context import HISTORY_AUTHORS
    from qa_app.grading.specs import LANGUAGES
    from qa_app.models import AutoQAMessage, AutoQAResult, Conversation
    from qa_app.services.autoqa import MAX_HISTORY

    files: dict[str, tuple[Path, int]] = {}
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        graded = set(db.session.scalars(select(AutoQAMessage.message_id)))
        scored = select(AutoQAResult.conversation_id)
        outs: dict[str, object] = {}
        counts: dict[str, int] = {}
        for conversation in db.session.scalars(select(Conversation).where(Conversation.id.in_(scored))
                                               .order_by(Conversation.id)
                                               .options(selectinload(Conversation.messages))):
            lang = conversation.language if conversation.language in LANGUAGES else "auto"
            channel = conversation.channel
            if channel not in outs:
                outs[channel] = (folder / f"graded-{channel}.jsonl").open("w", encoding="utf-8")
                counts[channel] = 0
            for index, message in enumerate(conversation.messages):
                if message.id not in graded:
                    continue
                # The CLI takes customer and agent history only; AutoQA also passes bot lines.
                history = [{"author": m.author, "text": m.text}
                           for m in conversation.messages[max(0, index - MAX_HISTORY):index]
                           if m.author in HISTORY_AUTHORS]
                line = {"id": message.id, "text": message.text, "lang": lang, "history": history}
                outs[channel].write(json.dumps(line, ensure_ascii=False) + "\n")
                counts[channel] += 1
        for channel, out in outs.items():
            out.close()
            files[channel] = (folder / f"graded-{channel}.jsonl", counts[channel])
        db.session.remove()
        db.engine.dispose()
    return files


def _grade_seconds(path: Path, channel: str) -> float:
    started = time.monotonic()
    subprocess.run([KOHTAAMO, "grade", "--jsonl", str(path), "--rubric", "supervisor-scorecard",
                    "--channel", channel], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def one_process_grading(files: dict[str, tuple[Path, int]], step: int = 1) -> dict:
    """Time `kohtaamo grade --jsonl` per channel file (every `step`-th line); start-up on a one-line file."""
    total = startup_total = 0.0
    messages = 0
    for channel, (whole, _) in files.items():
        with whole.open(encoding="utf-8") as source:
            lines = source.readlines()[::step]
        path, count = whole.with_suffix(".sample.jsonl"), len(lines)
        path.write_text("".join(lines), encoding="utf-8")
        first = path.with_suffix(".first.jsonl")
        first.write_text(lines[0], encoding="utf-8")
        startup = _grade_seconds(first, channel)
        seconds = _grade_seconds(path, channel)
        print(f"  kohtaamo grade --jsonl {channel}: {count} messages in {seconds:.1f} s (start-up {startup:.1f} s)")
        total += seconds
        startup_total += startup
        messages += count
    return {"messages": messages, "seconds": total, "startup_seconds": startup_total,
            "grading_seconds": total - startup_total}


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--min-agent-messages", type=int, default=5,
                        help="join generated conversations until each has this many agent messages")
    parser.add_argument("--one-process-sample", type=int, default=6000,
                        help="grade at most about this many messages in one process")
    parser.add_argument("--languages", default="fi=62,en=34", help="customer languages (default fi=62,en=34)")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--skip-one-process", action="store_true", help="do not time kohtaamo grade --jsonl")
    args = parser.parse_args()

    records = long_conversations(args.count, args.seed, language_weights(args.languages),
                                 args.min_agent_messages)
    agents = sum(m["author"] == "agent" for r in records for m in r["messages"])
    with tempfile.TemporaryDirectory(prefix="kohtaamo-bulk-") as name:
        folder = Path(name)
        path = folder / "bulk.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        data = path.read_bytes()
        print(f"{len(records)} conversations ({args.languages}), {agents} agent messages "
              f"({agents / len(records):.1f} each), {len(data) / 1e6:.1f} MB; chunks of {args.chunk_size}; "
              f"{args.workers} worker(s); CPUs {os.cpu_count()}; load {os.getloadavg()[0]:.2f}")
        samplers: list[MemorySampler] = []

        def monitor(pids: list[int]):
            samplers.append(MemorySampler(pids))
            return samplers[-1].watching()

        url, drop = postgres_database(args.postgres)
        try:
            result = measure(url, args.workers, data, args.redis_url, args.chunk_size, monitor)
            files = export_graded_messages(url, folder)
            step = max(1, -(-sum(count for _, count in files.values()) // args.one_process_sample))
        finally:
            drop()
        graded = sum(count for _, count in files.values())
        seconds = result["seconds"]
        print(f"PostgreSQL {args.workers} worker(s): {result['status']}, {result['imported']} imported, "
              f"{result['scored']} pre-scored, {graded} messages graded in {seconds:.1f} s "
              f"(import {result['import_seconds']:.1f} s, AutoQA {result['autoqa_seconds']:.1f} s): "
              f"{args.count / seconds:.1f} conversations/s, {graded / seconds:.1f} messages/s"
              + (f" — {result['error']}" if result["error"] else ""))
        sampler = samplers[0]
        for number, pid in enumerate(sampler.pids, 1):
            print(f"  worker {number}: peak RSS {sampler.worker_kb[pid] / 1024:.0f} MB, work-horses "
                  f"({len(sampler.horses[pid])} seen) peak {sampler.horse_kb[pid] / 1024:.0f} MB")
        print(f"load after the job system run: {os.getloadavg()[0]:.2f}")
        if args.skip_one_process:
            return
        one = one_process_grading(files, step)
        autoqa = result["autoqa_seconds"]
        print(f"one process: {one['messages']} messages in {one['grading_seconds']:.1f} s of grading "
              f"(+ {one['startup_seconds']:.1f} s start-up): {one['messages'] / one['grading_seconds']:.1f} messages/s")
        # Per message: the one-process run may have graded a sample only.
        job_ms, one_ms = 1000 * autoqa / graded, 1000 * one["grading_seconds"] / one["messages"]
        print(f"per message: AutoQA {job_ms:.2f} ms wall with {args.workers} workers "
              f"({args.workers * job_ms:.2f} worker-ms), one process {one_ms:.2f} ms")
        print(f"job-system overhead: AutoQA wall / one-process = {job_ms / one_ms:.2f} with {args.workers} workers; "
              f"worker-seconds / one-process = {args.workers * job_ms / one_ms:.2f}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
