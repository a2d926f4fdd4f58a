"""A minimal reader of an ELF shared object's dynamic symbol table.

Used by graphc.load to find a library's model name (its single exported
``NAME_info`` with ``NAME`` beside it) when the file name does not give it.
Pure Python: no binutils needed.
"""

import struct

__all__ = ["dynamic_symbols", "NotELFError"]

_SHT_DYNSYM = 11
_STB_GLOBAL, _STB_WEAK = 1, 2
_SHN_UNDEF = 0


class NotELFError(ValueError):
    """The file is not an ELF object this reader understands."""


def dynamic_symbols(path):
    """Returns the names of the defined global (or weak) symbols of ``path``'s
    .dynsym, in table order."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or len(data) < 64:
        raise NotELFError("%s: not an ELF file" % path)
    klass, encoding = data[4], data[5]
    if klass not in (1, 2) or encoding not in (1, 2):
        raise NotELFError("%s: unknown ELF class/encoding" % path)
    e = "<" if encoding == 1 else ">"
    is64 = klass == 2
    if is64:
        e_shoff, = struct.unpack_from(e + "Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from(e + "HH", data, 0x3A)
        shdr = e + "IIQQQQIIQQ"
        sym, sym_size = e + "IBBHQQ", 24
    else:
        e_shoff, = struct.unpack_from(e + "I", data, 0x20)
        e_shentsize, e_shnum = struct.unpack_from(e + "HH", data, 0x2E)
        shdr = e + "IIIIIIIIII"
        sym, sym_size = e + "IIIBBH", 16

    def section(i):
        fields = struct.unpack_from(shdr, data, e_shoff + i * e_shentsize)
        # name, type, flags, addr, offset, size, link, info, addralign, entsize
        return fields[1], fields[4], fields[5], fields[6]

    names = []
    for i in range(e_shnum):
        sh_type, offset, size, link = section(i)
        if sh_type != _SHT_DYNSYM:
            continue
        _, str_off, str_size, _ = section(link)
        strtab = data[str_off:str_off + str_size]
        for off in range(offset, offset + size, sym_size):
            fields = struct.unpack_from(sym, data, off)
            if is64:
                st_name, st_info, _, st_shndx = fields[:4]
            else:
                st_name, st_info, st_shndx = fields[0], fields[3], fields[5]
            if st_shndx == _SHN_UNDEF or (st_info >> 4) not in (_STB_GLOBAL, _STB_WEAK):
                continue
            end = strtab.find(b"\0", st_name)
            name = strtab[st_name:end if end >= 0 else len(strtab)].decode("utf-8", "replace")
            if name:
                names.append(name)
    return names
