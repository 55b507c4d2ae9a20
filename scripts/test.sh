#!/usr/bin/env bash
# Run the whole suite on SQLite, then every database-backed test (browser tests included) again
# on PostgreSQL when it answers on 127.0.0.1:5432 (database `test`, trust auth), as CI does.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider)

run() {  # pytest exits 5 when it collects nothing; that is a failure of the suite here too
    "${PYTEST[@]}" "$@"
}

echo "== lint (ruff) =="
.venv/bin/ruff check qa_app tests bench || exit $?

echo "== tests on SQLite =="
run tests --ignore=tests/e2e || exit $?

# The browser tests serve the app from a thread of their own; a fresh process keeps them
# independent of the state the other tests leave behind.
echo "== browser tests (system Chromium) =="
run tests/e2e || exit $?

PG_URL=${KOHTAAMO_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
if .venv/bin/python - "$PG_URL" <<'PY' 2>/dev/null
import sys
import sqlalchemy
engine = sqlalchemy.create_engine(sys.argv[1], connect_args={"connect_timeout": 3})
with engine.connect():
    pass
PY
then
    # Every test that touches the database, wherever it lives (tests/conftest.py deselects the
    # pure ones, which ran above), then the browser tests, each served on a scratch database.
    echo "== database tests on PostgreSQL (${SECONDS} s so far) =="
    KOHTAAMO_TEST_DATABASE_URL="$PG_URL" KOHTAAMO_PG_PASS=1 run tests --ignore=tests/e2e || exit $?
    echo "== browser tests served on PostgreSQL (${SECONDS} s so far) =="
    KOHTAAMO_TEST_DATABASE_URL="$PG_URL" KOHTAAMO_PG_PASS=1 run tests/e2e || exit $?
else
    echo "PostgreSQL is not answering on 127.0.0.1:5432; skipped the PostgreSQL pass."
fi
echo "== all passed in ${SECONDS} s =="
