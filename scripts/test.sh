#!/usr/bin/env bash
# The whole test suite from a fresh machine: set-up, build, a fresh local broker, every test
# (unit, integration and end-to-end against the real broker and the real worker executables),
# the contract checks (JSON Schemas, also against the worker outputs the tests wrote, compose, Dockerfile,
# manifests), then the broker stopped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${TEST_BROKER_PORT:-19092}"

scripts/install-tools.sh
swift build --build-tests

scripts/broker.sh stop "$port" >/dev/null 2>&1 || true
scripts/broker.sh start "$port"
trap 'scripts/broker.sh stop "$port" >/dev/null 2>&1 || true' EXIT
export KAFKA_TEST_BOOTSTRAP="127.0.0.1:$port"
export INSPECTION_CONFIG_DIR="$root/config"

# The tests write real worker outputs here (emptied first); scripts/check-schemas.sh validates them against
# config/schemas. Running the whole suite, the samples are required: none, or none of some output, fails the check.
export SCHEMA_SAMPLES_DIR="$root/.local/run/schema-samples"
rm -rf "$SCHEMA_SAMPLES_DIR"
if [ "$#" -eq 0 ]; then export SCHEMA_SAMPLES_REQUIRED=1; else export SCHEMA_SAMPLES_REQUIRED=0; fi

status=0
swift test --skip-build --no-parallel "$@" || status=$?
for check in scripts/check-*.sh; do
  [ -x "$check" ] || continue
  echo "== $check"
  "$check" || status=1
done
exit $status
