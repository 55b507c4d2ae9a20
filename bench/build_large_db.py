"""Build (once) a PostgreSQL database with 100,000 conversations for query-plan checks.

    .venv/bin/python bench/build_large_db.py [--url postgresql+psycopg://postgres@127.0.0.1:5432/kohtaamo_bench_100k]
                                             [--conversations 100000] [--rebuild]

The demo data (`kohtaamo demo`: real imports, AutoQA pre-scores, reviews, practice attempts,
calibration sessions) is loaded through the services first; its rows are then copied in bulk
with PostgreSQL's COPY — new ids, new agents in ten teams, dates spread over a year — so every
stored JSON column holds what the app itself writes and every page renders. Not the importer:
100,000 conversations go in within a few minutes. A row in `bench_meta` records what was built,
so later runs reuse the database; `--rebuild` drops it first.

Shares (per conversation): ~8 messages, 90 % pre-scored by AutoQA, 6 % reviewed (copies of the
demo's reviews, revisions included), 2 % more waiting in a reviewer's queue; per learner ~40 practice attempts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kohtaamo_bench_100k"
PASSWORD = "bench-password-42"
TEAMS = 10  # the demo team plus nine generated ones
SUPERVISORS_PER_TEAM = 2
AGENTS_PER_TEAM = 35
UNLINKED_AGENTS = 20
DAYS = 365
AUTOQA_SHARE, REVIEW_SHARE, QUEUED_SHARE = 0.90, 0.06, 0.02
ATTEMPTS_PER_LEARNER = 40
CALIBRATION_SESSIONS_PER_TEAM = 4
SEED = 15


def ensure_database(url: str, rebuild: bool) -> None:
    """Create the database named in `url` on its server (dropping it first with `rebuild`)."""
    target = sa.engine.make_url(url)
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        )
        if exists and rebuild:
            connection.execute(sa.text(f'DROP DATABASE "{target.database}" WITH (FORCE)'))
            exists = False
        if not exists:
            connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def built_count(engine: sa.Engine) -> int | None:
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("bench_meta"):
            return None
        return connection.scalar(sa.text("SELECT conversations FROM bench_meta"))


def make_app(url: str):
    from qa_app import create_app
    from qa_app.config import Config

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = "bench-secret-key-0123456789"
        JOBS = "inline"
        JOBS_INLINE_THREAD = False
        WTF_CSRF_ENABLED = False

    return create_app(BenchConfig)


def load_templates(app) -> None:
    """Migrate, import the starter content and load the demo through the services."""
    from flask_migrate import upgrade

    from qa_app.extensions import db
    from qa_app.services import content_store, content_versions
    from qa_app.services.demo import load_demo

    with app.app_context():
        upgrade()
        content_versions.import_starter(Path(app.config["CONTENT_DIR"]))
        db.session.commit()
        content_store.refresh_library()
        load_demo(password=PASSWORD)
        db.session.commit()


class Copier:
    """Copy rows table by table with COPY, handing out ids above the current maximum."""

    def __init__(self, connection: sa.Connection, metadata: sa.MetaData) -> None:
        self.connection = connection
        self.metadata = metadata
        self.next_id: dict[str, int] = {}
        self.pending: dict[str, list[tuple]] = defaultdict(list)

    def rows(self, table: str, where: str = "") -> list[dict]:
        query = f"SELECT * FROM {table} {where} ORDER BY id"
        return [dict(row._mapping) for row in self.connection.execute(sa.text(query))]

    def new_id(self, table: str) -> int:
        if table not in self.next_id:
            self.next_id[table] = (
                self.connection.scalar(sa.text(f"SELECT coalesce(max(id), 0) FROM {table}")) or 0
            ) + 1
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def add(self, table: str, row: dict) -> dict:
        columns = self.metadata.tables[table].columns.keys()
        self.pending[table].append(tuple(row.get(column) for column in columns))
        if len(self.pending[table]) >= 50_000:
            self.flush()  # every table, parents first, so foreign keys hold
        return row

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else [t.name for t in self.metadata.sorted_tables]:
            rows = self.pending.pop(name, [])
            if not rows:
                continue
            columns = ", ".join(f'"{c}"' for c in self.metadata.tables[name].columns.keys())
            cursor = self.connection.connection.driver_connection.cursor()
            with cursor.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def reset_sequences(self) -> None:
        for table in self.metadata.sorted_tables:
            if "id" in table.columns:
                self.connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


def shifted(row: dict, delta: timedelta, **changes) -> dict:
    """Return a copy of `row` with every datetime moved by `delta` and `changes` applied."""
    copy = {
        key: (value + delta if isinstance(value, datetime) else value) for key, value in row.items()
    }
    copy.update(changes)
    return copy


def multiply(connection: sa.Connection, metadata: sa.MetaData, total: int) -> None:
    rng = random.Random(SEED)
    copier = Copier(connection, metadata)
    users = copier.rows("users")
    template_user = next(u for u in users if u["role"] == "learner")
    admin = next(u for u in users if u["role"] == "admin")
    demo_team = connection.scalar(sa.text("SELECT min(id) FROM teams"))
    now = connection.scalar(sa.text("SELECT max(first_message_at) FROM conversations"))

    # Teams, supervisors and agents (linked learners), plus agents no user is linked to yet.
    supervisors: dict[int, list[int]] = defaultdict(
        list,
        {
            demo_team: [
                u["id"] for u in users if u["role"] == "supervisor" and u["team_id"] == demo_team
            ]
        },
    )
    agents: list[tuple[int, int | None]] = [  # (agent id, team id)
        (a["id"], next((u["team_id"] for u in users if u["id"] == a["user_id"]), None))
        for a in copier.rows("agents")
    ]
    learners: list[int] = []
    for number in range(1, TEAMS):
        team_id = copier.new_id("teams")
        copier.add("teams", {"id": team_id, "name": f"Bench team {number:02d}", "created_at": now})
        for role, count in (("supervisor", SUPERVISORS_PER_TEAM), ("learner", AGENTS_PER_TEAM)):
            for index in range(count):
                user_id = copier.new_id("users")
                email = f"{role}{index}.t{number}@bench.example.com"
                copier.add(
                    "users",
                    shifted(
                        template_user,
                        timedelta(0),
                        id=user_id,
                        email=email,
                        name=f"{role.title()} {index} T{number}",
                        role=role,
                        team_id=team_id,
                        agent_id=None,
                    ),
                )
                if role == "supervisor":
                    supervisors[team_id].append(user_id)
                else:
                    learners.append(user_id)
                    agent_id = copier.new_id("agents")
                    copier.add(
                        "agents",
                        {
                            "id": agent_id,
                            "external_key": email,
                            "user_id": user_id,
                            "created_at": now,
                        },
                    )
                    agents.append((agent_id, team_id))
    for index in range(UNLINKED_AGENTS):
        agent_id = copier.new_id("agents")
        copier.add(
            "agents",
            {
                "id": agent_id,
                "external_key": f"ext-agent-{index}",
                "user_id": None,
                "created_at": now,
            },
        )
        agents.append((agent_id, None))
    copier.flush()

    # Conversations with their messages, AutoQA results, reviews and queue entries.
    conversations = copier.rows("conversations")
    messages = defaultdict(list)
    for message in copier.rows("conversation_messages"):
        messages[message["conversation_id"]].append(message)
    autoqa = {r["conversation_id"]: r for r in copier.rows("autoqa_results")}
    autoqa_messages = defaultdict(list)
    for row in copier.rows("autoqa_messages"):
        autoqa_messages[row["autoqa_id"]].append(row)
    reviews = {r["conversation_id"]: r for r in copier.rows("reviews")}
    revisions = defaultdict(list)
    for row in copier.rows("review_revisions"):
        revisions[row["review_id"]].append(row)
    scored_templates = [c for c in conversations if c["id"] in autoqa and c["flag"] is None]
    reviewed_templates = [
        c
        for c in scored_templates
        if c["id"] in reviews
        and reviews[c["id"]]["rubric_version_id"] == autoqa[c["id"]]["rubric_version_id"]
    ]
    by_team: dict[int | None, list[int]] = defaultdict(list)
    started = time.perf_counter()
    for number in range(total - len(conversations)):
        draw = rng.random()
        reviewed, queued = draw < REVIEW_SHARE, REVIEW_SHARE <= draw < REVIEW_SHARE + QUEUED_SHARE
        scored = reviewed or rng.random() < AUTOQA_SHARE
        # A review's scores must fit its conversation's AutoQA result: copy them together.
        pool = reviewed_templates if reviewed else scored_templates if scored else conversations
        template = pool[number % len(pool)]
        agent_id, team_id = agents[rng.randrange(len(agents))]
        start = now - timedelta(days=rng.uniform(0, DAYS))
        delta = start - template["first_message_at"]
        cid = copier.new_id("conversations")
        copier.add(
            "conversations",
            shifted(
                template,
                delta,
                id=cid,
                source="bench",
                external_id=f"b{number}",
                agent_id=agent_id,
                customer=f"customer{rng.randrange(40_000)}@example.com",
            ),
        )
        by_team[team_id].append(cid)
        new_message = {}
        for message in messages[template["id"]]:
            mid = copier.new_id("conversation_messages")
            new_message[message["id"]] = mid
            copier.add(
                "conversation_messages", shifted(message, delta, id=mid, conversation_id=cid)
            )
        result = autoqa.get(template["id"])
        if not scored or result is None or template["flag"] is not None:
            continue
        aid = copier.new_id("autoqa_results")
        copier.add("autoqa_results", shifted(result, delta, id=aid, conversation_id=cid))
        for row in autoqa_messages[result["id"]]:
            copier.add(
                "autoqa_messages",
                dict(
                    row,
                    id=copier.new_id("autoqa_messages"),
                    autoqa_id=aid,
                    message_id=new_message[row["message_id"]],
                ),
            )
        reviewer = rng.choice(supervisors[team_id]) if team_id in supervisors else admin["id"]
        if reviewed:
            review = reviews[template["id"]]
            rid = copier.new_id("reviews")
            copier.add(
                "reviews",
                shifted(
                    review,
                    delta,
                    id=rid,
                    conversation_id=cid,
                    reviewer_id=reviewer,
                    acknowledged_at=None,
                ),
            )
            for revision in revisions[review["id"]]:
                copier.add(
                    "review_revisions",
                    shifted(
                        revision,
                        delta,
                        id=copier.new_id("review_revisions"),
                        review_id=rid,
                        author_id=reviewer,
                    ),
                )
            copier.add(
                "review_assignments",
                {
                    "id": copier.new_id("review_assignments"),
                    "conversation_id": cid,
                    "reviewer_id": reviewer,
                    "rule_id": None,
                    "status": "done",
                    "created_at": start,
                    "done_at": start + timedelta(days=1),
                },
            )
        elif queued:
            copier.add(
                "review_assignments",
                {
                    "id": copier.new_id("review_assignments"),
                    "conversation_id": cid,
                    "reviewer_id": reviewer,
                    "rule_id": None,
                    "status": "open",
                    "created_at": start,
                    "done_at": None,
                },
            )
        if (number + 1) % 20_000 == 0:
            print(
                f"  {number + 1} conversations copied ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    copier.flush()
    _attempts(copier, rng, learners, now)
    _calibration(copier, rng, supervisors, by_team, now)
    _assignments(copier, learners, now)
    copier.flush()
    copier.reset_sequences()


def _attempts(copier: Copier, rng: random.Random, learners: list[int], now: datetime) -> None:
    attempts = copier.rows("attempts", "WHERE status = 'finished'")
    turns = defaultdict(list)
    for turn in copier.rows("attempt_turns"):
        turns[turn["attempt_id"]].append(turn)
    for learner in learners:
        for _ in range(ATTEMPTS_PER_LEARNER):
            template = rng.choice(attempts)
            delta = now - timedelta(days=rng.uniform(0, DAYS)) - template["started_at"]
            attempt_id = copier.new_id("attempts")
            copier.add("attempts", shifted(template, delta, id=attempt_id, user_id=learner))
            for turn in turns[template["id"]]:
                copier.add(
                    "attempt_turns",
                    shifted(
                        turn,
                        delta,
                        id=copier.new_id("attempt_turns"),
                        attempt_id=attempt_id,
                        submission_key=f"{attempt_id}-{turn['index']}",
                    ),
                )


def _calibration(
    copier: Copier,
    rng: random.Random,
    supervisors: dict[int, list[int]],
    by_team: dict[int | None, list[int]],
    now: datetime,
) -> None:
    sessions = copier.rows("calibration_sessions")
    items = defaultdict(list)
    for item in copier.rows("calibration_items"):
        items[item["session_id"]].append(item)
    scores = defaultdict(list)
    for score in copier.rows("calibration_scores"):
        scores[score["item_id"]].append(score)
    for team_id, raters in supervisors.items():
        if not by_team[team_id]:
            continue
        for number in range(CALIBRATION_SESSIONS_PER_TEAM):
            template = sessions[number % len(sessions)]
            delta = now - timedelta(days=30 * number) - template["created_at"]
            sid = copier.new_id("calibration_sessions")
            copier.add(
                "calibration_sessions",
                shifted(template, delta, id=sid, owner_id=raters[0], benchmark_id=None),
            )
            for rater in raters:
                copier.add(
                    "calibration_participants",
                    {
                        "id": copier.new_id("calibration_participants"),
                        "session_id": sid,
                        "user_id": rater,
                        "added_at": now,
                    },
                )
            chosen = rng.sample(
                by_team[team_id], min(len(items[template["id"]]), len(by_team[team_id]))
            )
            for item, cid in zip(items[template["id"]], chosen, strict=False):
                item_id = copier.new_id("calibration_items")
                copier.add(
                    "calibration_items",
                    shifted(
                        item,
                        delta,
                        id=item_id,
                        session_id=sid,
                        conversation_id=cid,
                        agreed_by_id=None,
                        review_id=None,
                    ),
                )
                for score, rater in zip(scores[item["id"]], raters, strict=False):
                    copier.add(
                        "calibration_scores",
                        shifted(
                            score,
                            delta,
                            id=copier.new_id("calibration_scores"),
                            item_id=item_id,
                            rater_id=rater,
                        ),
                    )


def _assignments(copier: Copier, learners: list[int], now: datetime) -> None:
    assignments = copier.rows("assignments")
    team_ids = [
        r[0] for r in copier.connection.execute(sa.text("SELECT id FROM teams ORDER BY id"))
    ]
    for team_id in team_ids[1:]:
        for template in assignments:
            copier.add(
                "assignments",
                dict(
                    template,
                    id=copier.new_id("assignments"),
                    team_id=template["team_id"] and team_id,
                    user_id=None
                    if template["user_id"] is None
                    else learners[team_id % len(learners)],
                ),
            )


def build(url: str, total: int, rebuild: bool = False) -> None:
    ensure_database(url, rebuild)
    engine = sa.create_engine(url)
    have = built_count(engine)
    if have is not None:
        print(
            f"{url.rsplit('/', 1)[-1]}: already built with {have} conversations (use --rebuild to start again)"
        )
        return
    started = time.perf_counter()
    app = make_app(url)
    print("loading the demo through the services ...", flush=True)
    load_templates(app)
    from qa_app.extensions import db

    with app.app_context():
        metadata = db.metadata
    print(f"copying to {total} conversations ...", flush=True)
    with engine.begin() as connection:
        multiply(connection, metadata, total)
        connection.execute(
            sa.text("CREATE TABLE bench_meta (conversations integer, built_at timestamp)")
        )
        connection.execute(sa.text("INSERT INTO bench_meta VALUES (:n, now())"), {"n": total})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("VACUUM ANALYZE"))
        counts = {
            t: connection.scalar(sa.text(f"SELECT count(*) FROM {t}"))
            for t in (
                "conversations",
                "conversation_messages",
                "autoqa_results",
                "autoqa_messages",
                "reviews",
                "review_revisions",
                "review_assignments",
                "attempts",
                "attempt_turns",
                "calibration_items",
            )
        }
    print(
        f"built in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{t} {n}" for t, n in counts.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    build(args.url, args.conversations, args.rebuild)


if __name__ == "__main__":
    main()
