#!/usr/bin/env bash
# The one-command demo: set-up, build, a fresh local broker, topics, the four workers as separate
# processes, a sample inspection followed to its FINAL judgement, its summary printed, and everything
# this script started stopped again.
#   scripts/demo.sh                 run the demo and stop
#   scripts/demo.sh --keep-running  leave the stack up for exploration until Ctrl-C
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
keep=false
[ "${1:-}" = "--keep-running" ] && keep=true
port="${DEMO_BROKER_PORT:-19192}"
config="${BUILD_CONFIGURATION:-debug}"
run="$root/.local/run/demo"
mkdir -p "$run"

log() { printf '[demo] %s\n' "$*" >&2; }

scripts/install-tools.sh
log "building ($config)"
swift build -c "$config" 2>&1 | grep -vE '^(warning: .swift-distributed-tracing|\[)' | tail -n 3 >&2 || true
swift build -c "$config" >/dev/null
bin="$(swift build -c "$config" --show-bin-path)"

cleanup() {
  "$root/scripts/broker.sh" stop "$port" >/dev/null 2>&1 || true
  log "broker stopped; worker logs in $run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/scripts/broker.sh" stop "$port" >/dev/null 2>&1 || true
"$root/scripts/broker.sh" start "$port" >&2
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$port"
export INSPECTION_CONFIG_DIR="$root/config"
# A local demo: casefile-intake uses the published development key unless PSEUDONYM_KEY(_FILE) is set.
export DEVELOPMENT_MODE="${DEVELOPMENT_MODE:-true}"

# The rest is the CLI's own demo: topics, the four workers as child processes (HTTP 18081–18084), a sample
# inspection followed to FINAL with its summary, and the workers stopped again (or left running until Ctrl-C).
"$bin/inspection" demo --file config/topics.json --partitions 3 --http-port 18081 --log-directory "$run" \
  --inspection-id INS-2026-MDI-01 --case-files 24 --seed 7 --timeout 120 $($keep && echo --keep-running)
