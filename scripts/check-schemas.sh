#!/usr/bin/env bash
# Validates the example events in config/examples (and any extra event files or directories given as
# arguments, e.g. samples written by the tests with SCHEMA_SAMPLES_DIR set) against config/schemas,
# picking each file's schema by its CloudEvents `type`. Uses check-jsonschema from .local/venv
# (scripts/install-tools.sh, which runs when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .local/venv/bin/check-jsonschema ] || scripts/install-tools.sh
export PATH="$PWD/.local/venv/bin:$PATH"

files=(config/examples/*.json)
for extra in "$@"; do
  if [ -d "$extra" ]; then files+=("$extra"/*.json); else files+=("$extra"); fi
done

# Every schema must itself be a valid JSON Schema 2020-12 document.
check-jsonschema --check-metaschema config/schemas/*.schema.json

failed=0
declare -A seen=()
for file in "${files[@]}"; do
  type=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["type"])' "$file")
  schema="config/schemas/${type}.schema.json"
  if [ ! -f "$schema" ]; then
    echo "FAIL $file: no schema for type $type"; failed=$((failed + 1)); continue
  fi
  if check-jsonschema --schemafile "$schema" "$file" >/dev/null 2>/tmp/check-schemas.err; then
    echo "ok   $file ($type)"; seen[$type]=1
  else
    echo "FAIL $file ($type)"; cat /tmp/check-schemas.err; failed=$((failed + 1))
  fi
done

# Each schema has at least one example.
for schema in config/schemas/*.schema.json; do
  type=$(basename "$schema" .schema.json)
  if [ -z "${seen[$type]:-}" ]; then echo "FAIL no valid example for $type"; failed=$((failed + 1)); fi
done

total=${#files[@]}
echo "$((total - failed < 0 ? 0 : total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
