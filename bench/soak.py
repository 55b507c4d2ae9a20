"""Soak: the serve_bench page mix for a fixed time against `kohtaamo serve`, sampling worker memory.

Runs bench/serve_bench.py's mix (half learners with graded turns, half supervisors) with --users
users and --think seconds between requests for --minutes, and every --every seconds reads each
gunicorn worker's resident memory (VmRSS) and proportional share (Pss, which divides pages
shared copy-on-write with the master) from /proc. The workers are the children of --master (the
PID of `kohtaamo serve`). Prints each sample, then per worker the start/end/max and the growth
from the first to the last sample; a worker restarted during the run shows up as a new PID.
Loopback only, bounded by time (and by serve_bench's 1000 requests per user).

    .venv/bin/python bench/soak.py --port 5931 --master $(cat /tmp/serve.pid) --minutes 10 \\
        --users 20 --think 1 --learners 'bench-learner-{:02d}@example.com*25' --password benchpass-123
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_bench  # noqa: E402


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB."""
    rss = pss = 0.0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--master", type=int, required=True, help="PID of `kohtaamo serve`")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between memory samples")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--password", required=True)
    parser.add_argument("--supervisor", default="esihenkilo@example.com")
    parser.add_argument("--learners", default="bench-learner-{:02d}@example.com*25")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("soak: loopback only")
    if not 0 < args.minutes <= 60 or not 1 <= args.users <= 200:
        raise SystemExit("soak: --minutes 0–60, --users 1–200")
    bench_args = argparse.Namespace(
        host=args.host,
        port=args.port,
        password=args.password,
        supervisor=args.supervisor,
        learners=args.learners,
        email="",
        requests=1000,
        think=args.think,
        pages="",
    )
    threads, out, _, _ = serve_bench.prepare(bench_args, args.users)
    samples: dict[int, list[tuple[float, float, float]]] = {}
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    deadline = started + args.minutes * 60
    while True:
        now = time.monotonic() - started
        line = []
        for pid in workers(args.master):
            try:
                rss, pss = memory_mb(pid)
            except OSError:
                continue
            samples.setdefault(pid, []).append((now, rss, pss))
            line.append(f"{pid} rss {rss:.0f} pss {pss:.0f}")
        print(f"{now:6.0f} s  load {os.getloadavg()[0]:.2f}  " + "  ".join(line), flush=True)
        if time.monotonic() >= deadline:
            break
        time.sleep(min(args.every, max(0.0, deadline - time.monotonic())))
    serve_bench.STOP.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    pages = [r.seconds * 1000 for r in out if r.kind == "page"]
    turns = [r.seconds * 1000 for r in out if r.kind == "turn"]
    print(
        f"\n{len(out)} requests in {elapsed:.0f} s ({len(out) / elapsed:.1f}/s) by {args.users} users, "
        f"think {args.think:g} s; errors {sum(not r.ok for r in out)}; "
        f"load {load_before:.2f} → {os.getloadavg()[0]:.2f}"
    )
    print(
        f"pages p50 {statistics.median(pages):.0f} ms p95 {serve_bench.percentile(pages, 0.95):.0f} ms; "
        f"graded turns {len(turns)}, p50 {statistics.median(turns) if turns else 0:.0f} ms "
        f"p95 {serve_bench.percentile(turns, 0.95):.0f} ms"
    )
    print(
        "\n| worker | samples | RSS start | RSS at 1 min | RSS end | RSS max | growth from start "
        "| growth from 1 min | PSS start | PSS end |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for pid, rows in samples.items():
        (_, rss0, pss0), (_, rss1, pss1) = rows[0], rows[-1]
        settled = next((r[1] for r in rows if r[0] >= 60), rss1)  # after the first minute's warm-up
        print(
            f"| {pid} | {len(rows)} | {rss0:.0f} MB | {settled:.0f} MB | {rss1:.0f} MB | "
            f"{max(r[1] for r in rows):.0f} MB | {(rss1 - rss0) / rss0 * 100:+.1f} % | "
            f"{(rss1 - settled) / settled * 100:+.1f} % | {pss0:.0f} MB | {pss1:.0f} MB |"
        )
    total0 = sum(rows[0][2] for rows in samples.values())
    total1 = sum(rows[-1][2] for rows in samples.values())
    print(f"\nall workers' PSS: {total0:.0f} MB at the start, {total1:.0f} MB at the end")


if __name__ == "__main__":
    main()
