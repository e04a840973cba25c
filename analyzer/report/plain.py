"""Article text made safe to show in a terminal and to open in a spreadsheet.

Titles, ids and sentences are untrusted. In a terminal, an escape sequence in
a title can move the cursor, rewrite earlier lines or set the window title,
and a bidi override can make ``evil.txt`` read as ``txt.live``; so control,
format and bidi characters are shown as visible escapes (``\\x1b``,
``\\u202e``), never sent. In a spreadsheet, a cell that begins with ``=``,
``+``, ``-``, ``@`` (or a tab or carriage return) is run as a formula; such
text cells get a leading apostrophe, the usual guard, and numbers are left
alone. JSON output needs neither: it is data, and its strings are escaped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a table is made safe: the command line starts without it
    import pandas as pd

#: C0 and C1 controls except tab and newline, DEL, and the bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control, format and bidi character shown as a visible escape."""
    return _UNSAFE.sub(_visible, text)


#: Bidi embeddings, overrides, isolates and marks: in a web page they reorder the text around them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_safe(text: str) -> str:
    """``text`` with every bidi control shown as a visible escape (``\\u202e``), for a web page."""
    return _BIDI.sub(_visible, text)


def capped(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis and the full length said when cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… ({len(text):,} characters in all)"


def spreadsheet_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, guarded; anything else as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe_cell(value: object) -> object:
    return spreadsheet_cell(terminal_safe(value) if isinstance(value, str) else value)


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells are safe to open in a spreadsheet (see the module note)."""
    import pandas as pd

    out = table.copy()
    for column in out.columns:
        dtype = out[column].dtype
        if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
            out[column] = out[column].map(_safe_cell)
    return out
