#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, linked by `-sanitize=fuzzer`): parses libFuzzer's flags from argv and
/// fuzzes `callback`. Used instead of libFuzzer's own `main`, which SwiftPM's executable linking replaces.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// The offset of the first `needle` in `haystack`, or -1 (`memmem`; this C file is not instrumented, so the
/// harness's own scanning of large inputs stays cheap and adds no coverage).
long decoder_fuzzer_find(const uint8_t *haystack, size_t count, const char *needle, size_t needle_count);

#endif
