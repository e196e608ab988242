#!/usr/bin/env bash
# Installs what Forum Desk needs to build, run and test on Debian 12 or Ubuntu 22.04+,
# skipping whatever is already there. Called by scripts/run.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Tauri 2 on Linux
  build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev
  # the fonts the PDFs are set in (DejaVu Sans; the .deb depends on the same two)
  fonts-dejavu-core fonts-dejavu-extra
  # end-to-end tests: WebKit's WebDriver, a virtual display; PDF checks (poppler, and
  # Python's venv for the PDF/UA checker below); the real programs that read our files:
  # Jekyll builds the website posts, Python's csv module reads the spreadsheets, Python's
  # icalendar the invitations
  webkit2gtk-driver xvfb xauth poppler-utils python3-venv jekyll python3 python3-icalendar
  # the UI build
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# A Node.js from elsewhere (nvm, NodeSource) is fine: only ask apt when there is none.
if command -v npm >/dev/null 2>&1; then
  kept=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || kept+=("$p"); done
  missing=("${kept[@]+"${kept[@]}"}")
fi
if ((${#missing[@]})); then
  echo "==> Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Rust is not installed. Install it with rustup (https://rustup.rs), open a new terminal, and run this again." >&2
    exit 1
  fi
fi
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> Installing tauri-driver (WebDriver for the end-to-end tests)"
  cargo install tauri-driver --version ^2 --locked
fi

# The PDF/UA checker the PDF tests run (the Python package pdfua, on pikepdf), in a
# virtual environment of the project's own (.venv, not committed); again only when the
# pinned version is not there yet.
PDFUA_VERSION=0.1.3
if [ ! -f ".venv/.forum-desk-pdfua-$PDFUA_VERSION" ]; then
  echo "==> Installing the PDF/UA checker (pdfua $PDFUA_VERSION) into .venv"
  [ -x .venv/bin/pip ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "pdfua==$PDFUA_VERSION"
  touch ".venv/.forum-desk-pdfua-$PDFUA_VERSION"
fi

# npm packages of the UI at the locked versions; again only when the lock file changed.
# (`npm install --no-save` rather than `npm ci`: a lock written with
# omit-lockfile-registry-resolved, as on our machines, lacks other platforms' optional
# packages, which `npm ci` then refuses.)
stamp=ui/node_modules/.forum-desk-lock
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  echo "==> Installing the UI's npm packages"
  (cd ui && npm install --no-save --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json "$stamp"
fi
