# Shared by scripts/durable-broker.sh and scripts/secure-broker.sh (sourced, not run).
# Process handling by PID (never by name), bounded waits, PASS/FAIL book-keeping, and the Python probe.
# The caller sets: root, run (a log folder), and calls `harness_init NAME` before anything else.

bin="${BIN_DIR:-$root/.build/release}"
tansu="$root/.local/bin/tansu"
started_pids=()   # every background process this script started, stopped in reverse order on exit
passes=0
failures=0
limitations=0

say() { printf '[%s] %s\n' "$harness_name" "$*" >&2; }

harness_init() {
  harness_name="$1"
  harness_t0=$(date +%s.%N)
  for exe in casefile-intake inspection; do
    [ -x "$bin/$exe" ] || { say "missing $bin/$exe: build first (swift build -c release) or set BIN_DIR"; exit 2; }
  done
  mkdir -p "$run"
  trap harness_cleanup EXIT
  trap 'exit 130' INT TERM
}

elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }

pass() { passes=$((passes + 1)); printf 'PASS: %s\n' "$*"; }
fail() { failures=$((failures + 1)); printf 'FAIL: %s\n' "$*"; }
# A documented shortcoming of the broker (not of this project): reported, and a failure only with STRICT=1.
limitation() {
  limitations=$((limitations + 1)); printf 'LIMITATION: %s\n' "$*"
  [ "${STRICT:-0}" = 1 ] && failures=$((failures + 1))
  return 0
}
# check DESCRIPTION COMMAND...: PASS when the command succeeds.
check() { local what="$1"; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

declare -A reaped=()   # PIDs already waited for: never signalled again (the number may belong to someone else by then)

# Stops one process: SIGTERM, up to $2 seconds (default 10), then SIGKILL. Sets stopped_status to its exit status.
stop_pid() {
  local pid="$1" grace="${2:-10}" i
  stopped_status=0
  [ -n "${reaped[$pid]:-}" ] && return 0
  reaped[$pid]=1
  {  # stderr off here: bash's own "Killed" job notice is not a finding
    if kill -0 "$pid"; then
      kill -TERM "$pid" || true
      for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" || break; sleep 0.1; done
      if kill -0 "$pid"; then say "pid $pid ignored SIGTERM for ${grace}s: SIGKILL" 2>&3; kill -KILL "$pid" || true; fi
    fi
    wait "$pid" || stopped_status=$?
  } 3>&2 2>/dev/null
}

harness_cleanup() {
  local status=$? i
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do stop_pid "${started_pids[$i]}" 5; done
  [ -n "${harness_tmp:-}" ] && rm -rf "$harness_tmp"
  say "stopped everything this script started (logs in ${run#"$root"/})"
  exit "$status"
}

# Starts a background process with its output in a log; its PID is in $last_pid and in started_pids.
spawn() {
  local log="$1"; shift
  "$@" >"$log" 2>&1 &
  last_pid=$!
  started_pids+=("$last_pid")
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free() { ! listening "$1"; }

# wait_port PORT PID SECONDS: until something accepts on the port; fails early when PID exits.
wait_port() {
  local port="$1" pid="$2" limit="$3" i
  for ((i = 0; i < limit * 20; i++)); do
    listening "$port" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# HTTP without curl (not on every Debian image): prints the status code, or 000 when nothing answers.
http_status() {
  python3 - "$1" "${2:-GET}" <<'PY'
import sys, urllib.request, urllib.error
request = urllib.request.Request(sys.argv[1], method=sys.argv[2])
try:
    with urllib.request.urlopen(request, timeout=2) as response:
        print(response.status)
except urllib.error.HTTPError as error:
    print(error.code)
except Exception:
    print("000")
PY
}
http_body() { python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' "$1"; }

# A counter from a worker's /metrics, 0 when absent.
metric() {
  http_body "http://127.0.0.1:$1/metrics" | awk -v name="$2" '$1 == name { print $2; found = 1 } END { if (!found) print 0 }' | head -n 1
}

# wait_ready HTTP_PORT PID SECONDS: until GET /health/ready answers 200; fails early when PID exits.
wait_ready() {
  local port="$1" pid="$2" limit="$3" i
  for ((i = 0; i < limit * 4; i++)); do
    [ "$(http_status "http://127.0.0.1:$port/health/ready")" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

# The Python probe (scripts/kafka_probe.py) with the confluent-kafka wheel of .local/pip/confluent.
probe() { PYTHONPATH="$root/.local/pip/confluent" python3 "$root/scripts/kafka_probe.py" "$@"; }
# jget JSON PYTHON-EXPRESSION-OVER-d
jget() { python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }

summary() {
  say "$passes passed, $failures failed, $limitations broker limitations in $(elapsed "$harness_t0") s"
  [ "$limitations" -gt 0 ] && printf '%s: %d known broker limitations (LIMITATION lines; STRICT=1 makes them failures)\n' "$harness_name" "$limitations"
  printf '%s: %d passed, %d failed\n' "$harness_name" "$passes" "$failures"
  [ "$failures" -eq 0 ]
}
