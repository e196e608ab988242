#!/usr/bin/env bash
# Every benchmark, release build, one after the other (the machine has 2 cores: never in
# parallel). The tables go to stdout; docs/benchmarks.md holds the latest run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "## Readout publishing"; cargo bench -q -p forum-core --bench publish 2>/dev/null | grep '^|'
echo; echo "## Registration import"; cargo bench -q -p forum-core --bench import 2>/dev/null | grep '^|'
echo; echo "## Commands behind each screen, twenty years of data"; cargo bench -q --bench ipc 2>/dev/null | grep '^|'
echo; echo "## Start-up, memory and size"; bash scripts/measure-start.sh
