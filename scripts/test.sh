#!/usr/bin/env bash
# Runs every test: forum-core unit tests, the CLI and IPC integration tests, and the
# end-to-end tests in the real window under Xvfb (with axe-core checks). Installs
# whatever is missing first. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
export RUST_BACKTRACE=0

echo "==> Building the UI"
(cd ui && npm run --silent build)

echo "==> cargo test (unit, CLI, IPC, end-to-end under Xvfb)"
# One Xvfb for the run; the end-to-end tests take turns on it.
xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
  cargo test --workspace --locked

echo "==> TypeScript bindings are up to date"
# cargo test regenerates ui/src/bindings from the Rust types (ts-rs); a difference from
# what is committed means someone changed a type without committing its binding.
if git rev-parse --git-dir >/dev/null 2>&1; then
  stale=$(git status --porcelain -- ui/src/bindings)
  if [ -n "$stale" ]; then
    echo "$stale"
    echo "FAILED: ui/src/bindings is stale. Commit the regenerated files." >&2
    exit 1
  fi
fi
echo "All tests passed."
