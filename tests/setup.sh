#!/usr/bin/env bash
# Everything the test suite needs, from nothing: the Python packages, and Debian's Chromium for the
# browser tests (Playwright drives it; no browser is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -r requirements-dev.txt
# LlamaIndex pins openai<3: the library tests run its scripts in an environment of its own.
if [ ! -x .venvs/llamaindex/bin/python ]; then python -m venv .venvs/llamaindex; fi
.venvs/llamaindex/bin/python -m pip install -q -r tests/requirements-llamaindex.txt
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
  else
    echo "Chromium is missing: 'sudo apt-get install chromium' adds the browser tests (they are skipped now)." >&2
  fi
fi
# Node (Debian's) and the npm packages the tests load: @gradio/client calls the API as a web page does; axe-core
# checks accessibility in the browser tests. Pinned in tests/js/package-lock.json.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Node is missing: 'sudo apt-get install nodejs npm' adds the JavaScript client tests." >&2
  fi
fi
if command -v npm >/dev/null 2>&1; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi
