#include "cjsonscan.h"

#include <string.h>

// Eight bytes at a time: a byte's high bit is set in `flags` when it is special. The lowest flagged byte is exact
// (borrows only run towards higher bytes), which is the only one used.
// Loaded little-endian, so the first byte in memory is the lowest: borrows run from it towards the later bytes.
static inline uint64_t load64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}
static const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

static inline uint64_t equal_bytes(uint64_t v, uint8_t c) {
    uint64_t x = v ^ (ones * c);
    return (x - ones) & ~x;
}

static inline size_t first_flagged(uint64_t flags) { return (size_t)__builtin_ctzll(flags) >> 3; }

static inline size_t plain_tail(const uint8_t *bytes, size_t i, size_t count) {
    for (; i < count; i++) {
        uint8_t b = bytes[i];
        if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) return i;
    }
    return count;
}

static inline size_t plain_words(const uint8_t *bytes, size_t i, size_t count) {
    for (; i + 8 <= count; i += 8) {
        uint64_t v = load64(bytes + i);
        uint64_t flags = (equal_bytes(v, '"') | equal_bytes(v, '\\') | (v - ones * 0x20) | v) & highs;
        if (flags) return i + first_flagged(flags);
    }
    return plain_tail(bytes, i, count);
}

size_t ik_json_plain_ascii_prefix_portable(const uint8_t *bytes, size_t count) { return plain_words(bytes, 0, count); }
