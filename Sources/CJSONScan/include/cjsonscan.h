// Byte scanning for InspectionDomain's JSON parser: sixteen bytes at a time with SSE2 on x86-64 (every x86-64
// CPU has it), eight at a time in portable C elsewhere.
#ifndef INSPECTION_CJSONSCAN_H
#define INSPECTION_CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>

/// The same as `ik_json_plain_ascii_prefix`, eight bytes at a time in portable C (what other CPUs use, and what
/// finishes the last fifteen bytes on x86-64; the tests compare both with a reference).
size_t ik_json_plain_ascii_prefix_portable(const uint8_t *bytes, size_t count);

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>

/// The number of leading bytes of `bytes[0..<count]` that a JSON string may hold as they are and a parser can skip:
/// printable ASCII other than the quote and the backslash (so it stops at a quote, a backslash, a control
/// character or any byte of a multi-byte UTF-8 sequence).
///
/// Inline, so the parser's call costs no call: most strings are short and end in the first sixteen bytes.
static inline size_t ik_json_plain_ascii_prefix(const uint8_t *bytes, size_t count) {
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        // As signed bytes, control characters (0x00-0x1F) and bytes 0x80-0xFF are both below 0x20.
        __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space));
        unsigned mask = (unsigned)_mm_movemask_epi8(special);
        if (mask != 0) return i + (size_t)__builtin_ctz(mask);
    }
    return i + ik_json_plain_ascii_prefix_portable(bytes + i, count - i);
}

#else

/// See the x86-64 version above.
static inline size_t ik_json_plain_ascii_prefix(const uint8_t *bytes, size_t count) {
    return ik_json_plain_ascii_prefix_portable(bytes, count);
}

#endif

#endif
