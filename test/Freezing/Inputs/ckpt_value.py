#!/usr/bin/env python3
"""Independent reference for the freezing tests: reads one float32 tensor of
an uncompressed TF V2 checkpoint with nothing but the format description
(table footer -> index block -> data block -> BundleEntryProto fields) and
saves it as .npy.

  ckpt_value.py PREFIX KEY OUT.npy
"""
import struct
import sys

import numpy as np


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if not c & 0x80:
            return r, i


def block_entries(b, off, size):
    assert b[off + size] == 0, "compressed block: not supported here"
    blk = b[off:off + size]
    n = struct.unpack("<I", blk[-4:])[0]
    limit, i, key = len(blk) - 4 - 4 * n, 0, b""
    while i < limit:
        shared, i = varint(blk, i)
        nonshared, i = varint(blk, i)
        vlen, i = varint(blk, i)
        key = key[:shared] + blk[i:i + nonshared]
        i += nonshared
        yield key, blk[i:i + vlen]
        i += vlen


def entry_fields(msg):
    """BundleEntryProto: 1 dtype, 2 shape, 3 shard, 4 offset, 5 size."""
    fields, i = {}, 0
    while i < len(msg):
        tag, i = varint(msg, i)
        num, wire = tag >> 3, tag & 7
        if wire == 0:
            fields[num], i = varint(msg, i)
        elif wire == 2:
            n, i = varint(msg, i)
            fields[num] = msg[i:i + n]
            i += n
        elif wire == 5:
            fields[num] = msg[i:i + 4]
            i += 4
    return fields


def shape_dims(msg):
    dims, i = [], 0
    while i < len(msg):
        tag, i = varint(msg, i)
        n, i = varint(msg, i)
        dim, j = msg[i:i + n], 0
        size = 0
        while j < len(dim):
            t, j = varint(dim, j)
            if t >> 3 == 1:
                size, j = varint(dim, j)
            else:
                m, j = varint(dim, j)
                j += m
        dims.append(size)
        i += n
    return dims


def main(prefix, key, out):
    b = open(prefix + ".index", "rb").read()
    footer, i = b[-48:], 0
    _, i = varint(footer, i)
    _, i = varint(footer, i)
    index_off, i = varint(footer, i)
    index_size, i = varint(footer, i)
    for _, handle in block_entries(b, index_off, index_size):
        off, j = varint(handle, 0)
        size, j = varint(handle, j)
        for k, v in block_entries(b, off, size):
            if k.decode(errors="replace") != key:
                continue
            f = entry_fields(v)
            assert f.get(1) == 1, "not DT_FLOAT"
            shard = f.get(3, 0)
            data = open("%s.data-%05d-of-00001" % (prefix, shard), "rb").read()
            start = f.get(4, 0)
            raw = data[start:start + f.get(5, 0)]
            value = np.frombuffer(raw, dtype="<f4").reshape(shape_dims(f.get(2, b"")))
            np.save(out, value)
            return
    sys.exit("no key " + key)


if __name__ == "__main__":
    main(*sys.argv[1:])
