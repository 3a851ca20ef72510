#!/usr/bin/env bash
# A broker restart with durable storage: Tansu with --storage-engine s3:// against a local S3 (moto[server]).
#
#   scripts/durable-broker.sh        (needs the release executables: swift build -c release; this script builds nothing)
#
# 1. moto[server] on loopback, a bucket, Tansu on s3://<bucket>/, the pipeline's topics (3 partitions).
# 2. DURABLE_FIRST case files (default 600) produced; casefile-intake consumes them into casefiles.assessed and
#    commits; it is stopped with SIGTERM. DURABLE_EVENTS − DURABLE_FIRST more (default 400) are produced and left
#    unconsumed. A snapshot: the topic list, count and SHA-256 of every record of casefiles, casefiles.assessed and
#    casefiles.dlq, and the group's committed offsets.
# 3. Tansu is stopped with DURABLE_KILL_SIGNAL (default TERM; SIGKILL after 10 s) and started again on the same
#    bucket. The snapshot must be identical.
# 4. casefile-intake starts again and must resume at the committed offsets: it consumes exactly the uncommitted
#    records, and casefiles.assessed ends with one output per input, no duplicate.
# 5. With that worker still running, Tansu is SIGKILLed and restarted; DURABLE_AFTER (default 100) more case files
#    must be processed by the same worker process without reprocessing anything.
# Prints PASS/FAIL lines and "durable-broker: N passed, M failed"; exits non-zero on any failure.
# Ports (loopback only): S3 19600, Kafka 19601, worker HTTP 19602. Logs: .local/run/durable-broker/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run="$root/.local/run/durable-broker"
# shellcheck source=scripts/broker-check-lib.sh
source "$root/scripts/broker-check-lib.sh"

s3_port=19600 kafka_port=19601 http_port=19602
total="${DURABLE_EVENTS:-1000}" first="${DURABLE_FIRST:-600}" after="${DURABLE_AFTER:-100}"
kill_signal="${DURABLE_KILL_SIGNAL:-TERM}"
bucket="tansu-durable"
rest=$((total - first))

