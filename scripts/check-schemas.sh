#!/usr/bin/env bash
# Validates events against config/schemas, picking each file's schema by its CloudEvents `type`:
#   - the hand-written examples in config/examples (every schema needs at least one valid example);
#   - the samples of real worker outputs in $SCHEMA_SAMPLES_DIR, when it is set. scripts/test.sh sets it for the
#     test run: Tests/InspectionDomainTests/SchemaSampleTests writes each worker's output, and the end-to-end scenario
#     (Tests/EndToEndTests) the records the real executables wrote to casefiles.assessed, interviews.coded, the
#     judgements and aggregates topics, and its dead letters. A dead-letter sample, {"kind": "dead-letter",
#     "headers": {...}}, is checked against the dead-letter message of config/asyncapi.yaml (the dlq.* headers);
#   - any extra event files or directories given as arguments.
# With SCHEMA_SAMPLES_REQUIRED=1 (scripts/test.sh running the whole suite) the samples are expected: a missing or
# empty $SCHEMA_SAMPLES_DIR fails, and so does one without a valid sample of every worker output
# (casefile.assessed, interview.coded, judgement.updated, aggregate.updated) and of a dead letter, so a sample
# writer that was skipped cannot pass. Uses check-jsonschema and PyYAML from .local/venv (scripts/install-tools.sh,
# which runs when it is missing) and scripts/check_schemas.py.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .local/venv/bin/check-jsonschema ] || scripts/install-tools.sh
export PATH="$PWD/.local/venv/bin:$PATH"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
required_kinds=(casefile.assessed interview.coded judgement.updated aggregate.updated dead-letter)

# Every schema must itself be a valid JSON Schema 2020-12 document.
check-jsonschema --check-metaschema config/schemas/*.schema.json
python3 scripts/check_schemas.py dead-letter-schema config/asyncapi.yaml "$work/dead-letter.schema.json"
check-jsonschema --check-metaschema "$work/dead-letter.schema.json" >/dev/null

passed=0
failed=0
declare -A valid=()  # kind -> number of valid files, per call of check_files

schema_of() {
  if [ "$1" = dead-letter ]; then echo "$work/dead-letter.schema.json"; else echo "config/schemas/$1.schema.json"; fi
}

# check_files <label> <each|summary> <file>...: validates the files, one check-jsonschema run per schema (each file
# again only when its group fails, to name the culprits). Prints a line per file (`each`) or per kind (`summary`),
# and always one per failing file; counts into passed/failed and `valid`.
check_files() {
  local label=$1 report=$2
  shift 2
  valid=()
  [ "$#" -gt 0 ] || return 0
  declare -A files_of=()
  local kind file rest
  while IFS=$'\t' read -r kind file rest; do
    if [ "$kind" = "!" ]; then
      echo "FAIL $file: $rest"
      failed=$((failed + 1))
    else
      files_of[$kind]+="$file"$'\n'
    fi
  done < <(python3 scripts/check_schemas.py classify "$@")
  for kind in $(printf '%s\n' "${!files_of[@]}" | sort); do
    local schema group=()
    schema=$(schema_of "$kind")
    mapfile -t group < <(printf '%s' "${files_of[$kind]}")
    if [ ! -f "$schema" ]; then
      for file in "${group[@]}"; do echo "FAIL $file: no schema for type $kind"; done
      failed=$((failed + ${#group[@]}))
      continue
    fi
    local bad=0
    if ! check-jsonschema --schemafile "$schema" "${group[@]}" >"$work/group.out" 2>&1; then
      for file in "${group[@]}"; do
        if ! check-jsonschema --schemafile "$schema" "$file" >"$work/one.out" 2>&1; then
          echo "FAIL $file ($kind)"
          sed 's/^/     /' "$work/one.out"
          bad=$((bad + 1))
        fi
      done
      if [ "$bad" -eq 0 ]; then  # the group failed but no file alone: report the group
        echo "FAIL $label $kind"
        sed 's/^/     /' "$work/group.out"
        bad=${#group[@]}
      fi
    fi
    local good=$((${#group[@]} - bad))
    passed=$((passed + good))
    failed=$((failed + bad))
    valid[$kind]=$good
    if [ "$report" = each ] && [ "$bad" -eq 0 ]; then
      for file in "${group[@]}"; do echo "ok   $file ($kind)"; done
    elif [ "$report" = summary ] && [ "$good" -gt 0 ]; then
      echo "ok   $good $label of $kind"
    fi
  done
}

# The hand-written examples; each schema has at least one valid example.
check_files examples each config/examples/*.json
for schema in config/schemas/*.schema.json; do
  type=$(basename "$schema" .schema.json)
  if [ -z "${valid[$type]:-}" ] || [ "${valid[$type]}" -eq 0 ]; then
    echo "FAIL no valid example for $type"
    failed=$((failed + 1))
  fi
done

# Real worker outputs written by the tests.
samples="${SCHEMA_SAMPLES_DIR:-}"
if [ -n "$samples" ]; then
  sample_files=()
  if [ -d "$samples" ]; then mapfile -t sample_files < <(find "$samples" -maxdepth 1 -type f -name '*.json' | sort); fi
  if [ "${SCHEMA_SAMPLES_REQUIRED:-0}" = 1 ] && [ ! -d "$samples" ]; then
    echo "FAIL $samples: no samples directory (SCHEMA_SAMPLES_DIR): no test wrote worker outputs"
    failed=$((failed + 1))
  elif [ "${SCHEMA_SAMPLES_REQUIRED:-0}" = 1 ] && [ "${#sample_files[@]}" -eq 0 ]; then
    echo "FAIL $samples: empty samples directory (SCHEMA_SAMPLES_DIR): no test wrote worker outputs"
    failed=$((failed + 1))
  fi
  check_files samples summary "${sample_files[@]}"
  if [ "${SCHEMA_SAMPLES_REQUIRED:-0}" = 1 ]; then
    for kind in "${required_kinds[@]}"; do
      if [ -z "${valid[$kind]:-}" ] || [ "${valid[$kind]}" -eq 0 ]; then
        echo "FAIL $samples: no valid sample of $kind"
        failed=$((failed + 1))
      fi
    done
  fi
elif [ "${SCHEMA_SAMPLES_REQUIRED:-0}" = 1 ]; then
  echo "FAIL SCHEMA_SAMPLES_REQUIRED=1 but SCHEMA_SAMPLES_DIR is not set"
  failed=$((failed + 1))
fi

# Extra files or directories from the command line.
extra=()
for argument in "$@"; do
  if [ -d "$argument" ]; then
    mapfile -t -O "${#extra[@]}" extra < <(find "$argument" -maxdepth 1 -type f -name '*.json' | sort)
  else
    extra+=("$argument")
  fi
done
check_files files each "${extra[@]}"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
