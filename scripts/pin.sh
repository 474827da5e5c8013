#!/usr/bin/env bash
# Rewrite constraints.txt from the venv's installed packages (run after adding a dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Exact versions for make install (pip -c): regenerate with scripts/pin.sh after changing dependencies."
  .venv/bin/pip freeze --exclude-editable | grep -v -i '^eventwire'
} > constraints.txt
