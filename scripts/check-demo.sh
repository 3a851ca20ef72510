#!/usr/bin/env bash
# The README's main command must complete and print a FINAL judgement.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
output=$(timeout 600 scripts/demo.sh 2>/dev/null)
status=$?
if [ $status -eq 0 ] && grep -q 'Status: \*\*FINAL\*\*' <<<"$output" && grep -q '^## Ratings' <<<"$output"; then
  echo "1 passed, 0 failed"
else
  echo "scripts/demo.sh exited $status; last output:"; tail -n 20 <<<"$output"
  echo "0 passed, 1 failed"; exit 1
fi
