#!/usr/bin/env bash
# Builds the five images and runs the compose stack for real, on one Debian machine with no image registry:
#
#  1. Engine: installs Debian's docker.io (20.10), debootstrap and docker-compose (1.29) when missing, and
#     starts dockerd when it is not running, with --bridge=none --iptables=false: no bridge addresses exist,
#     every container uses the host network, and everything listens on 127.0.0.1.
#  2. Base images, from Debian's mirror: inspection-local/debian:trixie (debootstrap minbase of Debian 13,
#     the RUNTIME_IMAGE of deploy/Dockerfile: librdkafka 2.8.0) and inspection-local/prometheus:trixie
#     (Debian's prometheus package on it). Made once; later runs reuse them.
#  3. Executables and images: `swift build -c release --static-swift-stdlib` with the host's toolchain in
#     .build-release (under flock, like every Swift build here), staged in .build-release/container, and
#     deploy/Dockerfile built for the five targets with EXECUTABLES=prebuilt (Debian's docker client, BuildKit).
#  4. Checks: every image answers --help; docker-compose.yml with deploy/compose/tansu.override.yml (Tansu in
#     place of Kafka, host network) comes up: `topics` completes, the four workers turn healthy through their
#     healthchecks, and Prometheus too; the containers run as uid 10001 with a read-only root filesystem and
#     their limits; the `inspection` image publishes the sample inspection and reads its FINAL judgement back
#     from reporting.judgements; every metric the dashboard and the alerts name is in the workers' live
#     /metrics, Prometheus scrapes each worker under its own job name with the alerts loaded and evaluates
#     every dashboard query; `docker stop` of each worker exits 0 within its grace period.
#  5. The image sizes; then everything it started is stopped and removed: containers, volumes, and the engine
#     if it started it. Images stay, as the cache of the next run.
#
# Prints `N passed, M failed` last; exits non-zero on any failure. Needs root (apt-get, dockerd).
# Ports on 127.0.0.1: the broker CHECK_BROKER_PORT (29092), the workers 8081–8084, Prometheus 9090; the check
# stops at once if one is taken. Other settings: CHECK_DEBIAN_MIRROR (http://deb.debian.org/debian),
# IMAGE_TAG (local), SWIFT_BUILD_LOCK (/tmp/swift-build.lock). Logs: .local/run/container-check/.
# Results and timings: docs/operations.md, "The container check".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run="$root/.local/run/container-check"
mkdir -p "$run"

docker=/usr/bin/docker   # Debian's 20.10 client: its built-in BuildKit builds RUN --mount without buildx
export DOCKER_BUILDKIT=1
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
mirror="${CHECK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export CHECK_BROKER_PORT="${CHECK_BROKER_PORT:-29092}"
export CHECK_BASE_IMAGE=inspection-local/debian:trixie
export CHECK_PROMETHEUS_IMAGE=inspection-local/prometheus:trixie
export IMAGE_REGISTRY=inspection-pipeline IMAGE_TAG="${IMAGE_TAG:-local}"
targets=(casefile-intake transcript-intake findings-consolidator aggregate-reporter inspection)
workers=(casefile-intake transcript-intake findings-consolidator aggregate-reporter)
declare -A http_port=([casefile-intake]=8081 [transcript-intake]=8082 [findings-consolidator]=8083 [aggregate-reporter]=8084)
project=inspection-check
compose=(docker-compose -p "$project" -f docker-compose.yml -f deploy/compose/tansu.override.yml)
compose() { "${compose[@]}" "$@"; }
python="$root/.local/venv/bin/python3"

