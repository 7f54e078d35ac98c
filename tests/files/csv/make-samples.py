#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the same list of people as CSV in every encoding the importer reads.

The legacy encoders here are written independently of src/core/td-encoding.c
(from the published tables: TCVN 5712:1993 VN3, VNI Windows, RFC 1456), and
Windows-1258 and UTF-16 come from Python's own codecs, so that the core
decoders are checked against a second implementation.
Run from anywhere: python3 make-samples.py
"""
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

ROWS = [
    ["Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Chức vụ", "Đơn vị", "Lãnh đạo", "Thành phần"],
    ["Nguyễn Thị Ánh Tuyết", "Nữ", "1980", "Kinh", "Giáo viên", "UBND xã Thanh Phước", "", "Người tốt việc tốt"],
    ["Trần Văn Đông", "Nam", "12/5/1975", "Kinh", "Phó Chủ tịch", "Huyện Gò Dầu", "x", "Lãnh đạo"],
    ["Lê Thị Hoà", "Nữ", "1990", "Khmer", "Nông dân, tổ trưởng", "xã Phước Thạnh", "", "Nông dân"],
    ["Phạm Ngọc Thạch", "Nam", "1968", "Kinh", "Trưởng phòng Nội vụ", "Tỉnh Tây Ninh", "có", "Lãnh đạo"],
    ["Đặng Thị Thu Hường", "Nữ", "03/02/1985", "Chăm", "Công nhân \"xuất sắc\"", "xã Long Thuận", "", "Công nhân"],
    ["Võ Quốc Ưng", "Nam", "2001", "Kinh", "Kỹ sư", "Công ty TNHH Mỹ Ý", "", "Nhà khoa học"],
]

TONES = "\u0300\u0309\u0303\u0301\u0323"   # huyền hỏi ngã sắc nặng

def split(ch):
    """(letter without tone, tone index 0..5) of one character."""
    d = unicodedata.normalize("NFD", ch)
    tone = 0
    for i, t in enumerate(TONES):
        if t in d:
            tone = i + 1
            d = d.replace(t, "")
    return unicodedata.normalize("NFC", d), tone

# TCVN3 (VN3): rows none, huyền, hỏi, ngã, sắc, nặng.
TCVN3 = {
    "a": [0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9], "ă": [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    "â": [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB], "e": [0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    "ê": [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6], "i": [0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    "o": [0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4], "ô": [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    "ơ": [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE], "u": [0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    "ư": [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9], "y": [0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
}
TCVN3_CAPS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7, "đ": 0xAE}

def tcvn3(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in TCVN3_CAPS:
            out.append(TCVN3_CAPS[ch])
        else:
            base, tone = split(ch)
            # The ABC fonts have no toned capitals: officers typed the small
            # letter ("ánh"), so a real file holds that.
            out.append(TCVN3[base.lower()][tone])
    return bytes(out)

# VNI Windows: marks after the base letter; small-letter mark bytes.
VNI_TONE = [b"", b"\xf8", b"\xfb", b"\xf5", b"\xf9", b"\xef"]
VNI_CIRC = [b"\xe2", b"\xe0", b"\xe5", b"\xe3", b"\xe1", b"\xe4"]
VNI_BREVE = [b"\xea", b"\xe8", b"\xfa", b"\xfc", b"\xe9", b"\xeb"]
VNI_I = [b"i", b"\xec", b"\xe6", b"\xf3", b"\xed", b"\xf2"]

def vni(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out += ch.encode()
            continue
        if ch in "đĐ":
            out += b"\xf1" if ch == "đ" else b"\xd1"
            continue
        base, tone = split(ch)
        up = base.isupper()
        low = base.lower()
        def case(bs):
            return bytes(b - 0x20 if up and b >= 0xE0 else b for b in bs)
        if low == "i":
            seq = VNI_I[tone] if tone else b"i"
            out += case(seq) if tone else (b"I" if up else b"i")
        elif low == "y" and tone == 5:
            out += case(b"\xee")
        elif low in "ăâêô":
            plain = {"ă": "a", "â": "a", "ê": "e", "ô": "o"}[low]
            out += (plain.upper() if up else plain).encode()
            out += case((VNI_BREVE if low == "ă" else VNI_CIRC)[tone])
        elif low in "ơư":
            out += case(b"\xf4" if low == "ơ" else b"\xf6")
            out += case(VNI_TONE[tone])
        else:
            out += base.encode()
            out += case(VNI_TONE[tone])
    return bytes(out)

# VIQR, RFC 1456.
VIQR_QUALITY = {"ă": "a(", "â": "a^", "ê": "e^", "ô": "o^", "ơ": "o+", "ư": "u+"}
VIQR_TONE = ["", "`", "?", "~", "'", "."]

def viqr(text):
    out = []
    for ch in text:
        if ord(ch) < 0x80:
            # A literal mark right after a vowel must be escaped.
            if ch in "^(+`?~'." and out and out[-1][-1:].lower() in "aeiouy":
                out.append("\\")
            out.append(ch)
            continue
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            continue
        base, tone = split(ch)
        low = base.lower()
        seq = VIQR_QUALITY.get(low, low)
        if base.isupper():
            seq = seq.upper()
        out.append(seq + VIQR_TONE[tone])
    return "".join(out).encode("ascii")

def cp1258(text):
    # Windows-1258 keeps the five tones as combining marks after the letter.
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = split(ch)
            out += base.encode("cp1258") + TONES[tone - 1].encode("cp1258")
    return bytes(out)

def csv_line(row, sep):
    cells = []
    for cell in row:
        if any(c in cell for c in (sep, '"', "\n", "\r")):
            cell = '"' + cell.replace('"', '""') + '"'
        cells.append(cell)
    return sep.join(cells)

def text(sep=",", eol="\r\n"):
    return eol.join(csv_line(r, sep) for r in ROWS) + eol

def main():
    files = {
        "people-utf8.csv": text().encode("utf-8"),
        "people-utf8-bom.csv": text().encode("utf-8-sig"),
        "people-utf8-nfd.csv": unicodedata.normalize("NFD", text()).encode("utf-8"),
        "people-utf16.csv": text(sep="\t").encode("utf-16"),
        "people-cp1258.csv": cp1258(text(sep=";")),
        "people-tcvn3.csv": tcvn3(text()),
        "people-vni.csv": vni(text(eol="\n")),
        "people-viqr.csv": viqr(text(sep=";", eol="\n")),
    }
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)

if __name__ == "__main__":
    main()
