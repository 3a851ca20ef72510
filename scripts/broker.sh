#!/usr/bin/env bash
# Starts, stops and checks a local Tansu broker (Kafka-compatible, in-memory storage) on loopback.
#   scripts/broker.sh start [PORT]   start (if not running) and wait until it accepts connections
#   scripts/broker.sh stop [PORT]    stop the broker started by this script (by PID)
#   scripts/broker.sh status [PORT]
# PORT defaults to $BROKER_PORT or 19092. Logs go to .local/run/broker-PORT.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-status}"
port="${2:-${BROKER_PORT:-19092}}"
run="$root/.local/run"
pidfile="$run/broker-$port.pid"
logfile="$run/broker-$port.log"
mkdir -p "$run"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

case "$cmd" in
  start)
    if running; then echo "broker already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; exit 0; fi
    [ -x "$root/.local/bin/tansu" ] || "$root/scripts/install-tools.sh"
    if listening; then echo "port $port is already in use by another process" >&2; exit 1; fi
    nohup "$root/.local/bin/tansu" broker \
      --listener-url "tcp://127.0.0.1:$port" \
      --advertised-listener-url "tcp://127.0.0.1:$port" \
      --storage-engine "${BROKER_STORAGE:-memory://tansu/}" \
      ${BROKER_EXTRA_ARGS:-} >"$logfile" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 200); do
      if listening; then echo "broker ready on 127.0.0.1:$port (pid $(cat "$pidfile"))"; exit 0; fi
      if ! running; then echo "broker exited; see $logfile" >&2; tail -n 20 "$logfile" >&2; exit 1; fi
      sleep 0.05
    done
    echo "broker did not accept connections within 10 s; see $logfile" >&2; exit 1 ;;
  stop)
    if running; then
      pid=$(cat "$pidfile"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      kill -9 "$pid" 2>/dev/null || true
      echo "broker on port $port stopped"
    fi
    rm -f "$pidfile" ;;
  status)
    if running; then echo "running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status [PORT]" >&2; exit 2 ;;
esac
