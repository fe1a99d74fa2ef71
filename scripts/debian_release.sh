# Sourced by the set-up scripts: what differs between the Debian releases the project runs on.
# PG_VERSION is the release's own PostgreSQL (Debian 12: 15, Debian 13: 17); another release asks
# apt for the version its `postgresql` package depends on.
. /etc/os-release
case "${VERSION_CODENAME:-}" in
  bookworm) PG_VERSION=15 ;;
  trixie) PG_VERSION=17 ;;
  *)
    [ -n "$(apt-cache policy postgresql 2>/dev/null | sed -n 's/ *Candidate: //p')" ] || apt-get update -qq
    PG_VERSION=$(apt-cache depends postgresql | sed -n 's/.*Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n1)
    ;;
esac
export PG_VERSION
