// SHA-256 block compression (FIPS 180-4) for InspectionDomain's SHA256Hasher: the x86 SHA extensions when the
// CPU has them (checked once at run time), portable C otherwise. Padding and streaming stay in Swift.
#ifndef INSPECTION_CSHA256_H
#define INSPECTION_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` 64-byte blocks into `state` (eight words), with the fastest implementation available.
void ik_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The portable implementation (tests compare both with a reference).
void ik_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when the CPU has the SHA extensions (and `ik_sha256_blocks` uses them), else 0.
int ik_sha256_uses_sha_extensions(void);

#endif
