"""Requests per second and latency for N simulated users of the page mix, against a running server.

Standard library only (http.client with keep-alive, one thread per user). Loopback only: the
script refuses any other host. Every user logs in through the real form, then repeats its role's
cycle until it has made --requests requests (bounded), waiting --think seconds between requests:

- learners (half the users, rounded down; accounts from --learners, shared round-robin):
  the catalogue `/practice/`, the open practice turn `/practice/attempt/<id>`, and the graded
  turn itself (POST of a reply, graded in the request; a finished attempt is started anew);
- supervisors (the other half; --supervisor): a review page `/review/conversations/<id>` of a
  conversation they may see (taken from `/review/conversations`), the quality dashboard
  `/review/quality` and the catalogue.

`--users 5,20,50` runs each count in turn (new sessions each time) and prints one table row per
count: requests/s over all requests, p50/p95/max of the pages (GETs) and of the graded turns
separately, errors, and the 1-minute load average before and after (the client shares the CPU
with the server). `--pages` keeps the older mode: one account requesting a list of paths.

    .venv/bin/python bench/serve_bench.py --port 5931 --users 5,20,50 --requests 30 --think 0 \\
        --supervisor esihenkilo@example.com --learners 'bench-learner-{:02d}@example.com*25' \\
        --password benchpass-123
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

PAGES = (
    "/",
    "/practice/",
    "/review/queue",
    "/review/quality",
    "/review/conversations",
    "/calibration/",
)
REPLIES = (
    "Hei, kiitos yhteydenotosta ja pahoittelen tilannetta. Selvitän asian heti ja palaan "
    "teille tänään puhelimitse. Voitteko kertoa tilausnumeron?",
    "Hello, thank you for getting in touch, and I am sorry about the trouble. I will look into "
    "your order right away and let you know by email today what we can do.",
)
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_START = re.compile(r'action="(/practice/start/[^"]+)"')
_HIDDEN = re.compile(r'<input[^>]*name="(submission_key|answers_reply)"[^>]*value="([^"]*)"')
_HIDDEN_REV = re.compile(r'<input[^>]*value="([^"]*)"[^>]*name="(submission_key|answers_reply)"')
_CONVERSATION = re.compile(r'href="(/review/conversations/\d+)"')
_LEAVING = re.compile(r'name="leaving"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="leaving"')


STOP = threading.Event()  # set by bench/soak.py to end a run early


class User:
    """One simulated user: a keep-alive connection and its session cookie."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None
    ) -> tuple[int, str, str | None]:
        """Return status, body and Location (redirects are not followed)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed a keep-alive connection: reconnect once
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        location = response.getheader("Location")
        if location:
            location = urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl()
        return response.status, text, location

    def log_in(self, email: str, password: str) -> None:
        _, page, _ = self.request("GET", "/auth/login")
        form = {"email": email, "password": password, **_csrf(page)}
        status, _, _ = self.request("POST", "/auth/login", urllib.parse.urlencode(form))
        if status != 302:
            raise SystemExit(
                f"serve_bench: cannot log in as {email} (status {status}); check the password"
            )


def _csrf(page: str) -> dict[str, str]:
    token = _CSRF.search(page)
    return {"csrf_token": token.group(1)} if token else {}


@dataclass
class Record:
    kind: str  # "page" or "turn" (or "start": starting an attempt)
    path: str
    seconds: float
    ok: bool


@dataclass
class Learner:
    """A learner's state: the attempt being played and the form of its open turn."""

    user: User
    scenario: str  # /practice/start/<id>
    attempt: str = ""  # /practice/attempt/<id>
    form: dict[str, str] = field(default_factory=dict)
    step: int = 0


def _timed(user: User, method: str, path: str, body: str | None = None):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    try:
        status, text, location = user.request(method, path, body)
    except (http.client.HTTPException, OSError) as error:
        status, text, location = 0, str(error), None
    return status, text, location, time.perf_counter() - started


def start_attempt(learner: Learner) -> tuple[int, float]:
    """POST the scenario's start button (leaving an open attempt at it); remember the attempt."""
    user = learner.user
    _, catalogue, _ = user.request("GET", "/practice/")
    body = urllib.parse.urlencode(_csrf(catalogue))
    status, _, location, seconds = _timed(user, "POST", learner.scenario, body)
    if status == 303 and location and location.startswith("/practice/start/"):
        _, confirm, _ = user.request("GET", location)  # an open attempt: leave it, start anew
        leaving = _LEAVING.search(confirm)
        form = {
            **_csrf(confirm),
            "leaving": (leaving.group(1) or leaving.group(2)) if leaving else "",
        }
        status, _, location, more = _timed(
            user, "POST", learner.scenario, urllib.parse.urlencode(form)
        )
        seconds += more
    if status != 303 or not location or "/practice/attempt/" not in location:
        return 0, seconds
    learner.attempt = location
    return status, seconds


