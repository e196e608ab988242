#!/usr/bin/env bash
# Start-up time and memory of the release app against an empty Tauri window from the same
# binary, side by side, alternating, under Xvfb; then the binary's and the .deb's size.
# Two more pages from the same binary tell the cost apart: the meetings screen of twenty
# years as static text with no style, and the same with the app's stylesheet (both with
# no script and no records opened). Run by scripts/bench.sh. Needs the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/forum-desk
[ -x "$BIN" ] || cargo build --release -q
DATA=$(mktemp -d)
"$BIN" --data-dir "$DATA" demo --years 20 >/dev/null
runs=${RUNS:-15}
kinds=(blank text styled app)
probe() { # $1 = a kind; prints "ms kb settled-kb"; keeps the run's milestones in $DATA/$1.stages
  FORUM_DESK_PROBE_START=$1 timeout 60 xvfb-run -a "$BIN" --data-dir "$DATA" 2>/dev/null >"$DATA/out"
  grep -v '^ready-ms' "$DATA/out" >"$DATA/$1.stages" || true
  # Every run's milestones on one line, "name=ms ...", for their medians.
  awk '/^stages-ms/ { $1 = ""; s = $0 } /^page-ms/ { for (i = 2; i <= NF; i++) if ($i !~ /^wall=/) p = p " page." $i }
       END { print s p }' "$DATA/out" >>"$DATA/$1.milestones"
  awk '/^ready-ms/ { print $2, $4, $6 }' "$DATA/out"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for k in "${kinds[@]}"; do : >"$DATA/$k"; probe "$k" >/dev/null; : >"$DATA/$k.milestones"; done   # warm the page cache
# Alternating, and each round starts one kind further on, so that no kind always runs
# just after the same one (a window's exit can still be using the machine).
for i in $(seq "$runs"); do
  for j in "${!kinds[@]}"; do k=${kinds[$(( (i + j) % ${#kinds[@]} ))]}; probe "$k" >>"$DATA/$k"; done
done
declare -A ms kb settled
for k in "${kinds[@]}"; do
  ms[$k]=$(cut -d' ' -f1 "$DATA/$k" | median)
  kb[$k]=$(cut -d' ' -f2 "$DATA/$k" | median)
  settled[$k]=$(cut -d' ' -f3 "$DATA/$k" | median)
done
echo "| measure (median of $runs) | empty Tauri window | meetings as static text | static text with the app's CSS | Forum Desk, meetings screen with twenty years | Forum Desk / empty | budget |"
echo "|---|---|---|---|---|---|---|"
awk -v b="${ms[blank]}" -v t="${ms[text]}" -v s="${ms[styled]}" -v a="${ms[app]}" \
  'BEGIN { printf "| start-up | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.2f | 1.1 |\n", b, t, s, a, a / b }'
awk -v b="${kb[blank]}" -v t="${kb[text]}" -v s="${kb[styled]}" -v a="${kb[app]}" \
  'BEGIN { printf "| memory when ready (PSS, app and WebKit processes) | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.2f | 1.1 |\n", b / 1024, t / 1024, s / 1024, a / 1024, a / b }'
awk -v b="${settled[blank]}" -v t="${settled[text]}" -v s="${settled[styled]}" -v a="${settled[app]}" \
  'BEGIN { printf "| memory 1.5 s later, the page drawn | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.2f | |\n", b / 1024, t / 1024, s / 1024, a / 1024, a / b }'
echo
echo "| size | Forum Desk | budget |"
echo "|---|---|---|"
awk -v s="$(stat -c %s "$BIN")" 'BEGIN { printf "| release binary: forum-desk, the command line | %.1f MB | under 20 MB |\n", s / 1048576 }'
awk -v s="$(stat -c %s "$BIN-window")" 'BEGIN { printf "| release binary: forum-desk-window | %.1f MB | under 20 MB |\n", s / 1048576 }'
deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)
if [ -n "$deb" ]; then
  awk -v s="$(stat -c %s "$deb")" 'BEGIN { printf "| .deb (tauri build --bundles deb) | %.1f MB | under 10 MB |\n", s / 1048576 }'
else
  echo "| .deb | not built: ui/node_modules/.bin/tauri build --bundles deb | under 10 MB |"
fi
echo
echo "Every run of each (ms to ready, then PSS in kB at ready and settled):"
for k in "${kinds[@]}"; do echo "    $k: $(tr '\n' ';' <"$DATA/$k" | sed 's/;$//; s/;/; /g')"; done
echo
echo "Milestones, the median of each over the runs (ms since the process started; page.* in ms on the page's own clock):"
for k in "${kinds[@]}"; do
  f="$DATA/$k.milestones"; line=""
  for key in $(awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (!(kv[1] in seen)) { seen[kv[1]] = 1; print kv[1] } } }' "$f"); do
    m=$(awk -v key="$key" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' "$f" | median)
    line="$line $key=$(printf '%.0f' "$m")"
  done
  echo "    $k:$line"
done
echo
echo "The last run of each (milestones; PSS in kB by process, settled):"
for k in "${kinds[@]}"; do sed "s/^/    $k: /" "$DATA/$k.stages"; done
rm -rf "$DATA"
