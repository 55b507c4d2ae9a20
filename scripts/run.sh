#!/usr/bin/env bash
# `make run`: serve the app with gunicorn (`kohtaamo serve`) on KOHTAAMO_BIND, 127.0.0.1:5000 by
# default. When Redis answers at KOHTAAMO_REDIS_URL, start one RQ worker beside the server
# (imports and AutoQA then run on it); without Redis the server runs those jobs itself, in a
# background thread (KOHTAAMO_JOBS=auto). Ctrl-C stops both. Logs are text here unless
# KOHTAAMO_LOG_FORMAT says json.
set -euo pipefail
cd "$(dirname "$0")/.."
KOHTAAMO=.venv/bin/kohtaamo

if .venv/bin/python - <<'PY' 2>/dev/null
import os, sys
from redis import Redis
url = os.environ.get("KOHTAAMO_REDIS_URL") or "redis://127.0.0.1:6379/0"
sys.exit(0 if Redis.from_url(url, socket_connect_timeout=1).ping() else 1)
PY
then
    echo "run: Redis answers; starting a background-job worker (kohtaamo worker)"
    $KOHTAAMO worker &
    worker_pid=$!
    trap 'kill "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null || true' EXIT INT TERM
else
    echo "run: no Redis; background jobs run inside the web server"
fi
bind=${KOHTAAMO_BIND:-127.0.0.1:5000}
echo "run: serving on http://$bind (kohtaamo serve; Ctrl-C stops)"
KOHTAAMO_LOG_FORMAT=${KOHTAAMO_LOG_FORMAT:-text} $KOHTAAMO serve --bind "$bind"