passed=0 failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
phase() { printf '== %s  (%s s)\n' "$*" "$SECONDS"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
container() { compose ps -q "$1" 2>/dev/null | head -n 1; }
inspect() { $docker inspect -f "$2" "$1" 2>/dev/null; }

started_engine=false dockerd_pid="" torn_down=false
teardown() {
  $torn_down && return
  torn_down=true
  if $docker info >/dev/null 2>&1; then
    compose down -v --remove-orphans >"$run/compose-down.log" 2>&1
    $docker ps -aq --filter "name=^inspection-check-help-" | xargs -r $docker rm -f >/dev/null 2>&1
    left="$($docker ps -aq --filter "label=com.docker.compose.project=$project")"
    if [ -z "$left" ]; then ok "teardown: every container and volume of the stack removed"
    else fail "teardown: containers left: $left"; fi
  fi
  if $started_engine && [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$dockerd_pid" 2>/dev/null || $docker info >/dev/null 2>&1; then fail "teardown: dockerd (pid $dockerd_pid) did not stop"
    else ok "teardown: the engine this check started is stopped"; fi
  fi
}
finish() {
  teardown
  phase "done"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
trap 'fail "interrupted"; finish' INT TERM
trap teardown EXIT

# --- 1. engine -------------------------------------------------------------------------------------------
phase "engine"
need=()
{ [ -x /usr/bin/docker ] && command -v dockerd >/dev/null; } || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v docker-compose >/dev/null || need+=(docker-compose)
if [ "${#need[@]}" -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}"; } >"$run/apt.log" 2>&1 \
    || { fail "apt-get install ${need[*]} (see $run/apt.log)"; finish; }
fi
if ! $docker info >/dev/null 2>&1; then
  # Started directly (not through a function, whose subshell $! would name), so that teardown stops it by pid.
  if [ "$(id -u)" -eq 0 ]; then dockerd --bridge=none --iptables=false >"$run/dockerd.log" 2>&1 &
  else sudo -n dockerd --bridge=none --iptables=false >"$run/dockerd.log" 2>&1 &
  fi
  dockerd_pid=$! started_engine=true
  for _ in $(seq 1 120); do $docker info >/dev/null 2>&1 && break; sleep 0.5; done
fi
if $docker info >/dev/null 2>&1; then
  ok "engine: Docker $($docker version -f '{{.Server.Version}}' 2>/dev/null)$($started_engine && echo ", started with --bridge=none --iptables=false")"
else
  fail "engine: dockerd did not come up (see $run/dockerd.log)"; finish
fi

# --- 2. base images ----------------------------------------------------------------------------------------
phase "base images"
if ! $docker image inspect "$CHECK_BASE_IMAGE" >/dev/null 2>&1; then
  dir="$(mktemp -d /var/tmp/inspection-base.XXXXXX)"
  echo "debootstrap --variant=minbase trixie ($mirror)"
  if as_root debootstrap --variant=minbase trixie "$dir" "$mirror" >"$run/debootstrap.log" 2>&1; then
    # As slim as debian:trixie-slim: no package caches, lists, documentation or translations; the same sources.
    rm -rf "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* \
      "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/etc/apt/sources.list
    cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: ${mirror}
Suites: trixie trixie-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: trixie-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    tar -C "$dir" -c . | $docker import -c 'CMD ["/bin/bash"]' - "$CHECK_BASE_IMAGE" >/dev/null
  fi
  rm -rf "$dir"
fi
if $docker image inspect "$CHECK_BASE_IMAGE" >/dev/null 2>&1; then
  ok "base image $CHECK_BASE_IMAGE: Debian $($docker run --rm --network none "$CHECK_BASE_IMAGE" cat /etc/debian_version)"
else
  fail "base image $CHECK_BASE_IMAGE (see $run/debootstrap.log)"; finish
fi
# Prometheus for the stack: Debian's package (prom/prometheus is on a registry), with wget for the compose
# healthcheck (the upstream image has busybox's), as user nobody like the upstream image.
if $docker build --network host --build-arg BASE="$CHECK_BASE_IMAGE" -t "$CHECK_PROMETHEUS_IMAGE" - >"$run/build-prometheus.log" 2>&1 <<'EOF'
ARG BASE
FROM ${BASE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus wget \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /prometheus && chown 65534:65534 /prometheus
USER 65534:65534
ENTRYPOINT ["/usr/bin/prometheus"]
EOF
then ok "image $CHECK_PROMETHEUS_IMAGE: $($docker run --rm --network none "$CHECK_PROMETHEUS_IMAGE" --version 2>&1 | head -n 1)"
else fail "image $CHECK_PROMETHEUS_IMAGE (see $run/build-prometheus.log)"; fi

# --- 3. executables and images ---------------------------------------------------------------------------
phase "executables (swift build -c release --static-swift-stdlib)"
scripts/install-tools.sh >"$run/install-tools.log" 2>&1 || { fail "scripts/install-tools.sh (see $run/install-tools.log)"; finish; }
build=(swift build -c release --static-swift-stdlib -Xlinker --strip-debug --scratch-path .build-release)
lock="${SWIFT_BUILD_LOCK:-/tmp/swift-build.lock}"
if flock "$lock" "${build[@]}" >"$run/swift-build.log" 2>&1; then
  ok "swift build -c release --static-swift-stdlib ($(grep -o 'Build complete! ([0-9.]*s)' "$run/swift-build.log" | tail -n 1))"
else
  tail -n 30 "$run/swift-build.log"; fail "swift build (see $run/swift-build.log)"; finish
fi
bin="$("${build[@]}" --show-bin-path)"
backtrace="$(dirname "$(readlink -f "$(command -v swift)")")/../libexec/swift/linux/swift-backtrace-static"
rm -rf .build-release/container && mkdir -p .build-release/container/bin .build-release/container/libexec
for target in "${targets[@]}"; do install -m 0755 "$bin/$target" .build-release/container/bin/; done
[ -x "$backtrace" ] && install -m 0755 "$backtrace" .build-release/container/libexec/

phase "images (deploy/Dockerfile, EXECUTABLES=prebuilt, RUNTIME_IMAGE=$CHECK_BASE_IMAGE)"
built=()
for target in "${targets[@]}"; do
  image="$IMAGE_REGISTRY/$target:$IMAGE_TAG"
  if $docker build --network host -f deploy/Dockerfile --target "$target" -t "$image" \
      --build-arg RUNTIME_IMAGE="$CHECK_BASE_IMAGE" --build-arg EXECUTABLES=prebuilt . >"$run/build-$target.log" 2>&1; then
    ok "docker build --target $target"; built+=("$target")
  else
    tail -n 20 "$run/build-$target.log"; fail "docker build --target $target (see $run/build-$target.log)"
  fi
done
# Only the prebuilt builds need the staged copy; without it the build context of other builds stays small.
rm -rf .build-release/container
[ "${#built[@]}" -eq "${#targets[@]}" ] || finish
librdkafka="$($docker run --rm --network none --entrypoint dpkg-query "$IMAGE_REGISTRY/inspection:$IMAGE_TAG" -W -f '${Version}' librdkafka1 2>/dev/null)"
check "runtime image carries librdkafka1 $librdkafka (>= 2.2)" dpkg --compare-versions "${librdkafka:-0}" ge 2.2

# --- 4. checks -------------------------------------------------------------------------------------------
phase "--help"
for target in "${targets[@]}"; do
  name="inspection-check-help-$target"
  out="$(timeout 30 $docker run --name "$name" --rm --network none --read-only "$IMAGE_REGISTRY/$target:$IMAGE_TAG" --help 2>&1)"
  status=$?
  $docker rm -f "$name" >/dev/null 2>&1
  if [ "$status" -eq 0 ] && grep -qiE "usage|$target" <<<"$out"; then ok "$target image starts and answers --help"
  else fail "$target image answers --help (exit $status): $(head -n 2 <<<"$out" | tr '\n' ' ' | cut -c1-200)"; fi
done

phase "stack (docker-compose.yml + deploy/compose/tansu.override.yml)"
compose down -v --remove-orphans >/dev/null 2>&1   # what an interrupted run may have left
busy=()
for port in "$CHECK_BROKER_PORT" 8081 8082 8083 8084 9090; do listening "$port" && busy+=("$port"); done
if [ "${#busy[@]}" -gt 0 ]; then fail "ports in use on 127.0.0.1: ${busy[*]}"; finish; fi
if ! compose up -d >"$run/compose-up.log" 2>&1; then
  tail -n 20 "$run/compose-up.log"; fail "docker-compose up -d (see $run/compose-up.log)"
  compose logs --no-color >"$run/compose.log" 2>&1; finish
fi
up_at=$SECONDS
declare -A id=()
for service in "${workers[@]}" prometheus topics; do id[$service]="$(container "$service")"; done
deadline=$((SECONDS + 240))
declare -A healthy_after=()
while [ "$SECONDS" -lt "$deadline" ]; do
  for service in "${workers[@]}" prometheus; do
    [ -n "${healthy_after[$service]:-}" ] && continue
    [ "$(inspect "${id[$service]}" '{{.State.Health.Status}}')" = healthy ] && healthy_after[$service]=$((SECONDS - up_at))
  done
  [ "${#healthy_after[@]}" -eq 5 ] && break
  sleep 1
done
check "topics service completed (exit 0)" test "$(inspect "${id[topics]}" '{{.State.Status}} {{.State.ExitCode}}')" = "exited 0"
for service in "${workers[@]}" prometheus; do
  if [ -n "${healthy_after[$service]:-}" ]; then ok "$service healthy through its healthcheck (${healthy_after[$service]} s after up)"
  else fail "$service healthy: $(inspect "${id[$service]}" '{{.State.Status}} {{.State.Health.Status}}')"
       compose logs --no-color --tail 20 "$service"; fi
done
compose logs --no-color >"$run/compose.log" 2>&1

for service in "${workers[@]}" topics; do
  check "$service runs as 10001:10001 with a read-only root filesystem, no capabilities, cpu and memory limits" \
    grep -qE '^10001:10001 true \[ALL\] [1-9][0-9]* [1-9][0-9]* host$' \
      <<<"$(inspect "${id[$service]}" '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{.HostConfig.NetworkMode}}')"
done
for service in "${workers[@]}"; do
  uid="$($docker exec "${id[$service]}" id -u 2>&1)"
  if [ "$uid" = 10001 ] && ! $docker exec "${id[$service]}" sh -c 'echo x > /app/probe' 2>/dev/null \
      && ! $docker exec "${id[$service]}" sh -c 'echo x > /tmp/probe' 2>/dev/null; then
    ok "$service: the process is uid 10001 and cannot write to its root filesystem"
  else fail "$service: uid $uid, or its root filesystem is writable"; fi
done

phase "sample inspection through the inspection image"
inspection_id=INS-2026-CHK-01
out="$(timeout 300 "${compose[@]}" run --rm --no-deps topics sample --inspection-id "$inspection_id" --case-files 12 --summary none 2>&1)"
status=$?
echo "$out" | grep -vE '^(Creating|Starting)' | tail -n 3
check "inspection sample published $inspection_id and followed it to FINAL" test "$status" -eq 0 -a -n "$(grep 'FINAL judgement' <<<"$out")"
out="$(timeout 120 "${compose[@]}" run --rm --no-deps topics report "$inspection_id" --timeout 20 2>&1)"
final="$(grep -m 1 'Status: \*\*FINAL\*\*' <<<"$out")"
if [ -n "$final" ]; then ok "inspection report read the FINAL judgement back from reporting.judgements: ${final#- }"
else fail "inspection report $inspection_id: no FINAL judgement: $(tail -n 3 <<<"$out" | tr '\n' ' ')"; fi

phase "metrics, Prometheus and the dashboard"
urls=()
for service in "${workers[@]}"; do urls+=("http://127.0.0.1:${http_port[$service]}/metrics"); done
if out="$("$python" scripts/check_monitoring.py --live "${urls[@]}" 2>&1)"; then
  ok "every metric the dashboard and the alerts name is in the workers' live /metrics ($(tail -n 1 <<<"$out"))"
else
  grep '^FAIL' <<<"$out"; fail "scripts/check_monitoring.py --live"
fi
out="$("$python" - <<'EOF' 2>&1
import json, re, sys, time, urllib.parse, urllib.request
import yaml
base = "http://127.0.0.1:9090/api/v1/"
def get(path, **query):
    url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    return json.load(urllib.request.urlopen(url, timeout=10))
workers = {"casefile-intake", "transcript-intake", "findings-consolidator", "aggregate-reporter"}
problems = []
# Scrape targets: every worker up, under its own name as job (what the alerts group by).
deadline = time.time() + 60
while True:
    targets = get("targets")["data"]["activeTargets"]
    up = {t["labels"]["job"] for t in targets if t["health"] == "up"}
    if up >= workers or time.time() > deadline:
        break
    time.sleep(2)
if up != workers:
    problems.append(f"targets up: {sorted(up)}")
groups = yaml.safe_load(open("deploy/prometheus/alerts.yml"))["groups"]
loaded = get("rules")["data"]["groups"]
if sorted(g["name"] for g in loaded) != sorted(g["name"] for g in groups) or sum(len(g["rules"]) for g in loaded) != sum(len(g["rules"]) for g in groups):
    problems.append("alert rules not all loaded")
firing = [a["labels"]["alertname"] for a in get("alerts")["data"]["alerts"] if a["state"] == "firing"]
# Every dashboard query, with Grafana's variables as Grafana would fill them. Rates need two scrapes (15 s apart).
dashboard = json.load(open("deploy/grafana/dashboards/inspection-pipeline.json"))
def queries(panels):
    for panel in panels or []:
        for target in panel.get("targets") or []:
            yield panel["title"], target["expr"]
        yield from queries(panel.get("panels"))
exprs = list(queries(dashboard["panels"]))
deadline = time.time() + 90
while True:
    results = {}
    for title, expr in exprs:
        q = expr.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$job", ".+")
        reply = get("query", query=q)
        results[(title, expr)] = (reply["status"], len(reply["data"]["result"]))
    with_data = sum(1 for status, n in results.values() if status == "success" and n)
    if with_data >= len(exprs) - 2 or time.time() > deadline:   # the two dead-letter queries are empty with no dead letters
        break
    time.sleep(5)
errors = [f"{t}: {s}" for (t, _), (s, _) in results.items() if s != "success"]
problems += errors
print(f"targets up as jobs {', '.join(sorted(up))}; {sum(len(g['rules']) for g in loaded)} alert rules loaded, firing: {', '.join(firing) or 'none'}; "
      f"{len(exprs)} dashboard queries evaluated, {with_data} with data")
if problems:
    print("problems: " + "; ".join(problems))
    sys.exit(1)
EOF
)"
status=$?
if [ "$status" -eq 0 ]; then ok "Prometheus: $out"; else fail "Prometheus: $out"; fi

phase "docker stop"
for service in "${workers[@]}"; do
  grace="$(inspect "${id[$service]}" '{{.Config.StopTimeout}}')"
  started=$(date +%s.%N)
  $docker stop "${id[$service]}" >/dev/null
  took="$("$python" -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$started" "$(date +%s.%N)")"
  result="$(inspect "${id[$service]}" '{{.State.ExitCode}} {{.State.OOMKilled}}')"
  if [ "$result" = "0 false" ] && "$python" -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' "$took" "${grace:-10}"; then
    ok "docker stop $service: exit 0 after $took s (grace period ${grace} s)"
  else fail "docker stop $service: exit/OOM '$result' after $took s (grace period ${grace:-none} s)"; fi
done
compose logs --no-color >"$run/compose.log" 2>&1

# --- 5. sizes, teardown ----------------------------------------------------------------------------------
phase "image sizes"
for target in "${targets[@]}"; do
  printf '  %-50s %s\n' "$IMAGE_REGISTRY/$target:$IMAGE_TAG" "$($docker image ls --format '{{.Size}}' "$IMAGE_REGISTRY/$target:$IMAGE_TAG")"
done
printf '  %-50s %s\n' "$CHECK_BASE_IMAGE (base)" "$($docker image ls --format '{{.Size}}' "$CHECK_BASE_IMAGE")"
if $started_engine; then
  check "no bridge network exists (every container on the host network)" \
    test -z "$($docker network ls -q --filter driver=bridge)"
fi
finish
