#!/usr/bin/env bash
# TLS and SASL against a live broker, with the real casefile-intake executable.
#
#   scripts/secure-broker.sh         (needs the release executables: swift build -c release; this script builds nothing)
#   STRICT=1 scripts/secure-broker.sh   also fail on the broker's known limitations (LIMITATION lines)
#
# (a) TLS. Tansu 0.6's own TLS cannot be used ("the argument '--cert <CERT>' cannot be used with '--key <KEY>'";
#     either flag alone still serves plaintext), so stunnel4 terminates TLS in front of a plaintext Tansu that
#     advertises the stunnel address. A throwaway CA signs the server certificate (SAN localhost, 127.0.0.1).
#     Checks: topics provisioned by `inspection` over TLS; the worker with KAFKA_SECURITY_PROTOCOL=SSL processes
#     config/examples/casefile.submitted.json into casefiles.assessed; a wrong CA and a certificate for another host
#     name are refused (the worker never becomes ready and logs the TLS error); KAFKA_SSL_ENDPOINT_IDENTIFICATION=none
#     accepts the other host name.
# (b) SASL. `tansu user create` works only against a broker started without --authentication, and users could
#     only outlive the restart in durable storage, so: moto[server] (S3), Tansu on s3:// without authentication to
#     create the users (SCRAM-SHA-256 and SCRAM-SHA-512) and the topics, then Tansu restarted on the same bucket
#     with --authentication. Checks: a PLAINTEXT client is refused; SCRAM-SHA-256 (password in the environment) and
#     SCRAM-SHA-512 (KAFKA_SASL_PASSWORD_FILE) with the right password; a wrong password; PLAIN; SASL_SSL through
#     stunnel; and no password anywhere in the worker logs. What Tansu 0.6 cannot do is printed as LIMITATION
#     with the error seen, and the check is kept so that a Tansu that can do it turns it into a PASS.
# Prints PASS/FAIL/LIMITATION lines and "secure-broker: N passed, M failed"; exits non-zero on any failure.
# Ports (loopback only): 19620 Tansu (plain, behind TLS), 19621 TLS, 19622 TLS with another host name,
# 19623 worker HTTP, 19630 S3, 19631 Tansu with SASL, 19632 TLS in front of it. Logs: .local/run/secure-broker/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run="$root/.local/run/secure-broker"
# shellcheck source=scripts/broker-check-lib.sh
source "$root/scripts/broker-check-lib.sh"

tls_backend=19620 tls_port=19621 tls_other_port=19622 http_port=19623
s3_port=19630 sasl_port=19631 sasl_tls_port=19632
example="$root/config/examples/casefile.submitted.json"
wait_limit=40   # seconds a refused worker is watched (it gives up by itself after its 10 s metadata timeout)

