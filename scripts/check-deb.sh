#!/usr/bin/env bash
# Builds the .deb (release), installs it with dpkg -i and uses it as a user would: the one
# `forum-desk` command runs subcommands from a terminal and, with none, opens the window
# (started as the desktop menu starts it, from the .desktop file's Exec line). Prints a
# table; exits non-zero on any failure. Run by scripts/bench.sh. Needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

(cd ui && npm run --silent build)
ui/node_modules/.bin/tauri build --bundles deb >/dev/null
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
$SUDO dpkg -i "$deb" >/dev/null

fail() { echo "FAILED: $*" >&2; exit 1; }
bin=$(command -v forum-desk) || fail "forum-desk is not on PATH after dpkg -i"
[ -x "$(dirname "$bin")/forum-desk-window" ] || fail "forum-desk-window is not installed beside $bin"
depends=$(dpkg-query -W -f='${Depends}' forum-desk)
[[ $depends == *fonts-dejavu-core* && $depends == *fonts-dejavu-extra* ]] || fail "the package does not depend on the DejaVu fonts the PDFs need (Depends: $depends)"
desktop=$(dpkg -L forum-desk | grep '\.desktop$' | head -1)
exec_line=$(grep '^Exec=' "$desktop" | head -1)
[ "${exec_line#Exec=}" = "forum-desk" ] || fail "the menu entry runs '${exec_line#Exec=}', not forum-desk"

DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
version=$(forum-desk --version)
forum-desk --data-dir "$DATA" demo >/dev/null
meetings=$(forum-desk --data-dir "$DATA" meetings list | tail -1)
# A PDF from the installed command, set in the system's fonts the package depends on.
past=$(forum-desk --data-dir "$DATA" meetings list | awk '/Held/ { print $1; exit }')
forum-desk --data-dir "$DATA" export readout --meeting "$past" --format pdf --out "$DATA/readout.pdf" >/dev/null
pdf_fonts=$(pdffonts "$DATA/readout.pdf" | awk 'NR > 2 { print $1 }' | sed 's/^[^+]*+//' | sort -u | paste -sd ' ')
[[ $pdf_fonts == *DejaVuSans* ]] || fail "the exported PDF does not embed DejaVu Sans ($pdf_fonts)"
# The menu's Exec line with no subcommand: the window opens on the sample forum and the
# probe reports its meetings screen (then the window closes itself).
window=$(FORUM_DESK_PROBE_START=app timeout 60 xvfb-run -a forum-desk --data-dir "$DATA" 2>/dev/null | grep '^ready-ms' || true)
[ -n "$window" ] || fail "the installed forum-desk did not open the window"

echo "| installed from $(basename "$deb") | result |"
echo "|---|---|"
echo "| package size | $(awk -v s="$(stat -c %s "$deb")" 'BEGIN { printf "%.1f MB (budget: under 10 MB)", s / 1048576 }') |"
echo "| menu entry | \`$exec_line\` in $desktop |"
echo "| \`forum-desk --version\` | $version |"
echo "| \`forum-desk meetings list\` | $meetings |"
echo "| \`forum-desk export readout --format pdf\` | fonts embedded: $pdf_fonts |"
echo "| depends on | $depends |"
echo "| \`forum-desk\` (no subcommand) | the window showed the meetings screen: $window |"
