"""`kohtaamo agreement --csv FILE`: chance-corrected agreement of raters, as JSON on stdout.

Needs neither the app nor the database: the same pure statistics as calibration sessions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def register(cli: click.Group) -> None:
    @cli.command("agreement")
    @click.option("--csv", "csv_path", required=True, metavar="FILE|-",
                  help="Long-format CSV with the header item, rater, criterion, score (- reads stdin).")
    @click.option("--benchmark", metavar="RATER", default=None,
                  help="Rater whose scores are the reference for each rater's bias.")
    def agreement_command(csv_path: str, benchmark: str | None) -> None:
        """Print Krippendorff's alpha, ICC(2,1)/ICC(2,k) with 95 % CIs per criterion and rater bias.

        ICC uses the items every rater of a criterion scored and is null with fewer than two; a
        rater's bias is the mean of (their score - the mean of the others' on the same item).
        """
        from ..stats.ratings import RatingsFileError, agreement_report, read_ratings

        name = "stdin" if csv_path == "-" else csv_path
        try:
            text = sys.stdin.read() if csv_path == "-" else Path(csv_path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            _fail(f"{name}: no such file")
        except IsADirectoryError:
            _fail(f"{name}: is a directory, not a CSV file")
        except UnicodeDecodeError:
            _fail(f"{name}: not UTF-8 text")
        except OSError as error:
            _fail(f"{name}: cannot be read ({error.strerror or error})")
        try:
            ratings = read_ratings(text, name)
        except RatingsFileError as error:
            _fail(str(error))
        if benchmark is not None and benchmark not in {r.rater for r in ratings}:
            _fail(f"{name}: the benchmark rater {benchmark!r} has no scores in the file")
        click.echo(json.dumps(agreement_report(ratings, benchmark), ensure_ascii=False, indent=2))


def _fail(message: str) -> None:
    click.echo(f"kohtaamo agreement: {message}", err=True)
    sys.exit(2)
