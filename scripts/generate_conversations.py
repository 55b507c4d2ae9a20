#!/usr/bin/env python3
"""Generate realistic customer-service conversations for tests, benchmarks and demos.

    .venv/bin/python scripts/generate_conversations.py --count 1000 --seed 7 --output chats.jsonl
    .venv/bin/python scripts/generate_conversations.py --count 50 --format csv --start 2026-03-01 \
        --agents anna@example.com,a17 --output - | head

The same options give the same file. Bad input exits 2 with one line on stderr.
The conversations come from `qa_app.imports.generate` (docs/import-formats.md, "Generated test data").
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_app.imports.generate import (  # noqa: E402
    DEFAULT_DAYS,
    LANGUAGE_WEIGHTS,
    generate_conversations,
    write_csv,
    write_jsonl,
)

PROG = "generate_conversations"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line instead of usage plus error
        _fail(message)


def _fail(message: str) -> NoReturn:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number (got {value!r})") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {count})")
    return count


def _start(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an ISO date such as 2026-03-01 (got {value!r})") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _agents(value: str) -> list[str]:
    agents = [agent.strip() for agent in value.split(",") if agent.strip()]
    if not agents:
        raise argparse.ArgumentTypeError("give at least one agent e-mail or id, comma-separated")
    return agents


def _languages(value: str) -> dict[str, int]:
    weights: dict[str, int] = {}
    for part in value.split(","):
        language, _, weight = part.partition("=")
        language = language.strip()
        if language not in LANGUAGE_WEIGHTS or not weight.strip().isdigit():
            raise argparse.ArgumentTypeError(f"expected e.g. fi=65,en=35 with fi, en or sv (got {value!r})")
        weights[language] = int(weight)
    if not sum(weights.values()):
        raise argparse.ArgumentTypeError(f"at least one language needs a weight above 0 (got {value!r})")
    return weights


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Generate customer-service conversations in the import format.")
    parser.add_argument("--count", type=_count, required=True, help="how many conversations")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same file")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="file format (default jsonl)")
    parser.add_argument("--output", default="-", help="file to write, or - for standard output (default)")
    parser.add_argument("--start", type=_start, help="first day of the period (ISO date; default 2026-01-05)")
    parser.add_argument("--days", type=_count, default=DEFAULT_DAYS, help=f"length of the period in days (default {DEFAULT_DAYS})")
    parser.add_argument("--agents", type=_agents, help="comma-separated agent e-mails or ids")
    default_languages = ",".join(f"{k}={v}" for k, v in LANGUAGE_WEIGHTS.items())
    parser.add_argument("--languages", type=_languages,
                        help=f"customers' languages with weights (default {default_languages})")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    conversations = generate_conversations(args.count, args.seed, args.start, args.agents, days=args.days,
                                           languages=args.languages)
    write = write_csv if args.format == "csv" else write_jsonl
    if args.output == "-":
        write(conversations, sys.stdout)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write(conversations, out)
    except OSError as error:
        _fail(f"cannot write {args.output}: {error.strerror or error}")
    print(f"wrote {len(conversations)} conversations to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