def learner_step(learner: Learner) -> Record:
    """One request of the learner's cycle: catalogue, the open turn, the graded reply."""
    user = learner.user
    phase = learner.step % 3
    learner.step += 1
    if phase == 0:
        status, _, _, seconds = _timed(user, "GET", "/practice/")
        return Record("page", "/practice/", seconds, status == 200)
    if phase == 1 or not learner.form:
        if not learner.attempt:
            status, seconds = start_attempt(learner)
            return Record("start", "/practice/start", seconds, status == 303)
        status, page, location, seconds = _timed(user, "GET", learner.attempt)
        if status in (302, 303) and location and "/debrief" in location:
            learner.attempt = ""  # finished elsewhere: start again next time
            return Record("page", "/practice/attempt", seconds, True)
        learner.form = {**_csrf(page), **_hidden(page)}
        learner.step = 2
        return Record("page", "/practice/attempt", seconds, status == 200 and bool(learner.form))
    form = {**learner.form, "reply": random.choice(REPLIES)}
    learner.form = {}
    status, _, location, seconds = _timed(
        user, "POST", learner.attempt, urllib.parse.urlencode(form)
    )
    if location and "/debrief" in location:
        learner.attempt = ""  # the attempt ended with this reply: the next cycle starts a new one
    return Record("turn", "/practice/attempt POST", seconds, status == 303)


def _hidden(page: str) -> dict[str, str]:
    found = {name: value for name, value in _HIDDEN.findall(page)}
    found.update({name: value for value, name in _HIDDEN_REV.findall(page)})
    return found if "submission_key" in found else {}


def run_learner(
    learner: Learner, count: int, think: float, out: list[Record], lock: threading.Lock
) -> None:
    mine = []
    for _ in range(count):
        if STOP.is_set():
            break
        mine.append(learner_step(learner))
        if think:
            time.sleep(think)
    with lock:
        out.extend(mine)


def run_pages(
    user: User, pages: list[str], count: int, think: float, out: list[Record], lock: threading.Lock
) -> None:
    mine = []
    for path in itertools.islice(itertools.cycle(pages), count):
        if STOP.is_set():
            break
        status, _, _, seconds = _timed(user, "GET", path)
        mine.append(
            Record(
                "page",
                path.split("/conversations/")[0]
                + ("/conversations/<id>" if "/conversations/" in path else ""),
                seconds,
                status == 200,
            )
        )
        if think:
            time.sleep(think)
    with lock:
        out.extend(mine)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0
    )


def _accounts(spec: str) -> list[str]:
    """'a@x,b@x' or a pattern 'bench-learner-{:02d}@example.com*25'."""
    if "*" in spec and "{" in spec:
        pattern, _, count = spec.rpartition("*")
        return [pattern.format(n) for n in range(1, int(count) + 1)]
    return [email.strip() for email in spec.split(",") if email.strip()]


