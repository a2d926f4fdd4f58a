#!/usr/bin/env python3
"""Independent reference for RandomUniform: TF's Philox4x32-10 stream in
plain Python integers, checked first against the Random123 known-answer
vectors (philox4x32 10 rounds), then written as float32 .npy.

  philox_ref.py SEED SEED2 SHAPE OUT.npy      (SHAPE like 3x5)
"""
import sys

import numpy as np

M = 0xFFFFFFFF


def philox4x32_10(ctr, key):
    ctr, key = list(ctr), list(key)
    for r in range(10):
        if r:
            key = [(key[0] + 0x9E3779B9) & M, (key[1] + 0xBB67AE85) & M]
        p0 = 0xD2511F53 * ctr[0]
        p1 = 0xCD9E8D57 * ctr[2]
        ctr = [((p1 >> 32) ^ ctr[1] ^ key[0]) & M, p1 & M,
               ((p0 >> 32) ^ ctr[3] ^ key[1]) & M, p0 & M]
    return ctr


# Random123's kat_vectors for philox4x32_10.
assert philox4x32_10([0, 0, 0, 0], [0, 0]) == [
    0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]
assert philox4x32_10([M, M, M, M], [M, M]) == [
    0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD]
assert philox4x32_10([0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344],
                     [0xA4093822, 0x299F31D0]) == [
    0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1]


def uniform(seed, seed2, n):
    """TF: group g (4 elements) uses counter [g (64 bits), seed2 (64 bits)]
    and key seed; Uint32ToFloat keeps 23 mantissa bits in [1, 2), minus 1."""
    out = []
    for g in range((n + 3) // 4):
        words = philox4x32_10([g & M, g >> 32, seed2 & M, seed2 >> 32],
                              [seed & M, seed >> 32])
        for w in words:
            bits = np.array([0x3F800000 | (w & 0x7FFFFF)], dtype=np.uint32)
            out.append(bits.view(np.float32)[0] - np.float32(1))
    return np.array(out[:n], dtype=np.float32)


def main(argv):
    seed, seed2 = int(argv[1]), int(argv[2])
    shape = [int(d) for d in argv[3].split("x")]
    n = int(np.prod(shape))
    np.save(argv[4], uniform(seed, seed2, n).reshape(shape))


if __name__ == "__main__":
    main(sys.argv)
