"""Pages per second and latency for N users requesting pages back to back, against a running server.

Standard library only (http.client with keep-alive, one thread per user). Each user logs in
through the real form, then requests the page mix round-robin until it has made --requests
requests. Loopback only: the script refuses any other host. Prints throughput, p50/p95/max and
errors, plus the machine's load average before and after (the client shares the CPU with the
server, so on a 2-core machine it takes part of what the server could use).

    .venv/bin/python bench/serve_bench.py --port 5000 --email esihenkilo@example.com \\
        --password PASSWORD --users 20 --requests 40

Compare servers by starting each on its own port against the same database, e.g.
`kohtaamo run --port 5801` (Flask's development server) and `kohtaamo serve --bind 127.0.0.1:5802`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse

PAGES = (
    "/",
    "/practice/",
    "/review/queue",
    "/review/quality",
    "/review/conversations",
    "/calibration/",
)
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class User:
    """One simulated user: a keep-alive connection and its session cookie."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
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
        return response.status, text

    def log_in(self, email: str, password: str) -> None:
        status, page = self.request("GET", "/auth/login")
        token = _CSRF.search(page)
        form = {
            "email": email,
            "password": password,
            **({"csrf_token": token.group(1)} if token else {}),
        }
        status, _ = self.request("POST", "/auth/login", urllib.parse.urlencode(form))
        if status != 302:
            raise SystemExit(
                f"serve_bench: cannot log in as {email} (status {status}); check --email/--password"
            )


def run_user(
    user: User,
    pages: tuple[str, ...],
    count: int,
    offset: int,
    times: list[tuple[str, float]],
    errors: list[str],
    lock: threading.Lock,
) -> None:
    mine: list[tuple[str, float]] = []
    for number in range(count):
        path = pages[(offset + number) % len(pages)]
        started = time.perf_counter()
        try:
            status, _ = user.request("GET", path)
        except (http.client.HTTPException, OSError) as error:
            status, _ = 0, str(error)
        mine.append((path, time.perf_counter() - started))
        if status != 200:
            with lock:
                errors.append(f"{path}: {status}")
    with lock:
        times.extend(mine)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="requests per user (bounded)")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--pages", default=",".join(PAGES), help="comma-separated paths (default: the page mix)"
    )
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("serve_bench: loopback only")
    if not 1 <= args.users <= 200 or not 1 <= args.requests <= 1000:
        raise SystemExit("serve_bench: --users must be 1–200 and --requests 1–1000")

    pages = tuple(path.strip() for path in args.pages.split(",") if path.strip())
    users = [User(args.host, args.port) for _ in range(args.users)]
    for user in users:
        user.log_in(args.email, args.password)
    for user in users:  # one warm-up round: first hits fill caches in every worker
        user.request("GET", "/")
    times: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    load_before = os.getloadavg()
    threads = [
        threading.Thread(target=run_user, args=(user, pages, args.requests, i, times, errors, lock))
        for i, user in enumerate(users)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()
    ms = [t * 1000 for _, t in times]
    print(
        f"{args.label or f'port {args.port}'}: {len(ms)} pages by {args.users} users in {elapsed:.1f} s"
    )
    print(
        f"  pages/s {len(ms) / elapsed:.1f}   p50 {statistics.median(ms):.0f} ms   "
        f"p95 {percentile(ms, 0.95):.0f} ms   max {max(ms):.0f} ms   errors {len(errors)}"
    )
    print(
        f"  load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min; {os.cpu_count()} cores)"
    )
    per_page = "   ".join(
        f"{path} {statistics.median([t * 1000 for p, t in times if p == path]):.0f}"
        for path in pages
    )
    print(f"  median ms per page: {per_page}")
    if errors:
        print("  first errors: " + ", ".join(errors[:5]), file=sys.stderr)


if __name__ == "__main__":
    main()