scripts/install-tools.sh --s3
harness_init durable-broker
rm -f "$run"/*.log
for port in "$s3_port" "$kafka_port" "$http_port"; do
  port_free "$port" || { say "port $port is in use; this script needs 19600-19602"; exit 2; }
done

# Tansu's object store client reads these (object_store's AmazonS3Builder::from_env); moto takes any key.
export AWS_ACCESS_KEY_ID=durable-test AWS_SECRET_ACCESS_KEY=durable-test AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT="http://127.0.0.1:$s3_port" AWS_ALLOW_HTTP=true
# Worker and probe settings (the probe reads the same names as the workers).
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" INSPECTION_CONFIG_DIR="$root/config"
export PSEUDONYM_KEY="durable-broker-test-pseudonym-key" TOPIC_PARTITIONS=3 HTTP_HOST=127.0.0.1 HTTP_PORT="$http_port"
export LOG_FORMAT=json

say "starting moto[server] (S3) on 127.0.0.1:$s3_port"
spawn "$run/moto.log" "$root/.local/bin/moto_server" -H 127.0.0.1 -p "$s3_port"
s3_pid=$last_pid
wait_port "$s3_port" "$s3_pid" 30 || { say "moto did not start"; tail -n 20 "$run/moto.log" >&2; exit 1; }
# The bucket must exist before Tansu starts: Tansu does not create it.
[ "$(http_status "$AWS_ENDPOINT/$bucket" PUT)" = 200 ] || { say "could not create bucket $bucket"; exit 1; }

tansu_starts=0
start_tansu() {
  tansu_starts=$((tansu_starts + 1))
  local t0; t0=$(date +%s.%N)
  spawn "$run/tansu-$tansu_starts.log" "$tansu" broker \
    --listener-url "tcp://127.0.0.1:$kafka_port" --advertised-listener-url "tcp://127.0.0.1:$kafka_port" \
    --storage-engine "s3://$bucket/"
  tansu_pid=$last_pid
  wait_port "$kafka_port" "$tansu_pid" 20 || { say "Tansu did not start"; tail -n 20 "$run/tansu-$tansu_starts.log" >&2; exit 1; }
  say "Tansu #$tansu_starts (pid $tansu_pid) accepts connections after $(elapsed "$t0") s"
}
# stop_tansu SIGNAL: the signal, then SIGKILL after 10 s; waits until the port is closed.
stop_tansu() {
  local i
  {  # stderr off here: bash's own "Killed" job notice is not a finding
    kill "-$1" "$tansu_pid" || true
    for ((i = 0; i < 100; i++)); do kill -0 "$tansu_pid" || break; sleep 0.1; done
    kill -0 "$tansu_pid" && { say "Tansu ignored SIG$1 for 10 s: SIGKILL" 2>&3; kill -KILL "$tansu_pid"; }
    wait "$tansu_pid" || true
  } 3>&2 2>/dev/null
  reaped[$tansu_pid]=1
  for ((i = 0; i < 100; i++)); do port_free "$kafka_port" && break; sleep 0.1; done
  say "Tansu (pid $tansu_pid) stopped with SIG$1"
}

worker_starts=0
start_worker() {
  worker_starts=$((worker_starts + 1))
  local t0; t0=$(date +%s.%N)
  spawn "$run/casefile-intake-$worker_starts.log" "$bin/casefile-intake"
  worker_pid=$last_pid
  wait_ready "$http_port" "$worker_pid" 60 || { say "casefile-intake not ready"; tail -n 20 "$run/casefile-intake-$worker_starts.log" >&2; exit 1; }
  say "casefile-intake #$worker_starts (pid $worker_pid) ready after $(elapsed "$t0") s"
}
stop_worker() { stop_pid "$worker_pid" 30; worker_status=$stopped_status; }

# wait_committed N SECONDS: until the worker's group has committed N offsets on casefiles in all.
wait_committed() {
  local want="$1" limit="$2" t0 got=0
  t0=$(date +%s)
  while [ $(($(date +%s) - t0)) -lt "$limit" ]; do
    got=$(jget "$(probe committed casefile-intake casefiles)" 'd["committed_total"]')
    [ "$got" -ge "$want" ] && return 0
    sleep 0.5
  done
  say "committed $got of $want after ${limit}s"
  return 1
}

s3_objects() {
  python3 - "$AWS_ENDPOINT/$bucket" <<'PY'
import re, sys, urllib.parse, urllib.request
count, token = 0, None
for _ in range(1000):  # at most 1,000 pages of 1,000 keys
    url = sys.argv[1] + "?list-type=2" + (f"&continuation-token={urllib.parse.quote(token)}" if token else "")
    body = urllib.request.urlopen(url, timeout=5).read().decode()
    count += len(re.findall(r"<Key>", body))
    match = re.search(r"<NextContinuationToken>(.*?)</NextContinuationToken>", body)
    if not match:
        break
    token = match.group(1)
print(count)
PY
}

# --- 1. broker and topics ---------------------------------------------------------------------------------
start_tansu
"$bin/inspection" topics create --file config/topics.json --partitions 3 >"$run/topics-create.log" 2>&1

# --- 2. first part consumed and committed, the rest left for later ------------------------------------------
produced=$(probe produce-casefiles --count "$first" --start 0)
check "produced the first $first case files through Tansu on s3://" [ "$(jget "$produced" 'd["delivered"]')" = "$first" ]
start_worker
wait_committed "$first" 60 || true
stop_worker
check "casefile-intake exits 0 on SIGTERM (status $worker_status)" [ "$worker_status" = 0 ]
produced=$(probe produce-casefiles --count "$rest" --start "$first")
check "produced $rest more case files, not consumed yet" [ "$(jget "$produced" 'd["delivered"]')" = "$rest" ]

topics_before=$(probe list-topics)
records_before=$(probe snapshot casefiles casefiles.assessed casefiles.dlq)
offsets_before=$(probe committed casefile-intake casefiles)
committed_before=$(jget "$offsets_before" 'd["committed_total"]')
check "before the restart: group committed $committed_before of $total offsets (want $first)" [ "$committed_before" = "$first" ]
say "before: $(jget "$records_before" '{t: v["count"] for t, v in d.items()}') records; $(s3_objects) objects in s3://$bucket"

# --- 3. broker restart on the same bucket -------------------------------------------------------------------
stop_tansu "$kill_signal"
restart_t0=$(date +%s.%N)
start_tansu
restart_seconds=$(elapsed "$restart_t0")
topics_after=$(probe list-topics)
records_after=$(probe snapshot casefiles casefiles.assessed casefiles.dlq)
offsets_after=$(probe committed casefile-intake casefiles)
check "after SIG$kill_signal and restart: the same $(jget "$topics_after" 'len(d["topics"])') topics are listed" \
  [ "$topics_before" = "$topics_after" ]
check "after restart: casefiles has all $total records, byte for byte (SHA-256 over partition, offset, key, value)" \
  [ "$(jget "$records_after" 'd["casefiles"]["count"]')" = "$total" -a "$(jget "$records_before" 'd["casefiles"]["sha256"]')" = "$(jget "$records_after" 'd["casefiles"]["sha256"]')" ]
check "after restart: casefiles.assessed has the same $first records, byte for byte" \
  [ "$(jget "$records_after" 'd["casefiles.assessed"]["count"]')" = "$first" -a "$(jget "$records_before" 'd["casefiles.assessed"]["sha256"]')" = "$(jget "$records_after" 'd["casefiles.assessed"]["sha256"]')" ]
check "after restart: casefiles.dlq is still empty" [ "$(jget "$records_after" 'd["casefiles.dlq"]["count"]')" = 0 ]
check "after restart: the group's committed offsets are unchanged ($(jget "$offsets_after" 'd["committed"]'))" \
  [ "$(jget "$offsets_before" 'd["committed"]')" = "$(jget "$offsets_after" 'd["committed"]')" ]

# --- 4. the worker resumes at the committed offsets ---------------------------------------------------------
start_worker
wait_committed "$total" 60 || true
consumed=$(metric "$http_port" 'inspection_events_consumed_total{topic="casefiles"}')
check "resumed worker consumed exactly the $rest uncommitted records (consumed $consumed)" [ "$consumed" = "$rest" ]
ids=$(probe assessed-ids)
check "casefiles.assessed: $total outputs, $total distinct, no duplicate ($(jget "$ids" 'd["total"]') / $(jget "$ids" 'd["distinct"]'))" \
  [ "$(jget "$ids" 'd["total"]')" = "$total" -a "$(jget "$ids" 'd["distinct"]')" = "$total" ]

# --- 5. a SIGKILLed broker under a running worker -----------------------------------------------------------
stop_tansu KILL
kill_restart_t0=$(date +%s.%N)
start_tansu
kill_restart_seconds=$(elapsed "$kill_restart_t0")
produced=$(probe produce-casefiles --count "$after" --start "$total")
check "after SIGKILL and restart: produced $after more case files" [ "$(jget "$produced" 'd["delivered"]')" = "$after" ]
wait_committed $((total + after)) 90 || true
check "the same worker process lived through the broker's SIGKILL" kill -0 "$worker_pid"
consumed=$(metric "$http_port" 'inspection_events_consumed_total{topic="casefiles"}')
check "it consumed the $after new records and nothing again (consumed $consumed, want $((rest + after)))" [ "$consumed" = $((rest + after)) ]
ids=$(probe assessed-ids)
check "casefiles.assessed: $((total + after)) outputs, all distinct ($(jget "$ids" 'd["total"]') / $(jget "$ids" 'd["distinct"]'))" \
  [ "$(jget "$ids" 'd["total"]')" = $((total + after)) -a "$(jget "$ids" 'd["distinct"]')" = $((total + after)) ]
stop_worker
check "casefile-intake exits 0 on SIGTERM (status $worker_status)" [ "$worker_status" = 0 ]
offsets_final=$(probe committed casefile-intake casefiles)
check "final committed offsets equal the end offsets ($(jget "$offsets_final" 'd["committed_total"]') / $(jget "$offsets_final" 'd["end_total"]'))" \
  [ "$(jget "$offsets_final" 'd["committed"]')" = "$(jget "$offsets_final" 'd["end"]')" ]

say "figures: restart after SIG$kill_signal ready in ${restart_seconds} s, after SIGKILL in ${kill_restart_seconds} s; $(s3_objects) objects in s3://$bucket"
summary