def prepare(
    args: argparse.Namespace, count: int, warm: bool = True
) -> tuple[list[threading.Thread], list[Record], threading.Lock, list[str]]:
    """Log `count` users in (untimed) and build one thread per user."""
    out: list[Record] = []
    lock = threading.Lock()
    threads = []
    offset = random.Random(count)
    if args.pages:
        pages = [p.strip() for p in args.pages.split(",") if p.strip()]
        for i in range(count):
            user = User(args.host, args.port)
            user.log_in(args.email or args.supervisor, args.password)
            threads.append(
                threading.Thread(
                    target=run_pages,
                    args=(
                        user,
                        pages[i % len(pages) :] + pages[: i % len(pages)],
                        args.requests,
                        args.think,
                        out,
                        lock,
                    ),
                )
            )
        return threads, out, lock, pages
    learners = _accounts(args.learners)
    n_learners = count // 2 if count > 1 else 0
    supervisor = User(args.host, args.port)
    supervisor.log_in(args.supervisor, args.password)
    _, listing, _ = supervisor.request("GET", "/review/conversations")
    conversations = sorted(set(_CONVERSATION.findall(listing)))
    if not conversations:
        raise SystemExit(
            "serve_bench: the supervisor sees no conversations under /review/conversations"
        )
    for i in range(count - n_learners):
        user = User(args.host, args.port)
        user.log_in(args.supervisor, args.password)
        review = conversations[i % len(conversations)]
        cycle = [review, "/review/quality", "/practice/"]
        if warm:  # untimed: first hits fill per-worker caches
            for path in cycle:
                user.request("GET", path)
        threads.append(
            threading.Thread(
                target=run_pages,
                args=(user, cycle[i % 3 :] + cycle[: i % 3], args.requests, args.think, out, lock),
            )
        )
    for i in range(n_learners):
        user = User(args.host, args.port)
        user.log_in(learners[i % len(learners)], args.password)
        _, catalogue, _ = user.request("GET", "/practice/")
        scenarios = _START.findall(catalogue)
        if not scenarios:
            raise SystemExit("serve_bench: the learner's catalogue offers no scenario to start")
        learner = Learner(user, scenarios[(i // len(learners)) % len(scenarios)])
        learner.step = i % 3
        threads.append(
            threading.Thread(
                target=run_learner, args=(learner, args.requests, args.think, out, lock)
            )
        )
    if (
        warm and n_learners
    ):  # untimed: the first graded turn may load grading resources (dev server)
        for _ in range(3):
            learner_step(learner)
        learner.step = (n_learners - 1) % 3
    offset.shuffle(threads)
    return threads, out, lock, []


def measure(args: argparse.Namespace, count: int) -> dict[str, object]:
    threads, out, _, _ = prepare(args, count)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    pages = [r.seconds * 1000 for r in out if r.kind == "page"]
    turns = [r.seconds * 1000 for r in out if r.kind == "turn"]
    per_path: dict[str, list[float]] = {}
    for r in out:
        per_path.setdefault(r.path, []).append(r.seconds * 1000)
    return {
        "users": count,
        "requests": len(out),
        "seconds": elapsed,
        "rps": len(out) / elapsed,
        "pages_ps": len(pages) / elapsed,
        "page_p50": statistics.median(pages) if pages else 0.0,
        "page_p95": percentile(pages, 0.95),
        "page_max": max(pages, default=0.0),
        "turns": len(turns),
        "turn_p50": statistics.median(turns) if turns else 0.0,
        "turn_p95": percentile(turns, 0.95),
        "errors": sum(not r.ok for r in out),
        "error_paths": sorted({r.path for r in out if not r.ok}),
        "load": (load_before, load_after),
        "per_path": {path: statistics.median(ms) for path, ms in sorted(per_path.items())},
    }


def print_table(label: str, think: float, rows: list[dict[str, object]]) -> None:
    print(f"\n{label} (think {think:g} s; {os.cpu_count()} cores)")
    print(
        "| users | requests | req/s | pages/s | page p50 | page p95 | page max | turns | turn p50 | turn p95 | errors | load before → after |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        lb, la = r["load"]  # type: ignore[misc]
        print(
            f"| {r['users']} | {r['requests']} | {r['rps']:.1f} | {r['pages_ps']:.1f} | {r['page_p50']:.0f} ms | "
            f"{r['page_p95']:.0f} ms | {r['page_max']:.0f} ms | {r['turns']} | {r['turn_p50']:.0f} ms | "
            f"{r['turn_p95']:.0f} ms | {r['errors']} | {lb:.2f} → {la:.2f} |"
        )
    for r in rows:
        medians = "   ".join(f"{p} {ms:.0f}" for p, ms in r["per_path"].items())  # type: ignore[union-attr]
        print(f"  {r['users']} users, median ms: {medians}")
        if r["errors"]:
            print(
                f"  {r['users']} users, errors on: {', '.join(r['error_paths'])}", file=sys.stderr
            )  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--password", required=True, help="the same for every account used")
    parser.add_argument("--supervisor", default="esihenkilo@example.com")
    parser.add_argument(
        "--learners",
        default="oppija@example.com,learner2@example.com,mikko.nieminen@example.com,"
        "jenni.laine@example.com,sami.heikkinen@example.com",
        help="learner accounts, comma-separated or a pattern such as 'bench-learner-{:02d}@example.com*25'",
    )
    parser.add_argument(
        "--email", default="", help="with --pages: the account (default --supervisor)"
    )
    parser.add_argument("--users", default="20", help="a count or a list, e.g. 5,20,50")
    parser.add_argument("--requests", type=int, default=30, help="requests per user (bounded)")
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds each user waits between requests"
    )
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--pages", default="", help="old mode: comma-separated paths for one account"
    )
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("serve_bench: loopback only")
    counts = [int(n) for n in args.users.split(",") if n.strip()]
    if (
        not all(1 <= n <= 200 for n in counts)
        or not 1 <= args.requests <= 1000
        or not 0 <= args.think <= 10
    ):
        raise SystemExit("serve_bench: --users 1–200 each, --requests 1–1000, --think 0–10")
    rows = [measure(args, n) for n in counts]
    print_table(args.label or f"port {args.port}", args.think, rows)


if __name__ == "__main__":
    main()