scripts/install-tools.sh --s3 --tls
harness_init secure-broker
rm -f "$run"/*.log
for port in "$tls_backend" "$tls_port" "$tls_other_port" "$http_port" "$s3_port" "$sasl_port" "$sasl_tls_port"; do
  port_free "$port" || { say "port $port is in use; this script needs 19620-19623 and 19630-19632"; exit 2; }
done
harness_tmp=$(mktemp -d)   # certificates, keys and password files; removed on exit
chmod 700 "$harness_tmp"

# Settings every worker gets; the security settings are given per case on the command line.
export INSPECTION_CONFIG_DIR="$root/config" PSEUDONYM_KEY="secure-broker-test-pseudonym-key"
export HTTP_HOST=127.0.0.1 HTTP_PORT="$http_port" TOPIC_PARTITIONS=3

# --- helpers ----------------------------------------------------------------------------------------------
# start_worker NAME [SETTING=VALUE...]: casefile-intake with these settings; log in $run/NAME.log.
# (env execs the worker, so the PID is the worker's)
start_worker() {
  worker_log="$run/$1.log"
  spawn "$worker_log" env KAFKA_GROUP_ID="$1" "${@:2}" "$bin/casefile-intake"
  worker_pid=$last_pid worker_t0=$(date +%s.%N)
}
# watch_worker SECONDS: until ready, exited or the time is up. Sets outcome (ready|exited|running) and outcome_s.
watch_worker() {
  local i
  outcome=running
  for ((i = 0; i < $1 * 4; i++)); do
    if [ "$(http_status "http://127.0.0.1:$http_port/health/ready")" = 200 ]; then outcome=ready; break; fi
    if ! kill -0 "$worker_pid" 2>/dev/null; then outcome=exited; break; fi
    sleep 0.25
  done
  outcome_s=$(elapsed "$worker_t0")
}
finish_worker() { stop_pid "$worker_pid" 30; worker_status=$stopped_status; }
logged() { grep -qE "$1" "$worker_log"; }
first_logged() { grep -oE "$1" "$worker_log" | head -n 1; }

# expect_refused DESCRIPTION PATTERN: the worker must never become ready and must log PATTERN.
expect_refused() {
  watch_worker "$wait_limit"
  finish_worker
  if [ "$outcome" != ready ] && logged "$2"; then
    pass "$1: refused, never ready ($outcome after ${outcome_s} s, status $worker_status); logged \"$(first_logged "$2")\""
  else
    fail "$1: outcome $outcome after ${outcome_s} s; expected a refusal logging /$2/ (see ${worker_log#"$root"/})"
  fi
}

# The probe with the connection settings of the case at hand (client_env, an array of SETTING=VALUE).
client_env=()
client_probe() { env "${client_env[@]}" PYTHONPATH="$root/.local/pip/confluent" python3 "$root/scripts/kafka_probe.py" "$@"; }

# roundtrip LABEL [ID]: with client_env, produce the example (as it is, or with the event id ID) and await its output.
roundtrip() {
  local id="${2:-}" out
  [ -n "$id" ] || id=$(jget "$(cat "$example")" 'd["id"]')
  out=$(client_probe produce-example "$example" --id "$id" 2>>"$run/probe.log") || true
  [ -n "$out" ] || out='{}'
  if [ "$(jget "$out" 'd.get("delivered", False)')" != True ]; then fail "$1: could not produce the example: $out"; return; fi
  out=$(client_probe --timeout 30 await-output "urn:case-system:nomis/$id" 2>>"$run/probe.log") || true
  [ -n "$out" ] || out='{}'
  if [ "$(jget "$out" 'd.get("found", False)')" = True ]; then
    pass "$1: casefile.submitted (key $(jget "$out" 'd["key"]')) → $(jget "$out" 'd["type"]') on casefiles.assessed[$(jget "$out" 'd["partition"]')] (caseRef $(jget "$out" 'd["caseRef"]'))"
  else
    fail "$1: no output on casefiles.assessed within 30 s: $out"
  fi
}

# --- (a) TLS ------------------------------------------------------------------------------------------------
say "(a) TLS: a throwaway CA and certificates in $harness_tmp"
cert() {  # cert NAME SUBJECT_ALT_NAMES: a server key and certificate signed by the test CA
  openssl req -newkey rsa:2048 -nodes -keyout "$harness_tmp/$1.key" -out "$harness_tmp/$1.csr" -subj "/CN=$1" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$2" >"$harness_tmp/$1.ext"
  openssl x509 -req -in "$harness_tmp/$1.csr" -CA "$harness_tmp/ca.pem" -CAkey "$harness_tmp/ca.key" -CAcreateserial \
    -out "$harness_tmp/$1.pem" -days 1 -extfile "$harness_tmp/$1.ext" 2>/dev/null
}
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$harness_tmp/ca.key" -out "$harness_tmp/ca.pem" -days 1 \
  -subj "/CN=secure-broker test CA" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$harness_tmp/wrong-ca.key" -out "$harness_tmp/wrong-ca.pem" -days 1 \
  -subj "/CN=some other CA" 2>/dev/null
cert localhost "DNS:localhost,IP:127.0.0.1"
cert broker.other.example "DNS:broker.other.example"
ca="$harness_tmp/ca.pem"

# One stunnel for all three TLS listeners (foreground, so its PID is ours to stop); the SASL backend comes later.
cat >"$harness_tmp/stunnel.conf" <<EOF
foreground = yes
pid =
debug = notice
output = $run/stunnel.log
[kafka-tls]
accept = 127.0.0.1:$tls_port
connect = 127.0.0.1:$tls_backend
cert = $harness_tmp/localhost.pem
key = $harness_tmp/localhost.key
[kafka-tls-other-host-name]
accept = 127.0.0.1:$tls_other_port
connect = 127.0.0.1:$tls_backend
cert = $harness_tmp/broker.other.example.pem
key = $harness_tmp/broker.other.example.key
[kafka-sasl-ssl]
accept = 127.0.0.1:$sasl_tls_port
connect = 127.0.0.1:$sasl_port
cert = $harness_tmp/localhost.pem
key = $harness_tmp/localhost.key
EOF
spawn "$run/stunnel.out" stunnel4 "$harness_tmp/stunnel.conf"
stunnel_pid=$last_pid
wait_port "$tls_port" "$stunnel_pid" 10 || { say "stunnel did not start"; cat "$run/stunnel.out" "$run/stunnel.log" >&2; exit 1; }

# Plaintext Tansu (in-memory) on loopback; clients are told to come back through stunnel.
spawn "$run/tansu-tls.log" "$tansu" broker --listener-url "tcp://127.0.0.1:$tls_backend" \
  --advertised-listener-url "tcp://127.0.0.1:$tls_port" --storage-engine memory://tansu/
wait_port "$tls_backend" "$last_pid" 20 || { say "Tansu did not start"; exit 1; }

tls=(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$tls_port" KAFKA_SECURITY_PROTOCOL=SSL KAFKA_SSL_CA_LOCATION="$ca")
if env "${tls[@]}" "$bin/inspection" topics create --file config/topics.json --partitions 3 >"$run/topics-tls.log" 2>&1; then
  pass "TLS: inspection topics create over SSL ($(grep -c 'created' "$run/topics-tls.log") topics created)"
else
  fail "TLS: inspection topics create over SSL (see ${run#"$root"/}/topics-tls.log)"
fi

start_worker tls-good "${tls[@]}"
watch_worker 60
check "TLS: casefile-intake with SSL and the right CA is ready (after ${outcome_s} s)" [ "$outcome" = ready ]
client_env=("${tls[@]}")
[ "$outcome" = ready ] && roundtrip "TLS: end to end through stunnel"
finish_worker
check "TLS: casefile-intake exits 0 on SIGTERM (status $worker_status)" [ "$worker_status" = 0 ]

start_worker tls-wrong-ca KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$tls_port" KAFKA_SECURITY_PROTOCOL=SSL \
  KAFKA_SSL_CA_LOCATION="$harness_tmp/wrong-ca.pem"
expect_refused "TLS: wrong CA" "certificate verify failed"

start_worker tls-other-name KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$tls_other_port" KAFKA_SECURITY_PROTOCOL=SSL \
  KAFKA_SSL_CA_LOCATION="$ca"
expect_refused "TLS: certificate for broker.other.example, reached as 127.0.0.1 (host name check on)" "certificate verify failed"

# Skipping the host name check is refused unless KAFKA_ALLOW_INSECURE is on.
start_worker tls-no-host-check KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$tls_other_port" KAFKA_SECURITY_PROTOCOL=SSL \
  KAFKA_SSL_CA_LOCATION="$ca" KAFKA_SSL_ENDPOINT_IDENTIFICATION=none KAFKA_ALLOW_INSECURE=true
watch_worker 60
finish_worker
check "TLS: the same certificate with KAFKA_SSL_ENDPOINT_IDENTIFICATION=none is accepted (ready after ${outcome_s} s), so the refusal above was the host name check" \
  [ "$outcome" = ready ]

# --- (b) SASL -----------------------------------------------------------------------------------------------
say "(b) SASL: moto[server] on 127.0.0.1:$s3_port, Tansu on s3:// without and then with --authentication"
export AWS_ACCESS_KEY_ID=secure-test AWS_SECRET_ACCESS_KEY=secure-test AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT="http://127.0.0.1:$s3_port" AWS_ALLOW_HTTP=true
bucket=tansu-sasl
spawn "$run/moto.log" "$root/.local/bin/moto_server" -H 127.0.0.1 -p "$s3_port"
wait_port "$s3_port" "$last_pid" 30 || { say "moto did not start"; exit 1; }
[ "$(http_status "$AWS_ENDPOINT/$bucket" PUT)" = 200 ] || { say "could not create bucket $bucket"; exit 1; }

sasl_starts=0
start_sasl_tansu() {  # start_sasl_tansu ADVERTISED_PORT [--authentication]
  sasl_starts=$((sasl_starts + 1))
  spawn "$run/tansu-sasl-$sasl_starts.log" "$tansu" broker --listener-url "tcp://127.0.0.1:$sasl_port" \
    --advertised-listener-url "tcp://127.0.0.1:$1" --storage-engine "s3://$bucket/" "${@:2}"
  sasl_tansu_pid=$last_pid sasl_tansu_log="$run/tansu-sasl-$sasl_starts.log"
  wait_port "$sasl_port" "$sasl_tansu_pid" 20 || { say "Tansu did not start"; tail -n 20 "$sasl_tansu_log" >&2; exit 1; }
}
stop_sasl_tansu() {
  stop_pid "$sasl_tansu_pid" 10
  local i; for ((i = 0; i < 100; i++)); do port_free "$sasl_port" && break; sleep 0.1; done
}
s3_keys() { python3 -c 'import re, sys, urllib.request; print("\n".join(re.findall(r"<Key>(.*?)</Key>", urllib.request.urlopen(sys.argv[1] + "?list-type=2", timeout=5).read().decode())))' "$AWS_ENDPOINT/$bucket"; }

# Fresh random passwords, so that finding one in a log cannot be a coincidence.
pw256=$(openssl rand -hex 12) pw512=$(openssl rand -hex 12) pw_wrong=$(openssl rand -hex 12) pw_plain=$(openssl rand -hex 12)
printf '%s\n' "$pw512" >"$harness_tmp/pw512"
chmod 600 "$harness_tmp/pw512"

start_sasl_tansu "$sasl_port"
user_status=0
"$tansu" user create --broker "tcp://127.0.0.1:$sasl_port" --mechanism scram256 inspector256 "$pw256" >"$run/user-create.log" 2>&1 || user_status=$?
"$tansu" user create --broker "tcp://127.0.0.1:$sasl_port" --mechanism scram512 inspector512 "$pw512" >>"$run/user-create.log" 2>&1 || user_status=$?
check "SASL: tansu user create for inspector256 (scram256) and inspector512 (scram512) exits 0 (status $user_status)" [ "$user_status" = 0 ]
plain_status=0
"$tansu" user create --broker "tcp://127.0.0.1:$sasl_port" --mechanism plain inspectorplain "$pw_plain" >"$run/user-create-plain.log" 2>&1 || plain_status=$?
[ "$plain_status" != 0 ] && limitation "Tansu has no PLAIN users: 'tansu user create --mechanism plain' says: $(grep -m1 -o "invalid value.*" "$run/user-create-plain.log") $(grep -m1 -o '\[possible values.*\]' "$run/user-create-plain.log")"
KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$sasl_port" "$bin/inspection" topics create --file config/topics.json --partitions 3 >"$run/topics-sasl.log" 2>&1
sleep 1   # let any write-behind reach the bucket before looking
objects=$(s3_keys | grep -c . || true); credential_objects=$(s3_keys | grep -ciE 'scram|user|inspector' || true)
say "s3://$bucket holds $objects objects after creating users and topics; $credential_objects look like credentials"
[ "$credential_objects" = 0 ] && limitation "Tansu acknowledged both users (AlterUserScramCredentials error_code 0) but wrote no credential to s3://$bucket ($objects objects, all topic metadata), so they cannot outlive the restart that --authentication needs"
stop_sasl_tansu

start_sasl_tansu "$sasl_port" --authentication
sasl=(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$sasl_port" KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT LOG_LEVEL=debug)

start_worker sasl-plaintext-client KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$sasl_port" LOG_LEVEL=debug
expect_refused "SASL: a PLAINTEXT client of the authenticating broker" "Disconnected|connection reset|Broker transport failure"
check "SASL: Tansu logged NotAuthenticated for it" grep -q NotAuthenticated "$sasl_tansu_log"

# scram_case NAME LABEL SETTINGS...: the right password; a PASS if it works, a LIMITATION if Tansu says unknown-user.
scram_case() {
  local name="$1" label="$2"; shift 2
  start_worker "$name" "$@"
  watch_worker "$wait_limit"
  if [ "$outcome" = ready ]; then
    pass "$label: ready after ${outcome_s} s"
    client_env=("$@")
    roundtrip "$label" "$(python3 -c 'import uuid; print(uuid.uuid4())')"
  elif logged "unknown-user"; then
    limitation "$label with the right password: refused by Tansu, \"$(first_logged 'SASL SCRAM authentication failed: broker responded with unknown-user')\" (never ready; $outcome after ${outcome_s} s)"
  else
    fail "$label: $outcome after ${outcome_s} s without the expected SCRAM exchange (see ${worker_log#"$root"/})"
  fi
  finish_worker
  # Either way the worker's settings reached the wire: the broker accepted the mechanism in the handshake and
  # answered the SCRAM client-first message (a wrong mechanism mapping would fail the handshake instead).
  check "$label: the worker ran the SCRAM exchange (mechanism accepted, client-first message answered)" \
    bash -c '[ "$1" = ready ] || { grep -q "SASL SCRAM authentication failed" "$0" && ! grep -qE "mechanism handshake failed|configuration error" "$0"; }' \
    "$worker_log" "$outcome"
  [ "$outcome" = ready ] || scram_refused_all=true
}
scram_refused_all=false
scram_case sasl-scram256 "SASL: SCRAM-SHA-256, KAFKA_SASL_PASSWORD" "${sasl[@]}" KAFKA_SASL_MECHANISM=SCRAM-SHA-256 \
  KAFKA_SASL_USERNAME=inspector256 KAFKA_SASL_PASSWORD="$pw256"
scram_case sasl-scram512 "SASL: SCRAM-SHA-512, KAFKA_SASL_PASSWORD_FILE" "${sasl[@]}" KAFKA_SASL_MECHANISM=SCRAM-SHA-512 \
  KAFKA_SASL_USERNAME=inspector512 KAFKA_SASL_PASSWORD_FILE="$harness_tmp/pw512"

start_worker sasl-wrong-password "${sasl[@]}" KAFKA_SASL_MECHANISM=SCRAM-SHA-256 KAFKA_SASL_USERNAME=inspector256 \
  KAFKA_SASL_PASSWORD="$pw_wrong"
expect_refused "SASL: SCRAM-SHA-256 with a wrong password$($scram_refused_all && echo " (weak here: Tansu refuses the right one too)")" \
  "SASL SCRAM authentication failed"

# PLAIN over SASL_PLAINTEXT is refused at start unless KAFKA_ALLOW_INSECURE is on; on, it reaches the broker.
start_worker sasl-plain "${sasl[@]}" KAFKA_SASL_MECHANISM=PLAIN KAFKA_SASL_USERNAME=inspector256 \
  KAFKA_SASL_PASSWORD="$pw_plain" KAFKA_ALLOW_INSECURE=true
expect_refused "SASL: PLAIN" "SASL PLAIN mechanism handshake failed"
grep -q NoSharedMechanism "$sasl_tansu_log" && limitation "Tansu offers no SASL PLAIN: it closes the connection at the handshake (broker log \"$(grep -m1 -o 'Auth(Sasl(NoSharedMechanism))' "$sasl_tansu_log")\"; librdkafka \"$(grep -m1 -oE "SASL PLAIN mechanism handshake failed: .*supported mechanisms: \(n/a\)" "$worker_log")\")"
stop_sasl_tansu

# SASL_SSL: the same bucket, Tansu now advertising the stunnel address in front of it.
start_sasl_tansu "$sasl_tls_port" --authentication
sasl_ssl=(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$sasl_tls_port" KAFKA_SECURITY_PROTOCOL=SASL_SSL KAFKA_SSL_CA_LOCATION="$ca" LOG_LEVEL=debug)
scram_case sasl-ssl-scram512 "SASL_SSL: SCRAM-SHA-512 through stunnel" "${sasl_ssl[@]}" KAFKA_SASL_MECHANISM=SCRAM-SHA-512 \
  KAFKA_SASL_USERNAME=inspector512 KAFKA_SASL_PASSWORD_FILE="$harness_tmp/pw512"
check "SASL_SSL: the TLS handshake with stunnel succeeded (no SSL error logged)" bash -c '! grep -qE "SSL handshake failed|_SSL" "$0"' "$worker_log"

# --- secrets --------------------------------------------------------------------------------------------------
worker_logs=("$run"/tls-*.log "$run"/sasl-*.log)
hits=0
for secret in "$pw256" "$pw512" "$pw_wrong" "$pw_plain"; do
  n=$(cat "${worker_logs[@]}" | grep -cF "$secret" || true); hits=$((hits + n))
done
check "no password in any worker log ($(cat "${worker_logs[@]}" | wc -l) lines of ${#worker_logs[@]} logs, SASL ones at LOG_LEVEL=debug; $hits hits)" [ "$hits" = 0 ]

summary
