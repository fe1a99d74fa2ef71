#!/usr/bin/env bash
# Idempotent set-up of the real local test servers (tests/servers/) on Debian 12 or 13, as root:
#   Koop (node + npm packages of tests/servers/koop), qgis_mapserver, the release's PostgreSQL + PostGIS 3.
# Installs Debian packages only when missing (dpkg-query) and runs `npm ci` only when
# node_modules is missing or older than package-lock.json. Takes a second when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
KOOP_DIR=tests/servers/koop

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

source scripts/debian_release.sh
packages=(python3-qgis qgis-providers qgis-server "postgresql-$PG_VERSION-postgis-3" g++ make python3)
# node/npm may come from another Debian source (e.g. nodesource's nodejs ships npm): ask apt only when absent
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for pkg in "${packages[@]}"; do installed "$pkg" || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup_servers: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Koop's farmhash is a native addon built by node-gyp: it needs node's headers, which Debian's
# nodejs keeps in libnode-dev (nodesource's nodejs ships them itself)
if [ ! -f /usr/include/node/node_api.h ] && ! installed libnode-dev; then
  echo "setup_servers: installing libnode-dev"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libnode-dev >/dev/null
fi

stamp="$KOOP_DIR/node_modules/.package-lock.json"  # written by npm; touched after each npm ci
if [ ! -f "$stamp" ] || [ "$KOOP_DIR/package-lock.json" -nt "$stamp" ]; then
  echo "setup_servers: npm ci in $KOOP_DIR"
  # build native addons against the installed headers instead of downloading them
  [ -f /usr/include/node/node_api.h ] && export npm_config_nodedir=/usr
  (cd "$KOOP_DIR" && npm ci --no-audit --no-fund --no-update-notifier --loglevel=error)
  touch "$stamp"
fi
# fail here, clearly, rather than in every Koop test
check="require('@koopjs/koop-core'); require('@koopjs/provider-file-geojson'); require('farmhash')"
if ! (cd "$KOOP_DIR" && SUPPRESS_NO_CONFIG_WARNING=y node -e "$check"); then
  echo "setup_servers: Koop's npm packages do not load (see above): remove $KOOP_DIR/node_modules and retry" >&2
  exit 1
fi
