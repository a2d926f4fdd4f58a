"""Writes a binary GraphDef of N NoOp nodes (argv[2], default 2000001) to
argv[1], encoded by hand (GraphDef.node = field 1, NodeDef.name = 1,
NodeDef.op = 2), for too-many-nodes.test."""
import sys

n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000001


def field(tag, payload):
    out = bytearray([tag])
    size = len(payload)
    while True:
        b = size & 0x7F
        size >>= 7
        out.append(b | (0x80 if size else 0))
        if not size:
            break
    return bytes(out) + payload


op = field(0x12, b"NoOp")
with open(sys.argv[1], "wb") as f:
    f.write(b"".join(field(0x0A, field(0x0A, b"n%d" % i) + op) for i in range(n)))
