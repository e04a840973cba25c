"""One pair's evidence as HTML: aligned sentences side by side, with what changed marked.

The original (when the direction is known) is always on the left, and
sentences are numbered from 1, as a reader counts them. Only what the
analyzer counts as a substitution is marked: the original's words struck out
(``<del class="sub">``), their replacement underlined (``<ins class="sub">``).
Other rewording stays unmarked: a spin rewords nearly every word, and striking
them all hides the ones that matter. A changed fact (number, unit, name) is
boxed in ``<mark class="fact">`` with the change in its ``title``. Each mark
differs by shape (strike, underline, box), not by colour alone, so it
survives grey-scale printing. A PDF prints the first :data:`PRINTED_ROWS`
rows and :data:`PRINTED_SUBSTITUTIONS` substitutions, and says how many more
the HTML report holds.

Every piece of article text is escaped with :func:`markupsafe.escape`; only
the tags written here are markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from analyzer.text.tokens import normalize_word
from analyzer.verdicts import DERIVED

#: The styles of the marks, for pages that embed the evidence (the report, notebooks).
EVIDENCE_CSS = """
.pair-evidence table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.pair-evidence th, .pair-evidence td { border-top: 1px solid #bbb; padding: 4px 6px;
  vertical-align: top; text-align: left; font-size: 0.92em; line-height: 1.4; }
