// Byte scanning for InspectionDomain's JSON parser: sixteen bytes at a time with SSE2 on x86-64 (every x86-64
// CPU has it), eight at a time in portable C elsewhere.
#ifndef INSPECTION_CJSONSCAN_H
#define INSPECTION_CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>

/// The number of leading bytes of `bytes[0..<count]` that a JSON string may hold as they are and a parser can skip:
/// printable ASCII other than the quote and the backslash (so it stops at a quote, a backslash, a control
/// character or any byte of a multi-byte UTF-8 sequence).
size_t ik_json_plain_ascii_prefix(const uint8_t *bytes, size_t count);

/// The same, eight bytes at a time in portable C (what other CPUs use; the tests compare both with a reference).
size_t ik_json_plain_ascii_prefix_portable(const uint8_t *bytes, size_t count);

#endif
