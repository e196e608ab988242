#!/usr/bin/env bash
# Builds Forum Desk and opens it. On the first run the database gets the invented
# sample forum, so there is something to look at; your own data is never touched.
# Extra arguments go to the app (for example --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm run --silent build)
# The very build scripts/test.sh makes (the tests' dependencies switch on features of
# Tauri and tokio, and a plain `cargo build` with other features would rebuild half of
# Tauri after every test run, and the tests after every run of this). So after either
# command, the other starts in seconds.
cargo test --workspace --locked --no-run
app=target/debug/forum-desk
"$app" "$@" demo --if-empty
exec "$app" "$@"
