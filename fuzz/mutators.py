"""Seeded mutators: a DXF file's bytes in, hostile bytes out, the same for the same seed.

Each mutator is ``fn(data, rng) -> bytes``. Most work on the DXF's tag lines (group code, value)
so that the damage lands where a reader looks: a coordinate becomes NaN, a bulge 1e8, a radius
1e9, a text value gets control characters or bytes of another encoding, lines go missing or are
repeated. ``mutate(data, name, seed)`` is the one entry point; ``MUTATORS`` names them all.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]

HOSTILE_NUMBERS = (
    b"nan", b"NaN", b"inf", b"-inf", b"1e308", b"-1e308", b"1.8e308", b"1e999", b"-1e999", b"1e-308", b"0", b"-0.0",
    b"1e20", b"-1e20", b"1e12", b"9999999999999999999999", b"1e9", b"6.7e9", b"0.000001", b"", b"1,5", b"0x10",
)
HOSTILE_INTS = (b"-1", b"0", b"32767", b"-32768", b"2147483648", b"99999999999999999999", b"nan", b"", b"1.5", b"abc")
CONTROL = (b"\x00", b"\x01", b"\x07", b"\x08", b"\x0b", b"\x0c", b"\x1b", b"\x1f", b"\x7f", b"\x1a", b"\r", b"\x85")
FOREIGN_BYTES = (
    b"\xff\xfe", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc3\x28", b"\xe6\xf8\xe5", b"\x81\x40", b"\x82\xa0", b"\xb0\xa1",
    b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", "Entré Kjøkken".encode("utf-16-le"),
    "Bad".encode("utf-16-be"), b"\\U+D800", b"\\U+DFFF", b"\\M+1A1A1", b"%%c%%d%%p",
)
CODEPAGES = (b"ANSI_932", b"ANSI_936", b"ANSI_1251", b"ANSI_99999", b"UTF-16", b"", b"dos850", b"\xff\xfe")


def lines_of(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def _tag_values(lines: list[bytes], codes: set[int]) -> list[int]:
    """Indexes of the value lines whose group code (the line before) is in ``codes``."""
    out = []
    for i in range(0, len(lines) - 1):
        s = lines[i].strip()
        if s.isdigit() and int(s) in codes and i % 2 == 0:
            out.append(i + 1)
    if not out:  # odd alignment (a comment or a missing line before): try the other parity
        for i in range(1, len(lines) - 1, 2):
            s = lines[i].strip()
            if s.isdigit() and int(s) in codes:
                out.append(i + 1)
    return out


def _set_values(data: bytes, rng: random.Random, codes: set[int], values: tuple[bytes, ...], k: tuple[int, int]) -> bytes:
    lines = lines_of(data)
    idx = _tag_values(lines, codes)
    if not idx:
        return data
    for i in rng.sample(idx, min(len(idx), rng.randint(*k))):
        cr = b"\r" if lines[i].endswith(b"\r") else b""
        lines[i] = rng.choice(values) + cr
    return join(lines)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data) - 1)] if data else data


def truncate_tail(data: bytes, rng: random.Random) -> bytes:
    """Cut near the end (the EOF tag, the OBJECTS section, the last entity)."""
    return data[: max(0, len(data) - rng.randint(1, min(len(data), 4000)))]


def byte_flips(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = lines_of(data)
    for _ in range(rng.randint(1, 6)):
        if len(lines) > 2:
            i = rng.randrange(len(lines))
            del lines[i : i + rng.choice((1, 1, 2, 3, 7, 40))]
    return join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = lines_of(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        n = rng.choice((1, 2, 2, 4, 14, 60, 400))
        lines[i:i] = lines[i : i + n] * rng.choice((1, 2, 5))
    return join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = lines_of(data)
    for _ in range(rng.randint(1, 8)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return join(lines)


def bad_numbers(data: bytes, rng: random.Random) -> bytes:
    """Coordinates, heights, scales, angles replaced by NaN, inf, 1e308, empty, garbage."""
    codes = {10, 20, 11, 21, 12, 22, 13, 23, 40, 41, 42, 43, 50, 51, 210, 220, 230}
    return _set_values(data, rng, codes, HOSTILE_NUMBERS, (1, 12))


def bad_ints(data: bytes, rng: random.Random) -> bytes:
    """Flags, counts, colours, code pages' integer neighbours."""
    return _set_values(data, rng, {62, 66, 70, 71, 72, 73, 74, 90, 91, 92, 93, 94, 95, 96, 97, 98}, HOSTILE_INTS, (1, 8))


def huge_bulges(data: bytes, rng: random.Random) -> bytes:
    """Bulges of 1e8 (an 800 mm chord becomes an arc of 1e10 mm), 1e-12, NaN, -1e300."""
    vals = (b"1e8", b"-1e8", b"1e15", b"-1e300", b"1e-12", b"nan", b"99999", b"1.0", b"-1.0")
    lines = lines_of(data)
    idx = _tag_values(lines, {42})
    if not idx:  # add bulges to LWPOLYLINE vertices: after a code-20 value inside one
        idx20 = _tag_values(lines, {20})
        for i in rng.sample(idx20, min(len(idx20), 6)):
            lines[i + 1 : i + 1] = [b" 42", rng.choice(vals)]
        return join(lines)
    for i in rng.sample(idx, min(len(idx), rng.randint(1, 6))):
        lines[i] = rng.choice(vals)
    return join(lines)


