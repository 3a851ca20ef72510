#!/usr/bin/env bash
# The Swift sources follow .swift-format (swift-format, part of the Swift 6 toolchain as `swift format`).
#   scripts/check-format.sh           check: any formatting difference or rule warning fails (run by scripts/test.sh)
#   scripts/check-format.sh --write   format Sources/ and Tests/ in place
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests)

if [ "${1:-}" = "--write" ]; then
  swift format format --in-place --configuration .swift-format --recursive "${paths[@]}"
  echo "formatted ${paths[*]}"
  exit 0
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
if swift format lint --strict --configuration .swift-format --recursive "${paths[@]}" >"$report" 2>&1; then
  echo "ok   Sources/ and Tests/ follow .swift-format"
  echo "1 passed, 0 failed"
else
  head -40 "$report"
  echo "FAIL $(grep -c 'warning:\|error:' "$report" || true) formatting findings (scripts/check-format.sh --write fixes most)"
  echo "0 passed, 1 failed"
  exit 1
fi
