#!/usr/bin/env bash
# Memory-unsafe Swift stays fenced in the targets made for it: FastJSON (the JSON parser, document and writer),
# FastSHA256, the Kafka wrapper over librdkafka, the C targets (Sources/C*), TestSupport and the benchmarks. The
# rest of Sources/ (the domain, the runtime, the workers, the executables, the CLI) uses their safe APIs only.
#
#   scripts/check-unsafe.sh    fails, naming file and line, on unsafe code anywhere else (run by scripts/test.sh)
#
# Unsafe code: `Unsafe…` pointer and buffer types, `withUnsafe…`, `unsafeBitCast`, `unsafeAddress` and the other
# `unsafe…` entry points (`unsafeUninitializedCapacity`, `unsafeLoadUnaligned`, …), `Unmanaged`, `unowned(unsafe)`,
# `@unsafe`, and raw memory rebinding. Comments are not code. `nonisolated(unsafe)` is a concurrency opt-out, not
# memory access, and is not matched.
set -euo pipefail
cd "$(dirname "$0")/.."

pattern='Unsafe|withUnsafe|unsafeBitCast|unsafeAddress|unsafe[A-Z]|Unmanaged|unowned\(unsafe\)|@unsafe\b|assumingMemoryBound|bindMemory'
fenced='^Sources/(FastJSON|FastSHA256|Kafka|C[^/]*|TestSupport|[^/]*Benchmark)/'

# Lines outside those targets that are known and waiting to move behind a safe API: each exact line, with its
# reason. A new unsafe line fails even in these files.
known=(
  # C interop: a sockaddr_in passed to connect(2) (the readiness probes); to move behind a safe socket API.
  'Sources/WorkerRuntime/PortCheck.swift|let result = withUnsafePointer(to: &address) {'
  'Sources/WorkerRuntime/HTTPProbe.swift|let connected = withUnsafePointer(to: &address) {'
)

findings=0
while IFS= read -r hit; do
  file="${hit%%:*}"
  rest="${hit#*:}"
  line="${rest%%:*}"
  code="${rest#*:}"
  [[ "$file" =~ $fenced ]] && continue
  # Only the code before a `//` comment counts (a line that is all comment has none).
  code="$(sed -E 's#(^|[[:space:]])//.*$##' <<<"$code")"
  grep -qE "$pattern" <<<"$code" || continue
  trimmed="$(sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' <<<"$code")"
  for entry in "${known[@]}"; do
    [[ "$entry" == "$file|$trimmed" ]] && continue 2
  done
  echo "FAIL $file:$line: unsafe code outside the fenced targets: $trimmed"
  findings=$((findings + 1))
done < <(grep -rnE --include='*.swift' "$pattern" Sources || true)

if [ "$findings" -eq 0 ]; then
  echo "ok   no unsafe code in Sources/ outside FastJSON, FastSHA256, Kafka, the C targets, TestSupport and the benchmarks"
  echo "1 passed, 0 failed"
else
  echo "FAIL $findings line(s) of unsafe code outside the fenced targets (move it into one, behind a safe API)"
  echo "0 passed, 1 failed"
  exit 1
fi
