// libFuzzer itself comes with `-sanitize=fuzzer`; this file only holds an uninstrumented helper.
#define _GNU_SOURCE
#include <string.h>
#include "CLibFuzzer.h"

long decoder_fuzzer_find(const uint8_t *haystack, size_t count, const char *needle, size_t needle_count) {
    const uint8_t *found = memmem(haystack, count, needle, needle_count);
    return found ? (long)(found - haystack) : -1;
}
