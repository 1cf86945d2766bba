#!/usr/bin/env bash
# Installs what Ponte needs to build, test and run on Debian 12. Idempotent: it installs only
# the packages that are missing, uses sudo only when not root, and runs `npm ci` for web/ when
# web/node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

# prometheus brings promtool, with which the tests check /metrics (its service is not needed);
# python3 runs the boundary check and scripts/lint.py; Pango and Cairo draw PDFs in the fonts of
# fonts-noto-core and fonts-dejavu-core, and poppler-utils reads them back in the tests; libical
# writes iCalendar feeds, which the tests read back with python3-icalendar; libmagic reads what an
# uploaded file is; libcsv reads and writes the directory's HSDS tabular packages.
packages=(
  build-essential cmake ninja-build ccache pkg-config clang libclang-rt-14-dev clang-format clang-tidy python3
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev postgresql-15 postgresql-client-15
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libsodium-dev liboath-dev libqrencode-dev libcurl4-openssl-dev
  libicu-dev libvalijson-dev libpango1.0-dev libcairo2-dev fonts-noto-core fonts-dejavu-core poppler-utils
  libical-dev python3-icalendar libmagic-dev libcsv-dev
  nginx-light wrk curl openssl prometheus
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js may come from another source (its own npm included); Debian's npm only when none is there.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian postgresql package starts a cluster on port 5432; Ponte's tests start their own
  # server in a temporary directory and do not need it.
fi

if [ -f web/package-lock.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
