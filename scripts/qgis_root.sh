#!/usr/bin/env bash
# A Debian root with another release's QGIS, for the version matrix (scripts/qgis_matrix.sh).
#
#   scripts/qgis_root.sh build SUITE        make or refresh the root of SUITE (bookworm, trixie, sid)
#   scripts/qgis_root.sh run SUITE CMD...   run CMD in it, in the project folder
#
# Roots are kept outside the clone, in $REMIX_ROOTS (default /var/cache/remix-qgis-roots), so a
# second run reuses them; one is rebuilt when this script or requirements/dev.txt changes.
# `run` works in a mount namespace of its own (unshare): proc, dev, sys, the project and ../shared
# are mounted there and vanish with it, whatever way the command ends. Inside, the project sits at
# the same path as on the host; its .venv and .venv-qt6 are the root's own venvs and its out/ is
# out/matrix/SUITE/, so the host's tools and pictures are never overwritten. The host's files are
# mounted at /opt/host so that the host's node runs there with its own libraries (Koop's native
# modules in tests/servers/koop are built for it, whatever the root's release).
# As root, on Debian; needs debootstrap and unshare (util-linux). `enter` is its own inner step.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
roots="${REMIX_ROOTS:-/var/cache/remix-qgis-roots}"
mirror="${REMIX_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cmd="${1:?usage: qgis_root.sh build|run SUITE ...}"
suite="${2:?usage: qgis_root.sh build|run SUITE ...}"
shift 2
root="$roots/$suite"
stamp_value=$(cat "$here/scripts/qgis_root.sh" "$here"/requirements/*.txt | sha1sum | cut -c1-12)

# Debian packages of the root; PostgreSQL/PostGIS of the release's default version are added
PACKAGES=(qgis python3-qgis qgis-providers qgis-server python3-jinja2 python3-requests python3-venv
          python3-psycopg2 xvfb xauth x11-utils qttools5-dev-tools poppler-utils imagemagick git make
          ca-certificates util-linux fonts-dejavu-core fonts-open-sans locales)

in_root() {  # in_root SCRIPT [SOURCE:TARGET...]: run a bash script chrooted in $root, in a namespace of its own
  unshare --mount --propagation private bash "$here/scripts/qgis_root.sh" enter "$suite" "$@"
}

enter() {  # (inside the namespace) mount what the root needs, then run the script there
  script=$1; shift
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"
  mount --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"
  mount -t tmpfs tmpfs "$root/tmp"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  for mount_spec in "$@"; do
    source=${mount_spec%%:*}; target=$root${mount_spec#*:}
    if [ -d "$source" ]; then mkdir -p "$target"; else mkdir -p "$(dirname "$target")"; touch "$target"; fi
    mount --bind "$source" "$target"
  done
  exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" PIP_DISABLE_PIP_VERSION_CHECK=1 \
    QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" PYTHONDONTWRITEBYTECODE=1 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt REMIX_NODE=/opt/host-node/node \
    REMIX_QGIS_ROOT="$suite" PYTEST_ARGS="${PYTEST_ARGS:-}" bash -euo pipefail -c "$script"
}

build() {
  if [ -f "$root/.remix-stamp" ] && [ "$(cat "$root/.remix-stamp")" = "$stamp_value" ]; then
    return 0
  fi
  command -v debootstrap >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
  started=$(date +%s)
  if [ ! -x "$root/usr/bin/apt-get" ] || [ ! -f "$root/.remix-debootstrap" ]; then
    echo "qgis_root: debootstrap $suite in $root"
    rm -rf "$root"
    mkdir -p "$roots"
    debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$mirror" >/dev/null
    touch "$root/.remix-debootstrap"
  fi
  # sid's Release file may be past its Valid-Until: the root is for tests, not for security updates
  echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99remix-valid-until"
  # the host's extra CA certificates (pip and npm reach their registries through them here)
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
  echo "qgis_root: installing QGIS and the test tools in $suite"
  in_root "
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends ${PACKAGES[*]} postgresql-common >/dev/null
    pg=\$(apt-cache depends postgresql | sed -n 's/.*Depends: postgresql-\([0-9][0-9]*\)\$/\1/p' | head -n1)
    apt-get install -y -qq --no-install-recommends postgresql-\$pg postgresql-\$pg-postgis-3 >/dev/null
    update-ca-certificates >/dev/null 2>&1
    rm -rf /opt/remix-venv /opt/remix-venv-qt6
    python3 -m venv --system-site-packages /opt/remix-venv
    /opt/remix-venv/bin/pip install -q -r /opt/remix-requirements/dev.txt
    python3 -m venv /opt/remix-venv-qt6  # PyQt6 alone, for the QGIS 4 check (as scripts/setup.sh)
    /opt/remix-venv-qt6/bin/pip install -q -r /opt/remix-requirements/qt6.txt
    apt-get clean
  " "$here/requirements:/opt/remix-requirements"
  echo "$stamp_value" > "$root/.remix-stamp"
  echo "qgis_root: $suite ready in $(( $(date +%s) - started )) s ($(chroot "$root" qgis --version 2>/dev/null | head -n1))"
}

run() {
  [ -f "$root/.remix-stamp" ] || { echo "qgis_root: $suite not built (scripts/qgis_root.sh build $suite)" >&2; exit 1; }
  shared="$(dirname "$here")/shared"
  mkdir -p "$here/out/matrix/$suite" "$here/.venv"
  mkdir -p "$here/.venv-qt6"
  mounts=("$here:$here" "$root/opt/remix-venv:$here/.venv" "$root/opt/remix-venv-qt6:$here/.venv-qt6"
          "$here/out/matrix/$suite:$here/out")
  [ -d "$shared" ] && mounts+=("$shared:$shared")
  node_bin=$(readlink -f "$(command -v node)" 2>/dev/null || true)
  if [ -n "$node_bin" ]; then  # the host's node, run by the host's own loader with the host's libraries
    mounts+=("/:/opt/host")
    arch=$(uname -m)
    case "$arch" in aarch64) loader=/lib/ld-linux-aarch64.so.1 ;; *) loader=/lib64/ld-linux-x86-64.so.2 ;; esac
    loader=$(readlink -f "$loader")  # a link would lead to the root's own loader, of another glibc
    mkdir -p "$root/opt/host-node"
    printf '#!/bin/sh\nexec /opt/host%s --library-path %s /opt/host%s "$@"\n' "$loader" \
      "/opt/host/lib/$arch-linux-gnu:/opt/host/usr/lib/$arch-linux-gnu:/opt/host/usr/local/lib" "$node_bin" \
      > "$root/opt/host-node/node"
    chmod +x "$root/opt/host-node/node"
    # Debian's node reads some of its own modules from there by absolute path
    [ -d /usr/share/nodejs ] && mounts+=("/usr/share/nodejs:/usr/share/nodejs")
  fi
  quoted=$(printf '%q ' "$@")
  in_root "cd $(printf '%q' "$here") && $quoted" "${mounts[@]}"
}

case "$cmd" in
  build) build ;;
  run) run "$@" ;;
  enter) enter "$@" ;;
  *) echo "usage: qgis_root.sh build|run SUITE ..." >&2; exit 2 ;;
esac
