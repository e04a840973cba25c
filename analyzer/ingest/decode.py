"""Bytes to text: byte-order marks, UTF-8 with stray cp1252 bytes, legacy encodings, binary refusal."""

from __future__ import annotations

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class Undecodable(Exception):
    """Raised inside ingest when bytes are not text; turned into a skipped article."""


def decode_bytes(data: bytes, *, allow_nul: bool = False) -> tuple[str, str, str | None]:
    """Decode file bytes: a BOM, else UTF-8, else the encoding charset-normalizer detects.

    Returns ``(text, encoding, note)``; ``note`` is a warning to show when the
    text was not UTF-8. Raises ``Undecodable`` with the reason for binary data.
    ``allow_nul`` accepts NUL bytes in otherwise valid UTF-8 (a JSONL file with one
    corrupt line is still read line by line).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError as err:
                raise Undecodable(
                    f"not decodable as {encoding} despite its byte-order mark"
                ) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if b"\x00" in data and not (allow_nul and text is not None):
        raise Undecodable("binary file (NUL bytes)")
    if text is not None:
        return text, "utf-8", None
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Undecodable("binary file (not UTF-8 and no text encoding fits)")
    # Short Latin texts fit cp1250, cp1252 and cp1257 equally well; cp1252 (Windows
    # Western) is by far the likeliest for English news, so it wins ties.
    for match in matches:
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and (
            "cp1252" in match.could_be_from_charset
        ):
            best = match
            break
    text = str(best)
    if best.encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        text = data.decode("cp1252")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if text and printable / len(text) < 0.95:
        raise Undecodable("binary file (mostly non-text bytes)")
    encoding = best.encoding
    return text, encoding, f"not valid UTF-8; decoded as {encoding} (detected)"


def _decode_mixed(data: bytes) -> tuple[str, str, str] | None:
    """Decode text that is UTF-8 except for some bytes in a single-byte encoding.

    Concatenated scrapes mix encodings, even within a line. Detecting one
    encoding for the whole file would garble the UTF-8 parts (``Café`` read as
    cp1252 gives ``CafÃ©``), so when the file holds real multi-byte UTF-8 and
    at most 5% invalid bytes, each invalid run is decoded as cp1252 (Windows
    Western). Returns ``None`` otherwise, leaving detection to decide.
    """
    if data.decode("utf-8", errors="ignore").isascii():
        return None
    limit = max(1, len(data) // 20)
    decoded: list[str] = []
    bad = 0
    for line in data.split(b"\n"):
        while True:
            try:
                decoded.append(line.decode("utf-8"))
                break
            except UnicodeDecodeError as err:
                decoded.append(line[: err.start].decode("utf-8"))
                run = line[err.start : err.end]
                decoded.append("".join(_cp1252_char(byte) for byte in run))
                bad += len(run)
                if bad > limit:
                    return None
                line = line[err.end :]
        decoded.append("\n")
    text = "".join(decoded)[:-1]
    return text, "utf-8+cp1252", (
        f"mixed encodings: mostly UTF-8, {bad} byte{'s' if bad != 1 else ''} decoded as cp1252"
    )


def _cp1252_char(byte: int) -> str:
    """One byte as cp1252, or latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# --------------------------------------------------------------------------- #
# Files
# --------------------------------------------------------------------------- #
