#!/usr/bin/env bash
# A worked example of NetSpectra in CI; copy it and change the paths.
#
#   scripts/ci-check.sh [CAPTURE...]        (default: testdata/sample.pcap)
#
# 1. analyzes the captures with testdata/ci/config.yaml into a JSON report (no snapshots written),
# 2. diffs the report against the committed baseline (testdata/ci/baseline.json), key by key,
# 3. checks the committed rules (testdata/ci/rules.yaml) against the same captures.
# Both steps always run and write JUnit XML for the CI server to display. Exit status: 0 when the result equals the
# baseline and every rule passes, otherwise the worst exit status of the steps (4: a difference or a failed rule;
# 2: a bad option or rules file; 3: an unreadable capture or baseline).
#
# Environment: CI_CHECK_OUT  folder for current.json, diff.xml, check.xml (default: target/ci-check)
#              CI_CHECK_TOLERANCE  allowed relative change per metric (default: 0, exact)
# After an intended change, refresh the baseline and commit it:
#   scripts/ns-cli analyze -q --no-snapshots --format json -c testdata/ci/config.yaml testdata/sample.pcap \
#       > testdata/ci/baseline.json
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ns="$root/scripts/ns-cli"
baseline="$root/testdata/ci/baseline.json"
rules="$root/testdata/ci/rules.yaml"
config="$root/testdata/ci/config.yaml"
out="${CI_CHECK_OUT:-$root/target/ci-check}"
tolerance="${CI_CHECK_TOLERANCE:-0}"
if [[ $# -eq 0 ]]; then
    set -- "$root/testdata/sample.pcap"
fi
mkdir -p "$out" || exit 5

worst=0
note() {
    local rc=$1 step=$2
    echo "ci-check: $step: exit $rc" >&2
    if (( rc > worst )); then worst=$rc; fi
}

"$ns" analyze -q --no-snapshots --format json -c "$config" "$@" > "$out/current.json"
rc=$?
note $rc analyze
if (( rc == 0 )); then
    "$ns" diff "$baseline" "$out/current.json" --tolerance "$tolerance" --junit "$out/diff.xml"
    note $? diff
fi
"$ns" check "$@" -c "$config" --rules "$rules" --junit "$out/check.xml"
note $? check
if (( worst == 0 )); then
    echo "ci-check: OK: equal to the baseline and every rule passed" >&2
fi
exit $worst
