#!/usr/bin/env bash
# Start-up time and memory of the release app against an empty Tauri window from the same
# binary, side by side, alternating, under Xvfb; then the binary's and the .deb's size.
# Run by scripts/bench.sh. Needs the release build (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/forum-desk
[ -x "$BIN" ] || cargo build --release -q
DATA=$(mktemp -d)
"$BIN" --data-dir "$DATA" demo --years 20 >/dev/null
runs=${RUNS:-7}
probe() { # $1 = app | blank; prints "ms kb"; keeps the run's milestones in $DATA/$1.stages
  FORUM_DESK_PROBE_START=$1 timeout 60 xvfb-run -a "$BIN" --data-dir "$DATA" 2>/dev/null >"$DATA/out"
  grep -v '^ready-ms' "$DATA/out" >"$DATA/$1.stages" || true
  awk '/^ready-ms/ { print $2, $4 }' "$DATA/out"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
: >"$DATA/app"; : >"$DATA/blank"
probe blank >/dev/null; probe app >/dev/null   # warm the page cache for both
for _ in $(seq "$runs"); do
  probe blank >>"$DATA/blank"
  probe app >>"$DATA/app"
done
b_ms=$(cut -d' ' -f1 "$DATA/blank" | median); a_ms=$(cut -d' ' -f1 "$DATA/app" | median)
b_kb=$(cut -d' ' -f2 "$DATA/blank" | median); a_kb=$(cut -d' ' -f2 "$DATA/app" | median)
echo "| measure | empty Tauri window | Forum Desk, meetings screen with twenty years | ratio | budget |"
echo "|---|---|---|---|---|"
awk -v b="$b_ms" -v a="$a_ms" 'BEGIN { printf "| start-up, median of %d | %.0f ms | %.0f ms | %.2f | 1.2 |\n", '"$runs"', b, a, a / b }'
awk -v b="$b_kb" -v a="$a_kb" 'BEGIN { printf "| memory (PSS, app and WebKit processes) | %.1f MB | %.1f MB | %.2f | 1.2 |\n", b / 1024, a / 1024, a / b }'
size=$(stat -c %s "$BIN")
awk -v s="$size" 'BEGIN { printf "| release binary | | %.1f MB | | under 20 MB |\n", s / 1048576 }'
deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)
if [ -n "$deb" ]; then
  awk -v s="$(stat -c %s "$deb")" 'BEGIN { printf "| .deb (tauri build --bundles deb) | | %.1f MB | | under 10 MB |\n", s / 1048576 }'
else
  echo "| .deb | | not built: npx --prefix ui tauri build --bundles deb | | under 10 MB |"
fi
echo
echo "Milestones of the last run of each (ms since the process started; kB by process):"
for kind in blank app; do sed "s/^/    $kind: /" "$DATA/$kind.stages"; done
echo
rm -rf "$DATA"
