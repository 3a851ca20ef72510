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

pids=()
cleanup() {
  log "stopping workers"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$root/scripts/broker.sh" stop "$port" >/dev/null 2>&1 || true
  log "stopped; logs in $run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/scripts/broker.sh" stop "$port" >/dev/null 2>&1 || true
"$root/scripts/broker.sh" start "$port" >&2
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$port"
export INSPECTION_CONFIG_DIR="$root/config"
export PSEUDONYM_KEY="${PSEUDONYM_KEY:-demo-pseudonym-key-0123456789}"
export PUBLISH_INTERVAL_MS="${PUBLISH_INTERVAL_MS:-500}"

log "provisioning topics"
"$bin/inspection" topics create --file config/topics.json --partitions 3 >&2

ports=(casefile-intake:18081 transcript-intake:18082 findings-consolidator:18083 aggregate-reporter:18084)
for entry in "${ports[@]}"; do
  name="${entry%%:*}"; http="${entry##*:}"
  HTTP_PORT="$http" LOG_FORMAT=json "$bin/$name" >"$run/$name.log" 2>&1 &
  pids+=("$!")
  log "started $name (pid $!, http :$http)"
done

ready() { python3 -c "import sys,urllib.request; urllib.request.urlopen('http://127.0.0.1:$1/health/ready', timeout=1)" 2>/dev/null; }
for entry in "${ports[@]}"; do
  name="${entry%%:*}"; http="${entry##*:}"
  for _ in $(seq 1 300); do ready "$http" && break; sleep 0.2; done
  ready "$http" || { log "$name did not become ready; see $run/$name.log"; tail -n 20 "$run/$name.log" >&2; exit 1; }
  log "$name ready"
done

log "publishing a sample inspection and following it to FINAL"
"$bin/inspection" sample --inspection-id INS-2026-MDI-01 --case-files 24 --seed 7 --timeout 120

if $keep; then
  log "the stack keeps running; in another terminal try:"
  log "  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$port $bin/inspection tail"
  log "  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$port $bin/inspection report INS-2026-MDI-01 --format html --output report.html"
  log "  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$port $bin/inspection dlq list"
  log "  curl -s localhost:18083/metrics"
  log "press Ctrl-C to stop"
  while true; do sleep 3600; done
fi
