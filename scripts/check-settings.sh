#!/usr/bin/env bash
# config/settings.md is generated from the code (`inspection settings --format markdown`, which prints
# WorkerSettings.all). This check regenerates it and fails on any drift.
#   scripts/check-settings.sh           check (run by scripts/test.sh)
#   scripts/check-settings.sh --write   regenerate config/settings.md
# Needs a built `inspection` (`swift build`); it does not build. INSPECTION_BIN overrides the path.
set -euo pipefail
cd "$(dirname "$0")/.."

find_inspection() {
  if [ -n "${INSPECTION_BIN:-}" ]; then echo "$INSPECTION_BIN"; return; fi
  local bin=""
  # --show-bin-path only prints the path (no build); bounded in case another SwiftPM holds the .build lock.
  if command -v swift >/dev/null 2>&1; then
    bin="$(timeout 60 swift build --show-bin-path 2>/dev/null || true)"
  fi
  if [ -n "$bin" ] && [ -x "$bin/inspection" ]; then echo "$bin/inspection"; else echo ".build/debug/inspection"; fi
}

inspection="$(find_inspection)"
if [ ! -x "$inspection" ]; then
  echo "FAIL no built inspection executable at $inspection (run swift build first)"
  echo "0 passed, 1 failed"
  exit 1
fi

generated="$(mktemp)"
trap 'rm -f "$generated"' EXIT
if ! "$inspection" settings --format markdown >"$generated"; then
  echo "FAIL $inspection settings --format markdown failed (stale build?)"
  echo "0 passed, 1 failed"
  exit 1
fi

if [ "${1:-}" = "--write" ]; then
  cp "$generated" config/settings.md
  echo "wrote config/settings.md from $inspection"
  exit 0
fi

passed=0 failed=0
if diff -u config/settings.md "$generated"; then
  echo "ok   config/settings.md matches \`$inspection settings --format markdown\`"
  passed=$((passed + 1))
else
  echo "FAIL config/settings.md drifted from the code: run scripts/check-settings.sh --write"
  failed=$((failed + 1))
fi

# Every setting the code declares is in the reference (guards against a truncated or hand-edited table).
missing=0
while IFS= read -r name; do
  grep -q "| \`$name\` |" config/settings.md || { echo "FAIL $name is missing from config/settings.md"; missing=1; }
done < <("$inspection" settings --format names)
if [ "$missing" -eq 0 ]; then
  echo "ok   every name of \`inspection settings --format names\` is in config/settings.md"; passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
