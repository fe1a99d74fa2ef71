#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian 12 or Debian 13 (as root): Debian packages, the .venv with the
# test and packaging tools, and the test servers' npm packages. Runs in a second when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/debian_release.sh  # PG_VERSION: the release's PostgreSQL (15 on Debian 12, 17 on 13)
APT_PACKAGES=(qgis python3-qgis qgis-providers qgis-server python3-jinja2 python3-requests python3-venv
              "postgresql-$PG_VERSION-postgis-3" debootstrap xvfb xauth qttools5-dev-tools poppler-utils nodejs npm git make
              x11-utils imagemagick python3-psycopg2 fonts-open-sans)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# node/npm may come from elsewhere on some images: only ask apt for them when absent
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=.venv/.requirements-$(cat requirements/dev.txt requirements/lint.txt | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "setup: preparing .venv"
  [ -x .venv/bin/python ] || /usr/bin/python3 -m venv --system-site-packages .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements/dev.txt -r requirements/lint.txt
  rm -f .venv/.requirements-*
  touch "$stamp"
fi

# .venv-qt6: PyQt6 alone (no system site packages), for the QGIS 4 check tests/unit/test_qt6_names.py;
# remade when requirements/qt6.txt or Debian's Python changes
qt6_stamp=.venv-qt6/.requirements-$( (cat requirements/qt6.txt; /usr/bin/python3 -V) | sha1sum | cut -c1-12)
if [ ! -f "$qt6_stamp" ]; then
  echo "setup: preparing .venv-qt6"
  rm -rf .venv-qt6
  /usr/bin/python3 -m venv .venv-qt6
  .venv-qt6/bin/pip install -q --disable-pip-version-check -r requirements/qt6.txt
  touch "$qt6_stamp"
fi

if [ -x scripts/setup_servers.sh ]; then
  scripts/setup_servers.sh
fi
