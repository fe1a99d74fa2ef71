#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian 12 (as root): Debian packages, the .venv with the test and
# packaging tools, and the test servers' npm packages. Runs in a second when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(qgis python3-qgis qgis-providers qgis-server python3-jinja2 python3-requests python3-venv
              postgresql-15-postgis-3 xvfb xauth qttools5-dev-tools poppler-utils nodejs npm git make
              x11-utils imagemagick python3-psycopg2)
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

stamp=.venv/.requirements-$(sha1sum requirements/dev.txt | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "setup: preparing .venv"
  [ -x .venv/bin/python ] || /usr/bin/python3 -m venv --system-site-packages .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements/dev.txt
  rm -f .venv/.requirements-*
  touch "$stamp"
fi

if [ -x scripts/setup_servers.sh ]; then
  scripts/setup_servers.sh
fi