def huge_radii(data: bytes, rng: random.Random) -> bytes:
    """Radii, text heights and scales of 1e9, 1e12, 1e300 (a circle of 1e9 mm on a room layer)."""
    vals = (b"1e9", b"1e12", b"1e300", b"-5", b"0", b"1e-300", b"3e8", b"1e6")
    return _set_values(data, rng, {40, 41, 42, 43}, vals, (1, 5))


def control_chars(data: bytes, rng: random.Random) -> bytes:
    """Control characters inside text values, layer and block names."""
    lines = lines_of(data)
    idx = _tag_values(lines, {1, 2, 3, 7, 8}) or list(range(len(lines)))
    for i in rng.sample(idx, min(len(idx), rng.randint(1, 10))):
        line = lines[i]
        p = rng.randint(0, len(line))
        lines[i] = line[:p] + b"".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 4))) + line[p:]
    return join(lines)


def wrong_encoding(data: bytes, rng: random.Random) -> bytes:
    """Bytes of another encoding (invalid UTF-8, UTF-16, surrogates) in text values; a bogus code page."""
    lines = lines_of(data)
    if rng.random() < 0.3:
        idx = [i + 2 for i, ln in enumerate(lines[:-2]) if ln.strip() == b"$DWGCODEPAGE"]
        for i in idx:
            lines[i] = rng.choice(CODEPAGES)
    idx = _tag_values(lines, {1, 2, 3, 8}) or list(range(len(lines)))
    for i in rng.sample(idx, min(len(idx), rng.randint(1, 12))):
        line = lines[i]
        p = rng.randint(0, len(line))
        lines[i] = line[:p] + rng.choice(FOREIGN_BYTES) + line[p:]
    if rng.random() < 0.1:
        return "\n".join(x.decode("latin-1") for x in lines).encode("utf-16")
    return join(lines)


def long_values(data: bytes, rng: random.Random) -> bytes:
    """A text value, layer or block name of 10 kB – 3 MB."""
    lines = lines_of(data)
    idx = _tag_values(lines, {1, 2, 8}) or [len(lines) // 2]
    i = rng.choice(idx)
    n = rng.choice((10_000, 100_000, 1_000_000, 3_000_000))
    unit = rng.choice((b"A", b"Stue ", b"\\P", b"{\\fArial|b1;", b"%%u", b"\\S1^2;", "ø".encode("cp1252")))
    lines[i] = (unit * (n // len(unit) + 1))[:n]
    return join(lines)


def replace_codes(data: bytes, rng: random.Random) -> bytes:
    """Group-code lines replaced by other codes, negative codes, text."""
    lines = lines_of(data)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(0, len(lines), 2) if len(lines) > 2 else 0
        lines[i] = rng.choice((b"  0", b"999", b"-1", b"1071", b"330", b"5", b"abc", b"", b"100000", b"10", b"42"))
    return join(lines)


def shuffle_entities(data: bytes, rng: random.Random) -> bytes:
    """Whole entities repeated many times or moved (entity count, structure)."""
    lines = lines_of(data)
    starts = [i for i in range(0, len(lines) - 1, 2) if lines[i].strip() == b"0"]
    if len(starts) < 3:
        return data
    k = rng.randrange(len(starts) - 1)
    a, b = starts[k], starts[k + 1]
    chunk = lines[a:b]
    lines[a:a] = chunk * rng.choice((2, 10, 200, 2000))
    return join(lines)


MUTATORS: dict[str, Mutator] = {
    "truncate": truncate,
    "truncate_tail": truncate_tail,
    "byte_flips": byte_flips,
    "delete_lines": delete_lines,
    "duplicate_lines": duplicate_lines,
    "swap_lines": swap_lines,
    "bad_numbers": bad_numbers,
    "bad_ints": bad_ints,
    "huge_bulges": huge_bulges,
    "huge_radii": huge_radii,
    "control_chars": control_chars,
    "wrong_encoding": wrong_encoding,
    "long_values": long_values,
    "replace_codes": replace_codes,
    "shuffle_entities": shuffle_entities,
}


def mutate(data: bytes, name: str, seed: int) -> bytes:
    """The mutation ``name`` of ``data`` with ``seed`` (deterministic).

    >>> mutate(b"0\\nSECTION\\n", "truncate", 1) == mutate(b"0\\nSECTION\\n", "truncate", 1)
    True
    """
    rng = random.Random(f"{name}:{seed}")
    if name == "combo":  # two or three mutators in a row
        out = data
        for sub in rng.sample(sorted(MUTATORS), rng.randint(2, 3)):
            out = MUTATORS[sub](out, rng)
        return out
    return MUTATORS[name](data, rng)