.pair-evidence th.num, .pair-evidence td.num { width: 2.4em; color: #444; }
.pair-evidence th.sim, .pair-evidence td.sim { width: 3.6em; text-align: right; }
.pair-evidence td.sim .bar { display: block; height: 4px; background: #555; margin-top: 3px; }
.pair-evidence caption { text-align: left; font-size: 0.9em; margin-bottom: 4px; }
.pair-evidence del.sub { text-decoration: line-through; text-decoration-thickness: 2px;
  background: #f6d5d5; }
.pair-evidence ins.sub { text-decoration: underline; text-decoration-thickness: 2px;
  font-weight: 600; background: #d5e6f6; }
.pair-evidence mark.fact { background: #ffe27a; color: inherit; outline: 2px solid #000;
  outline-offset: 1px; font-weight: 700; }
.pair-evidence .legend { font-size: 0.85em; margin: 4px 0 8px; }
.pair-evidence ul.changes { columns: 2; font-size: 0.88em; padding-left: 1.2em; }
.pair-evidence h4 { margin: 10px 0 4px; font-size: 0.95em; }
.pair-evidence .print-only { display: none; }
@media print { .pair-evidence .extra { display: none; } .pair-evidence .print-only { display: block; }
  .pair-evidence tr.print-only { display: table-row; } }
"""

#: Aligned rows printed in a PDF; the rest are on screen only (class ``extra``), and the PDF says so.
PRINTED_ROWS = 15
#: Substitutions listed in a PDF, likewise.
PRINTED_SUBSTITUTIONS = 30

_WORD_RE = re.compile(r"[^\W_]+(?:[’'\-.,][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _tokens(sentence: str) -> list[_Token]:
    """Word tokens with their character spans (the same tokens as :func:`analyzer.text.tokens.words`)."""
    found = []
    for m in _WORD_RE.finditer(sentence):
        text = m.group(0).strip(".,")
        if text:
            start = m.start() + m.group(0).index(text)
            found.append(_Token(text, start, start + len(text)))
    return found


def _norm(text: str) -> str:
    return " ".join(normalize_word(t) for t in text.split())


def _oriented(result: Any) -> tuple[bool, str, str]:
    """Whether ``b`` is shown on the left (it is the original), and the left and right ids."""
    flipped = result.original == "b"
    return flipped, (result.b_id if flipped else result.a_id), (result.a_id if flipped else result.b_id)


def _side_frames(result: Any, flipped: bool) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Alignment, substitutions and fact changes with columns ``left_*``/``right_*``."""
    left, right = ("b", "a") if flipped else ("a", "b")
    al = result.alignment.rename(columns={
        f"{left}_index": "left_index", f"{right}_index": "right_index",
        f"{left}_sentence": "left_sentence", f"{right}_sentence": "right_sentence"})
    subs = result.substitutions.rename(columns={
        f"{left}_index": "left_index", f"{right}_index": "right_index",
        "original" if not flipped else "replacement": "left_text",
        "replacement" if not flipped else "original": "right_text"})
    facts = result.fact_changes.rename(columns={
        f"{left}_index": "left_index", f"{right}_index": "right_index",
        "original" if not flipped else "changed": "left_text",
        "changed" if not flipped else "original": "right_text"})
    return al, subs, facts


def _find_span(sentence: str, needle: str) -> tuple[int, int] | None:
    if not needle:
        return None
    at = sentence.find(needle)
    if at < 0:
        at = sentence.lower().find(needle.lower())
    return (at, at + len(needle)) if at >= 0 else None


def _runs(marks: list[str | None], start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Maximal runs ``(from, to, mark)`` of equal marks within ``[start, end)``."""
    runs = []
    k = start
    while k < end:
        stop = k
        while stop < end and marks[stop] == marks[k]:
            stop += 1
        runs.append((k, stop, marks[k]))
        k = stop
    return runs


def _render(sentence: str, change: list[str | None], fact: list[str | None], tag: str) -> Markup:
    """The sentence with its marks as tags, every piece of text escaped.

    A changed fact is one ``<mark>`` around its whole span; the reworded
    words inside it are marked within.
    """
    out: list[str] = []
    for f_start, f_end, note in _runs(fact, 0, len(sentence)):
        inner = []
        for c_start, c_end, kind in _runs(change, f_start, f_end):
            piece = str(escape(sentence[c_start:c_end]))
            inner.append(f'<{tag} class="{kind}">{piece}</{tag}>' if kind else piece)
        joined = "".join(inner)
        out.append(f'<mark class="fact" title="{escape(note)}">{joined}</mark>' if note else joined)
    return Markup("".join(out))


def mark_differences(left: str, right: str, substitutions: set[tuple[str, str]] = frozenset(),
                     facts: list[tuple[str, str, str]] = ()) -> tuple[Markup, Markup]:
    """Both sentences as escaped HTML with the words that differ marked.

    ``substitutions`` holds (left wording, right wording) pairs, lower-cased,
    that get class ``sub``; other differences stay unmarked. ``facts``
    holds (left text, right text, what) changed facts, boxed on both sides.
    """
    lt, rt = _tokens(left), _tokens(right)
    l_change: list[str | None] = [None] * len(left)
    r_change: list[str | None] = [None] * len(right)
    matcher = SequenceMatcher(a=[normalize_word(t.text) for t in lt],
                              b=[normalize_word(t.text) for t in rt], autojunk=False)
    l_norm = [normalize_word(t.text) for t in lt]
    r_norm = [normalize_word(t.text) for t in rt]
    wanted = [(o.split(), n.split()) for o, n in substitutions]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # A substitution may sit inside a longer reworded stretch ("mayor said" -> "official stated").
        for old_words, new_words in wanted:
            at_l = _find_run(l_norm, old_words, i1, i2)
            at_r = _find_run(r_norm, new_words, j1, j2)
            if at_l is None or at_r is None:
                continue
            sides = ((lt, l_change, at_l, len(old_words)), (rt, r_change, at_r, len(new_words)))
            for tokens, marks, at, n in sides:
                if n:
                    start, end = tokens[at].start, tokens[at + n - 1].end
                    marks[start:end] = ["sub"] * (end - start)
    l_fact: list[str | None] = [None] * len(left)
    r_fact: list[str | None] = [None] * len(right)
    for old, new, what in facts:
        note = f"{what} changed: {old} → {new}"
        for sentence, marks, needle in ((left, l_fact, old), (right, r_fact, new)):
            span = _find_span(sentence, needle)
            if span:
                marks[span[0]:span[1]] = [note] * (span[1] - span[0])
    return _render(left, l_change, l_fact, "del"), _render(right, r_change, r_fact, "ins")


def _find_run(words: list[str], run: list[str], start: int, end: int) -> int | None:
    """Where ``run`` begins within ``words[start:end]``, or None."""
    for k in range(start, end - len(run) + 1):
        if words[k : k + len(run)] == run:
            return k
    return None


def _label(article_id: str, role: str) -> Markup:
    return Markup('<span class="role">{}</span> <code>{}</code>').format(role, article_id)


def pair_evidence_html(result: Any, max_rows: int | None = None) -> Markup:
    """The aligned sentences of one pair side by side, original on the left, changes marked.

    Followed by the list of substitutions and changed facts with their
    sentence numbers. ``max_rows`` limits the table (the lists stay whole).
    Returns :class:`markupsafe.Markup`, ready to embed in a Jinja2 template
    with autoescape or in a notebook.
    """
    flipped, left_id, right_id = _oriented(result)
    known = result.original is not None and result.relation in DERIVED
    left_role = "original" if known else "article"
    right_role = result.relation if known else "article"
    al, subs, facts = _side_frames(result, flipped)
    al = al.sort_values(["left_index", "right_index"])
    shown = al if max_rows is None else al.head(max_rows)
    rows = []
    for link in shown.itertuples():
        row_subs = subs[(subs["left_index"] == link.left_index) & (subs["right_index"] == link.right_index)]
        row_facts = facts[(facts["left_index"] == link.left_index)
                          & (facts["right_index"] == link.right_index)]
        left_html, right_html = mark_differences(
            link.left_sentence, link.right_sentence,
            {(_norm(s.left_text), _norm(s.right_text)) for s in row_subs.itertuples()},
            [(f.left_text, f.right_text, f.what) for f in row_facts.itertuples()])
        extra = Markup(' class="extra"') if len(rows) >= PRINTED_ROWS else ""
        bar = round(100 * max(0.0, min(1.0, float(link.similarity))))
        rows.append(Markup(
            '<tr{}><td class="num">{}</td><td class="left">{}</td><td class="num">{}</td>'
            '<td class="right">{}</td><td class="sim">{:.2f}<span class="bar" style="width: {}%"></span>'
            '</td></tr>'
        ).format(extra, link.left_index + 1, left_html, link.right_index + 1, right_html,
                 link.similarity, bar))
    more = "" if len(shown) == len(al) else f" (the first {len(shown)} of {len(al)})"
    if len(rows) > PRINTED_ROWS:
        rows.append(Markup('<tr class="print-only"><td colspan="5">… and {} more aligned sentence pairs, '
                           'in the HTML report.</td></tr>').format(len(rows) - PRINTED_ROWS))
    caption = Markup("{} aligned sentence pairs{}: left {}, right {}.").format(
        len(al), more, _label(left_id, left_role), _label(right_id, right_role))
    parts = [
        Markup('<div class="pair-evidence">'),
        Markup('<p class="legend"><del class="sub">struck out</del> in the original was replaced by '
               '<ins class="sub">underlined</ins> in the other article (a substitution); '
               'other rewording is not marked; '
               '<mark class="fact">boxed</mark> is a changed fact (number, unit or name).</p>'),
        Markup('<table class="aligned"><caption>{}</caption><thead><tr><th class="num">#</th>'
               '<th>{}</th><th class="num">#</th><th>{}</th>'
               '<th class="sim" title="meaning similarity">same meaning</th>'
               '</tr></thead><tbody>').format(caption, _label(left_id, left_role),
                                              _label(right_id, right_role)),
        *rows,
        Markup("</tbody></table>"),
    ]
    if len(facts):
        parts.append(Markup("<h4>Changed facts ({})</h4><ul>").format(len(facts)))
        parts += [Markup("<li><mark class=\"fact\">{}</mark> → <mark class=\"fact\">{}</mark> "
                         "({}; sentence {} → {})</li>").format(f.left_text, f.right_text, f.what,
                                                              f.left_index + 1, f.right_index + 1)
                  for f in facts.itertuples()]
        parts.append(Markup("</ul>"))
    if len(subs):
        parts.append(Markup("<h4>Substitutions ({})</h4><ul class=\"changes\">").format(len(subs)))
        parts += [Markup('<li{}><del class="sub">{}</del> → <ins class="sub">{}</ins></li>').format(
            Markup(' class="extra"') if k >= PRINTED_SUBSTITUTIONS else "", s.left_text, s.right_text)
            for k, s in enumerate(subs.itertuples())]
        parts.append(Markup("</ul>"))
        if len(subs) > PRINTED_SUBSTITUTIONS:
            parts.append(Markup('<p class="print-only">… and {} more substitutions, in the HTML report.</p>')
                         .format(len(subs) - PRINTED_SUBSTITUTIONS))
    parts.append(Markup("</div>"))
    return Markup("").join(parts)
