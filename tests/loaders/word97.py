"""A minimal Word 97 (.doc) writer for tests: an OLE2 compound file holding a WordDocument stream
(FIB, text, two formatted disk pages) and a 1Table stream (piece table and bin tables).

No .doc generator is available here (no LibreOffice), and the loader's DOC path is only honest
if antiword reads a real file.  The layout follows the published [MS-DOC] and [MS-CFB] specs:
512-byte sectors, one FAT sector, one directory sector, both streams >= 4096 bytes so that no
mini stream is needed.  Text is one piece, either 8-bit ("compressed", Windows-1252 bytes, as
Word stored text typed in .VnTime fonts) or UTF-16.  "\\r" ends a paragraph, "\\x0c" is a page break.
Character and paragraph runs are declared (one bin-table entry each, pointing at a formatted
disk page with default properties): catdoc needs them to read UTF-16 text to its end.  There are
no style, font or section tables: catdoc reads these files; antiword parses them but prints
nothing, which is why the loader falls back to catdoc when antiword returns no text.
"""

from __future__ import annotations

import struct

SECTOR = 512
ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
TEXT_OFFSET = 0x800  # where the text starts in the WordDocument stream, after the FIB


def _pad(data: bytes, size: int) -> bytes:
    size = -(-max(size, len(data)) // SECTOR) * SECTOR
    return data + b"\0" * (size - len(data))


def _fib(n_chars: int, text_bytes: int, compressed: bool, encrypted: bool) -> bytes:
    fib = bytearray(TEXT_OFFSET)
    struct.pack_into("<HHHH", fib, 0x00, 0xA5EC, 0x00C1, 0x6A, 0x042A)  # wIdent, nFib (Word 97), product, lid vi-VN
    # fWhichTblStm (the piece table is in 1Table); fExtChar when the text is UTF-16
    # fEncrypted marks a password-protected file
    struct.pack_into("<H", fib, 0x0A, 0x0200 | (0 if compressed else 0x1000) | (0x0100 if encrypted else 0))
    struct.pack_into("<II", fib, 0x18, TEXT_OFFSET, TEXT_OFFSET + text_bytes)  # fcMin, fcMac
    struct.pack_into("<I", fib, 0x4C, n_chars)  # ccpText
    return bytes(fib)


def _clx(n_chars: int, compressed: bool) -> bytes:
    fc = (TEXT_OFFSET * 2) | 0x40000000 if compressed else TEXT_OFFSET
    plc = struct.pack("<II", 0, n_chars) + struct.pack("<HIH", 0, fc, 0)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _dir_entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 0x44, left, right, child)
    struct.pack_into("<II", entry, 0x74, start, size)
    return bytes(entry)


def _fkp(fc_start: int, fc_end: int, paragraph: bool) -> bytes:
    """A formatted disk page with one run [fc_start, fc_end) and default properties."""
    page = bytearray(SECTOR)
    struct.pack_into("<II", page, 0, fc_start, fc_end)
    if paragraph:
        page[8] = 0x80  # the PAPX sits at word offset 0x80 (byte 0x100): cb=0, cb'=1, istd 0
        page[0x100:0x104] = b"\x00\x01\x00\x00"
    page[SECTOR - 1] = 1  # crun
    return bytes(page)


def word97_document(paragraphs: list[str] | None = None, *, raw_8bit: bytes | None = None,
                    encrypted: bool = False) -> bytes:
    """A .doc whose body is ``paragraphs`` (UTF-16 piece) or ``raw_8bit`` (one 8-bit piece)."""
    if raw_8bit is not None:
        text, n_chars, compressed = raw_8bit, len(raw_8bit), True
    else:
        body = "\r".join(paragraphs or []) + "\r"
        text, n_chars, compressed = body.encode("utf-16-le"), len(body), False
    fib = bytearray(_fib(n_chars, len(text), compressed, encrypted))
    word = bytearray(_pad(bytes(fib) + text, 0))
    runs = (TEXT_OFFSET, TEXT_OFFSET + len(text))
    chpx_page, papx_page = len(word) // SECTOR, len(word) // SECTOR + 1
    word += _fkp(*runs, paragraph=False) + _fkp(*runs, paragraph=True)
    clx = _clx(n_chars, compressed)
    bin_chpx = struct.pack("<III", *runs, chpx_page)
    bin_papx = struct.pack("<III", *runs, papx_page)
    struct.pack_into("<II", word, 0xFA, len(clx), len(bin_chpx))  # fcPlcfBteChpx, lcb
    struct.pack_into("<II", word, 0x102, len(clx) + len(bin_chpx), len(bin_papx))  # fcPlcfBtePapx, lcb
    word = _pad(bytes(word), 4096)
    table = _pad(clx + bin_chpx + bin_papx, 4096)

    word_start, word_len = 2, len(word) // SECTOR
    table_start, table_len = word_start + word_len, len(table) // SECTOR
    n_sectors = table_start + table_len
    if n_sectors > SECTOR // 4:
        raise ValueError("text too long for a one-FAT-sector file")
    fat = [FATSECT, ENDOFCHAIN]
    for start, length in ((word_start, word_len), (table_start, table_len)):
        fat += [start + i + 1 for i in range(length - 1)] + [ENDOFCHAIN]
    fat += [FREESECT] * (SECTOR // 4 - len(fat))

    directory = b"".join([
        _dir_entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, ENDOFCHAIN, 0),
        _dir_entry("WordDocument", 2, 2, NOSTREAM, NOSTREAM, word_start, len(word)),
        _dir_entry("1Table", 2, NOSTREAM, NOSTREAM, NOSTREAM, table_start, len(table)),
        _dir_entry("", 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0),
    ])
    header = bytearray(SECTOR)
    header[:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 0x18, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    difat = [0] + [FREESECT] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    return bytes(header) + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + word + table
