"""Writes a GraphDef whose one attr nests 100000 AttrValue -> NameAttrList ->
AttrValue levels deep (the schema is recursive), as text (argv[1]) and as
binary (argv[2]), for deep-nesting.test."""
import sys

N = 100000
text = ('node { name: "x" op: "Foo" attr { key: "a" value { '
        + 'func { name: "f" attr { key: "a" value { ' * N
        + '} } }' * N + ' } } }\n')
with open(sys.argv[1], "w") as f:
    f.write(text)


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(tag, payload):
    return bytes([tag]) + varint(len(payload)) + payload


value = b""  # the innermost AttrValue: empty
for _ in range(N):
    entry = field(0x0A, b"a") + field(0x12, value)      # map<string, AttrValue>
    name_attr_list = field(0x0A, b"f") + field(0x12, entry)
    value = field(0x52, name_attr_list)                 # AttrValue.func
node = field(0x0A, b"x") + field(0x12, b"Foo") + field(0x2A, field(0x0A, b"a") + field(0x12, value))
with open(sys.argv[2], "wb") as f:
    f.write(field(0x0A, node))
