#!/usr/bin/env bash
# Every benchmark, release build, one after the other (the machine has 2 cores: never in
# parallel). The tables go to stdout; docs/benchmarks.md holds the latest run.
set -euo pipefail
cd "$(dirname "$0")/.."
# The publishing bench compares with headless Chromium printing the same readout.
if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
echo "## Readout publishing"; cargo bench -q -p forum-core --bench publish 2>/dev/null | grep -E '^(\||$)'
echo; echo "## Registration import"; cargo bench -q -p forum-core --bench import 2>/dev/null | grep '^|'
echo; echo "## Commands behind each screen, twenty years of data"; cargo bench -q --bench ipc 2>/dev/null | grep '^|'
echo; echo "## The command line, whole processes"; cargo bench -q --bench cli 2>/dev/null | grep -E '^(\||$)'
echo; echo "## The .deb, installed and used"; bash scripts/check-deb.sh
echo; echo "## Start-up, memory and size"; bash scripts/measure-start.sh
