#!/usr/bin/env bash
# The full fault suite (CI runs a reduced form inside scripts/test.sh): 50,000 events through two
# instances of each intake worker and of the consolidator while members are SIGKILLed and restarted and the
# broker is frozen for 20 s. Prints lost and double-counted figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-tools.sh
swift build --build-tests
export FAULT_EVENTS="${FAULT_EVENTS:-50000}" FAULT_KILLS="${FAULT_KILLS:-12}" FAULT_FREEZE_SECONDS="${FAULT_FREEZE_SECONDS:-20}"
export FAULT_INSPECTIONS="${FAULT_INSPECTIONS:-200}" INSPECTION_CONFIG_DIR="$root/config"
swift test --skip-build --filter FaultSuiteTests 2>&1 | grep -E "fault suite:|✔|✘|passed|failed"
