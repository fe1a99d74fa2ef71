#!/usr/bin/env bash
# The QGIS version matrix: the same command on the host's QGIS and in a Debian root of each other
# supported release (scripts/qgis_root.sh), one after the other.
#
#   scripts/qgis_matrix.sh test [VERSIONS]    pytest (PYTEST_ARGS) on each version
#   scripts/qgis_matrix.sh bench [VERSIONS]   scripts/bench.py on each version
#
# VERSIONS: "all" (default), or a comma-separated list of QGIS versions of the matrix (3.22,3.40,3.44).
# Every version runs even when one fails; the exit status is non-zero if any failed. Each run's QGIS
# version (as found, not as expected) and result go to out/matrix/summary.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
what="${1:?usage: qgis_matrix.sh test|bench [VERSIONS]}"
wanted="${2:-all}"
[ -z "$wanted" ] && wanted=all

# the matrix: Debian release -> the QGIS version it ships (sid moves: the run says what it found)
declare -A RELEASE=([3.22]=bookworm [3.40]=trixie [3.44]=sid)
ORDER=(3.22 3.40 3.44)
. /etc/os-release
host_release="${VERSION_CODENAME:-bookworm}"
[ "$host_release" = "forky" ] && host_release=sid  # testing is not in the matrix: treat as sid

versions=()
for version in "${ORDER[@]}"; do
  if [ "$wanted" = all ] || [[ ",$wanted," == *",$version,"* ]] || { [ "$wanted" = host ] && [ "${RELEASE[$version]}" = "$host_release" ]; }; then
    versions+=("$version")
  fi
done
[ ${#versions[@]} -gt 0 ] || { echo "qgis_matrix: nessuna versione di QGIS «$wanted» (versioni: ${ORDER[*]}, all, host)" >&2; exit 2; }

mkdir -p out/matrix
summary=out/matrix/summary.txt
: > "$summary"
failed=0 total_passed=0 total_failed=0
for version in "${versions[@]}"; do
  release="${RELEASE[$version]}"
  started=$(date +%s)
  if [ "$release" = "$host_release" ]; then
    where="host"
    runner=()
  else
    where="root $release"
    bash scripts/qgis_root.sh build "$release" || { echo "qgis_matrix: root $release not built" | tee -a "$summary"; failed=1; continue; }
    runner=(bash scripts/qgis_root.sh run "$release")
  fi
  found=$("${runner[@]}" .venv/bin/python -c "from qgis.core import Qgis; print(Qgis.QGIS_VERSION)" 2>/dev/null | tail -n1)
  note=""
  [[ "$found" == "$version"* ]] || note=" (atteso $version: $release porta ora QGIS $found, provato quello)"
  echo "=== QGIS $found — $where$note ==="
  log="out/matrix/$what-$release.log"
  rm -rf .qgis-settings  # pytest-qgis 3+ keeps its QGIS profile there: every run starts from a fresh one
  case "$what" in
    test) command=(.venv/bin/python -m pytest ${PYTEST_ARGS:-}) ;;
    bench) command=(.venv/bin/python scripts/bench.py --out "out/bench.json") ;;
    *) echo "usage: qgis_matrix.sh test|bench [VERSIONS]" >&2; exit 2 ;;
  esac
  "${runner[@]}" "${command[@]}" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  elapsed=$(( $(date +%s) - started ))
  line=$(grep -E '^=+ .*(passed|failed|error).* =+$' "$log" | tail -n1 | sed 's/=//g; s/^ *//; s/ *$//')
  passed=$(sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p' <<< "$line"); failures=$(sed -n 's/.*\b\([0-9][0-9]*\) failed.*/\1/p' <<< "$line")
  errors=$(sed -n 's/.*\b\([0-9][0-9]*\) errors\?.*/\1/p' <<< "$line")
  total_passed=$(( total_passed + ${passed:-0} )); total_failed=$(( total_failed + ${failures:-0} + ${errors:-0} ))
  [ "$status" -eq 0 ] || failed=1
  # a run that ended without its summary (QGIS crashed, at exit too) counts as a failure of its own
  [ "$status" -ne 0 ] && [ -z "${failures}${errors}" ] && total_failed=$(( total_failed + 1 ))
  echo "QGIS $found ($where$note): ${line:-exit $status}, ${elapsed} s" >> "$summary"
done
[ "$what" = bench ] && .venv/bin/python scripts/bench.py --table  # README: a column per version
echo
echo "=== matrice delle versioni di QGIS ($what) ==="
cat "$summary"
[ "$what" = test ] && echo "matrix: $total_passed passed, $total_failed failed"
exit $failed
