"""EXPLAIN the queries behind the busy pages on the 100,000-conversation database; fail on a sequential scan.

    .venv/bin/python bench/build_large_db.py              # once: builds kohtaamo_bench_100k (cached)
    .venv/bin/python bench/query_plans.py                 # plans at the migration head; exit 1 on a seq scan
    .venv/bin/python bench/query_plans.py --before 0006   # also measure at 0006 (downgrade, measure, upgrade)
    .venv/bin/python bench/query_plans.py --verbose       # print every query's plan summary

Each page is rendered with Flask's test client as the user who would open it; every SELECT it
sends is caught with SQLAlchemy's `before_cursor_execute` event and run again under
`EXPLAIN (ANALYZE, FORMAT JSON)` with the same parameters. A query fails the check when its
plan reads one of the large tables with a (parallel) sequential scan of 1,000 rows or more (a
scan that LIMIT stops after a row or two is no table read) -- unless the index is measured to be
no faster: such a query is run again with `SET enable_seqscan = off`, best of five runs each,
and when PostgreSQL's best plan without the sequential scan is not at least 10 % faster (the
noise of these timings on a shared machine), the scan is
reported as "cheaper than an index" with both times instead of failing (hashing a small table
such as the 6,000 reviews beats probing its index once per conversation of the window).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_large_db import DEFAULT_URL, PASSWORD, build, make_app  # noqa: E402

LARGE_TABLES = frozenset(
    {
        "conversations",
        "conversation_messages",
        "autoqa_results",
        "autoqa_messages",
        "reviews",
        "review_revisions",
        "attempts",
        "attempt_turns",
    }
)
MIN_ROWS_READ = 1000
INDEX_GAIN = 0.9  # a scan fails only when the plan without it is at least 10 % faster
SUPERVISOR = "supervisor0.t1@bench.example.com"
LEARNER = "learner0.t1@bench.example.com"
ADMIN = "admin@example.com"
TRAINER = "kouluttaja@example.com"


@dataclass
class Plan:
    sql: str
    ms: float  # EXPLAIN ANALYZE's execution time
    nodes: list[str]  # "Index Scan on reviews (ix_...)" ...
    seq_scans: list[str]  # large tables read by a sequential scan
    params: Any = None
    # Best-of-five execution times (ms) with and without sequential scans allowed, when seq_scans.
    without_seq_ms: float | None = None
    with_seq_ms: float | None = None

    @property
    def seq_scan_cheaper(self) -> bool:
        """Whether the plan that avoids the scan was measured no faster (the scan is justified)."""
        return (
            self.without_seq_ms is not None and self.without_seq_ms >= INDEX_GAIN * self.with_seq_ms
        )


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    page_ms: float
    plans: list[Plan] = field(default_factory=list)

    @property
    def seq_scans(self) -> list[str]:
        return sorted(
            {t for plan in self.plans if not plan.seq_scan_cheaper for t in plan.seq_scans}
        )

    @property
    def cheaper_scans(self) -> list[str]:
        return sorted({t for plan in self.plans if plan.seq_scan_cheaper for t in plan.seq_scans})

    @property
    def sql_ms(self) -> float:
        return sum(plan.ms for plan in self.plans)


def _one(connection: sa.Connection, sql: str, **params: Any) -> Any:
    return connection.scalar(sa.text(sql), params)


def pages(connection: sa.Connection) -> list[tuple[str, str, str]]:
    """Return (name, user e-mail, URL) of the pages whose queries are checked."""
    supervisor = _one(connection, "SELECT id FROM users WHERE email = :e", e=SUPERVISOR)
    open_conversation = _one(
        connection,
        "SELECT conversation_id FROM review_assignments WHERE reviewer_id = :u "
        "AND status = 'open' ORDER BY id LIMIT 1",
        u=supervisor,
    )
    review = _one(
        connection,
        "SELECT id FROM reviews WHERE reviewer_id = :u ORDER BY id LIMIT 1",
        u=supervisor,
    )
    session = _one(
        connection,
        "SELECT id FROM calibration_sessions WHERE owner_id = :u ORDER BY id LIMIT 1",
        u=supervisor,
    )
    assignment = _one(
        connection, "SELECT id FROM assignments WHERE team_id IS NOT NULL ORDER BY id DESC LIMIT 1"
    )
    learner = _one(connection, "SELECT id FROM users WHERE email = :e", e=LEARNER)
    attempt = _one(
        connection,
        "SELECT id FROM attempts WHERE user_id = :u AND status = 'finished' ORDER BY id LIMIT 1",
        u=learner,
    )
    return [
        ("review queue", SUPERVISOR, "/review/queue"),
        ("review page", SUPERVISOR, f"/review/conversations/{open_conversation}"),
        ("review detail", SUPERVISOR, f"/review/reviews/{review}"),
        ("disputes", SUPERVISOR, "/review/disputes?status=all"),
        ("team practice", SUPERVISOR, "/review/"),
        ("quality dashboard (supervisor)", SUPERVISOR, "/review/quality"),
        ("quality list reviewed (supervisor)", SUPERVISOR, "/review/conversations?reviewed=y"),
        ("quality dashboard (admin)", ADMIN, "/review/quality"),
        ("quality list (admin)", ADMIN, "/review/conversations?reviewed=y"),
        ("my reviews (agent)", LEARNER, "/review/mine"),
        ("learner progress", LEARNER, "/practice/progress"),
        ("debrief", LEARNER, f"/practice/attempt/{attempt}/debrief"),
        ("practice catalogue", LEARNER, "/practice/"),
        ("calibration list", SUPERVISOR, "/calibration/"),
        ("calibration session", SUPERVISOR, f"/calibration/{session}"),
        ("calibration results", SUPERVISOR, f"/calibration/{session}/results"),
        ("assignment list", TRAINER, "/authoring/assignments"),
        ("assignment report", TRAINER, f"/authoring/assignments/{assignment}"),
    ]


def _walk(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def explain(connection: sa.Connection, sql: str, params: Any) -> Plan:
    """Run `sql` under EXPLAIN ANALYZE and summarise its plan."""
    row = connection.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params).scalar()
    top = row[0]
    nodes, seq = [], []
    for node in _walk(top["Plan"]):
        relation = node.get("Relation Name")
        if relation is None:
            continue
        label = f"{node['Node Type']} on {relation}" + (
            f" ({node['Index Name']})" if node.get("Index Name") else ""
        )
        nodes.append(label)
        loops = node.get("Actual Loops", 1)
        read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
        # A scan stopped by LIMIT after a few rows (e.g. "is there any?") reads no table.
        if (
            node["Node Type"] in ("Seq Scan", "Parallel Seq Scan")
            and relation in LARGE_TABLES
            and read >= MIN_ROWS_READ
        ):
            seq.append(relation)
    plan = Plan(sql, top["Execution Time"], nodes, seq, params)
    if seq:
        plan.with_seq_ms = _best_time(connection, sql, params)
        connection.exec_driver_sql("SET enable_seqscan = off")
        try:
            plan.without_seq_ms = _best_time(connection, sql, params)
        finally:
            connection.exec_driver_sql("SET enable_seqscan = on")
    return plan


def _best_time(connection: sa.Connection, sql: str, params: Any, runs: int = 5) -> float:
    """Return the best EXPLAIN ANALYZE execution time of `sql` over `runs` runs, in ms."""
    return min(
        connection.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params).scalar()[0][
            "Execution Time"
        ]
        for _ in range(runs)
    )


def capture(
    app, engine: sa.Engine, email: str, url: str
) -> tuple[int, float, list[tuple[str, Any]]]:
    """Render `url` as `email`; return the status, the time taken and the SELECTs it sent."""
    client = app.test_client()
    with app.app_context():
        response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, f"login as {email} failed"
    seen: list[tuple[str, Any]] = []

    def listen(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")) and not executemany:
            seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        with app.app_context():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    return response.status_code, elapsed, seen


def measure(app) -> list[PageResult]:
    from qa_app.extensions import db

    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            wanted = pages(connection)
        results = []
        for name, email, url in wanted:
            status, page_ms, statements = capture(app, engine, email, url)
            result = PageResult(name, url, status, page_ms)
            unique: dict[str, Any] = {}
            for statement, params in statements:
                unique.setdefault(statement, params)
            with engine.connect() as connection:
                for statement, params in unique.items():
                    result.plans.append(explain(connection, statement, params))
                connection.rollback()
            results.append(result)
    return results


def report(results: list[PageResult], title: str, verbose: bool) -> None:
    print(f"\n== {title} ==")
    print(
        f"{'page':38} {'status':>6} {'page ms':>8} {'queries':>7} {'SQL ms':>8}  slowest query / seq scans"
    )
    for result in results:
        slowest = max(result.plans, key=lambda p: p.ms, default=None)
        note = f"{slowest.ms:7.1f} ms: {_short(slowest)}" if slowest else ""
        if result.seq_scans:
            note += "  SEQ SCAN: " + ", ".join(result.seq_scans)
        for plan in result.plans:
            if plan.seq_scan_cheaper:
                note += (
                    f"  seq scan on {', '.join(plan.seq_scans)} cheaper than an index "
                    f"({plan.with_seq_ms:.1f} ms vs {plan.without_seq_ms:.1f} ms)"
                )
        print(
            f"{result.name:38} {result.status:>6} {result.page_ms:8.0f} {len(result.plans):7} {result.sql_ms:8.1f}  {note}"
        )
        if verbose:
            for plan in result.plans:
                print(f"    {plan.ms:8.2f} ms  {' | '.join(plan.nodes) or '(no table)'}")
                print(f"               {plan.sql[:300].replace(chr(10), ' ')}")


def _short(plan: Plan) -> str:
    return "; ".join(dict.fromkeys(plan.nodes))[:160] or "(no table)"


def failures(results: list[PageResult]) -> list[str]:
    problems = [f"{r.name}: {r.url} answered {r.status}" for r in results if r.status != 200]
    for result in results:
        for plan in result.plans:
            if plan.seq_scans and not plan.seq_scan_cheaper:
                problems.append(
                    f"{result.name}: sequential scan on {', '.join(plan.seq_scans)} in "
                    f"{plan.sql[:200].replace(chr(10), ' ')}"
                )
    return problems


def show(app, result: PageResult) -> None:
    """Print EXPLAIN ANALYZE's text plan of each of the page's queries with a sequential scan."""
    from qa_app.extensions import db

    with app.app_context(), db.engine.connect() as connection:
        for plan in result.plans:
            if plan.seq_scans:
                print("\n" + plan.sql)
                for (line,) in connection.exec_driver_sql(
                    "EXPLAIN ANALYZE " + plan.sql, plan.params
                ):
                    print("   ", line)


def _migrate(app, revision: str, step: Callable) -> None:
    from qa_app.extensions import db

    with app.app_context():
        step(revision=revision)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("ANALYZE"))


def main() -> int:
    from flask_migrate import downgrade, upgrade

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument(
        "--before", metavar="REVISION", help="also measure with the schema at REVISION"
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--show", metavar="PAGE", help="print the full plans of the page's queries that scan"
    )
    args = parser.parse_args()
    build(args.url, 100_000)
    app = make_app(args.url)
    import logging

    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.before:
        _migrate(app, args.before, downgrade)
        before = measure(app)
        report(before, f"before: schema at {args.before}", args.verbose)
    _migrate(app, "head", upgrade)
    after = measure(app)
    report(after, "after: schema at head", args.verbose)
    if args.before:
        print(f"\n{'page':38} {'SQL ms before':>13} {'after':>8} {'ratio':>6}")
        for old, new in zip(before, after, strict=True):
            ratio = old.sql_ms / new.sql_ms if new.sql_ms else float("nan")
            print(f"{new.name:38} {old.sql_ms:13.1f} {new.sql_ms:8.1f} {ratio:5.1f}x")
    if args.show:
        show(app, next(r for r in after if r.name == args.show))
    problems = failures(after)
    for problem in problems:
        print("FAIL", problem)
    cheaper = sum(plan.seq_scan_cheaper for result in after for plan in result.plans)
    print(
        f"OK: no sequential scan on a large table that an index would beat ({cheaper} measured cheaper)"
        if not problems
        else f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
