"""A small reader of the WordNet 3.0 database files shipped by Debian's ``wordnet-base``.

The spinner needs synonyms per lemma and part of speech, base forms of inflected
words and the irregular forms to inflect replacements. NLTK would give all that
but downloads its corpus over the network; the Debian package puts the plain
database files in ``/usr/share/wordnet/`` and their format is simple
(``wndb(5WN)``), so this module reads them directly.

Only ``index.*``, ``data.*`` and ``*.exc`` are read. Index files are loaded per
part of speech on first use (about 0.1 s for nouns); data files are read into
memory as bytes and synsets parsed on demand by byte offset, so a lookup costs
one slice and one split.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from analyzer.exceptions import ModelError

#: Where Debian's ``wordnet-base`` installs the database files.
DEFAULT_WORDNET_DIR = "/usr/share/wordnet"

#: Environment variable naming another folder, read only when no path is passed.
WORDNET_DIR_ENV = "ANALYZER_WORDNET_DIR"

Pos = Literal["n", "v", "a", "r"]

#: Parts of speech in WordNet's one-letter codes, with their file suffixes.
POS_FILES: dict[str, str] = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# Morphy's detachment rules (wndb morphy(7WN)), plus -ing/-ed rules for verbs.
_DETACH: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}

# Adjective entries in data.adj may carry a syntactic marker: "galore(ip)".
_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")


class WordNet:
    """Synonyms, base forms and irregular inflections from WordNet database files.

    ``path`` is a folder holding ``index.noun``, ``data.noun`` and the other
    parts of speech (Debian: ``apt-get install wordnet-base``). When ``path`` is
    None, ``$ANALYZER_WORDNET_DIR`` is used, else ``/usr/share/wordnet``.
    Lemmas are looked up in lower case with spaces or underscores for
    collocations ("take back"); results use spaces. Raises ``ModelError``
    naming the package to install when the files are missing.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        if path is None:
            path = os.environ.get(WORDNET_DIR_ENV) or DEFAULT_WORDNET_DIR
        self.path = Path(path)
        missing = [
            name
            for suffix in POS_FILES.values()
            for name in (f"index.{suffix}", f"data.{suffix}")
            if not (self.path / name).is_file()
        ]
        if missing:
            raise ModelError(
                f"WordNet database files not found in {str(self.path)!r} "
                f"(missing {', '.join(missing)}). Install Debian's 'wordnet-base' "
                f"package (apt-get install wordnet-base), or pass path= / set "
                f"${WORDNET_DIR_ENV} to a folder holding WordNet 3.0 index.* and data.* files."
            )
        self._index: dict[str, dict[str, str]] = {}
        self._data: dict[str, bytes] = {}
        self._exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
        self._inflections: dict[str, dict[str, tuple[str, ...]]] = {}
        # Per-instance caches, so they die with the reader (no global state).
        self._synset_cache: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
        self._base_cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"WordNet(path={str(self.path)!r})"

    # -- raw files ---------------------------------------------------------

    def _read(self, name: str) -> bytes:
        try:
            return (self.path / name).read_bytes()
        except OSError as err:
            raise ModelError(
                f"cannot read WordNet file {str(self.path / name)!r}: {err}. "
                f"Reinstall Debian's 'wordnet-base' package."
            ) from err

    def _index_for(self, pos: str) -> dict[str, str]:
        _check_pos(pos)
        if pos not in self._index:
            text = self._read(f"index.{POS_FILES[pos]}").decode("utf-8", "replace")
            # The licence header lines start with two spaces.
            self._index[pos] = {
                line.split(" ", 1)[0]: line for line in text.splitlines() if line and not line.startswith(" ")
            }
        return self._index[pos]

    def _data_for(self, pos: str) -> bytes:
        if pos not in self._data:
            self._data[pos] = self._read(f"data.{POS_FILES[pos]}")
        return self._data[pos]

    def _exceptions_for(self, pos: str) -> dict[str, tuple[str, ...]]:
        """Irregular inflected form -> base forms (``noun.exc``: "men man")."""
        _check_pos(pos)
        if pos not in self._exceptions:
            table: dict[str, tuple[str, ...]] = {}
            name = f"{POS_FILES[pos]}.exc"
            if (self.path / name).is_file():
                for line in self._read(name).decode("utf-8", "replace").splitlines():
                    parts = line.split()
                    if len(parts) >= 2:
                        table[parts[0]] = tuple(parts[1:])
            self._exceptions[pos] = table
        return self._exceptions[pos]

    # -- lookups -------------------------------------------------------------

    def has_lemma(self, lemma: str, pos: str) -> bool:
        """Whether ``lemma`` is an entry of ``pos`` ("n", "v", "a" or "r")."""
        return _key(lemma) in self._index_for(pos)

    def _entry(self, lemma: str, pos: str) -> tuple[int, tuple[int, ...]]:
        """(tagged sense count, synset offsets in sense order) of an index entry."""
        line = self._index_for(pos).get(_key(lemma))
        if line is None:
            return 0, ()
        fields = line.split()
        n_synsets, n_pointers = int(fields[2]), int(fields[3])
        at = 4 + n_pointers
        tagged = int(fields[at + 1])
        offsets = tuple(int(f) for f in fields[at + 2 : at + 2 + n_synsets])
        return tagged, offsets

    def tagged_count(self, lemma: str, pos: str) -> int:
        """How many senses of ``lemma`` as ``pos`` were seen in the tagged corpus.

        A rough frequency of the lemma in that part of speech, used to guess
        the part of speech of an untagged word; 0 when absent.
        """
        return self._entry(lemma, pos)[0]

    def sense_count(self, lemma: str, pos: str) -> int:
        """Count the senses (synsets) of ``lemma`` as ``pos``; 0 when absent."""
        return len(self._entry(lemma, pos)[1])

    def _synset_at(self, offset: int, pos: str) -> tuple[tuple[str, ...], tuple[tuple[str, int, str], ...]]:
        """Words of the synset at ``offset`` and its pointers as (symbol, offset, pos)."""
        data = self._data_for(pos)
        end = data.find(b"\n", offset)
        fields = data[offset : end if end >= 0 else len(data)].decode("utf-8", "replace").split()
        n_words = int(fields[3], 16)
        words = tuple(_ADJ_MARKER.sub("", fields[4 + 2 * i]).replace("_", " ") for i in range(n_words))
        at = 4 + 2 * n_words
        n_pointers = int(fields[at])
        pointers = tuple(
            (fields[at + 1 + 4 * i], int(fields[at + 2 + 4 * i]), fields[at + 3 + 4 * i])
            for i in range(n_pointers)
        )
        return words, pointers

    def synsets(self, lemma: str, pos: str) -> tuple[tuple[str, ...], ...]:
        """Synsets of ``lemma`` as ``pos``, most frequent sense first, words as written."""
        key = (_key(lemma), pos)
        if key not in self._synset_cache:
            self._synset_cache[key] = tuple(
                self._synset_at(offset, pos)[0] for offset in self._entry(lemma, pos)[1]
            )
        return self._synset_cache[key]

    def synonyms_by_sense(
        self, lemma: str, pos: str, *, max_senses: int | None = None
    ) -> tuple[tuple[str, ...], ...]:
        """Synonyms of ``lemma`` as ``pos`` grouped by sense, most frequent sense first.

        Group ``i`` holds the other words of sense ``i``'s synset in WordNet's
        order; for adjectives the words of synsets linked by "similar to"
        follow (most adjective synsets hold a single word). A word already
        given for an earlier sense is not repeated, so groups may be empty.
        ``max_senses`` limits how many senses are read.
        """
        key = _key(lemma)
        seen = {key}
        groups: list[tuple[str, ...]] = []
        for offset in self._entry(key, pos)[1][:max_senses]:
            words, pointers = self._synset_at(offset, pos)
            if pos == "a":
                # "&" (similar to) links adjective clusters: "large" & "big".
                similar = [o for symbol, o, _ in pointers if symbol == "&"][:4]
                words += tuple(w for o in similar for w in self._synset_at(o, "a")[0])
            group: list[str] = []
            for word in words:
                if _key(word) not in seen:
                    seen.add(_key(word))
                    group.append(word)
            groups.append(tuple(group))
        return tuple(groups)

    def hypernyms(self, lemma: str, pos: str, *, max_senses: int | None = 1) -> tuple[str, ...]:
        """Words of the hypernym synsets ("is a kind of") of the first senses of ``lemma``.

        A fallback for words whose synsets hold no other word:
        ``hypernyms("leader", "n")`` gives ``("person", "individual", ...)``.
        Only nouns and verbs have hypernyms; other parts of speech give ().
        """
        if pos not in ("n", "v"):
            _check_pos(pos)
            return ()
        key = _key(lemma)
        out: list[str] = []
        for offset in self._entry(key, pos)[1][:max_senses]:
            for symbol, target, _ in self._synset_at(offset, pos)[1]:
                if symbol in ("@", "@i"):
                    out += [w for w in self._synset_at(target, pos)[0] if w not in out]
        return tuple(w for w in out if _key(w) != key)

    def synonyms(self, lemma: str, pos: str, *, max_senses: int | None = None) -> tuple[str, ...]:
        """Synonyms of ``lemma`` as ``pos``, first senses first, without ``lemma`` itself.

        The flattened ``synonyms_by_sense``; case is kept as in WordNet
        ("Kremlin"), duplicates are dropped. ``synonyms("victory", "n")`` gives
        ``("triumph",)``.
        """
        groups = self.synonyms_by_sense(lemma, pos, max_senses=max_senses)
        return tuple(word for group in groups for word in group)

    def is_common(self, lemma: str) -> bool:
        """Whether ``lemma`` is written in lower case in some sense (not only a name).

        The index stores every lemma in lower case, so "moscow" is an entry;
        its synsets spell it "Moscow", which tells a name from a common word.
        """
        key = _key(lemma)
        for pos in POS_FILES:
            for words in self.synsets(key, pos):
                if any(_key(w) == key and w == w.lower() for w in words):
                    return True
        return False

    def base_forms(self, word: str, pos: str) -> tuple[str, ...]:
        """Find the base forms of ``word`` as ``pos`` that are WordNet entries.

        Morphy: the exception list (``took`` -> ``take``), then the word itself
        if it is an entry, then the detachment rules (``losses`` -> ``loss``); doubled final
        consonants are undone for verbs (``planned`` -> ``plan``).
        """
        key = _key(word)
        _check_pos(pos)
        if (key, pos) in self._base_cache:
            return self._base_cache[key, pos]
        found: list[str] = []

        def add(candidate: str) -> None:
            if candidate and candidate not in found and self.has_lemma(candidate, pos):
                found.append(candidate)

        for base in self._exceptions_for(pos).get(key, ()):
            add(base)
        add(key)
        for suffix, ending in _DETACH[pos]:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                stem = key[: -len(suffix)] + ending
                add(stem)
                if pos == "v" and not ending and len(stem) > 2 and stem[-1] == stem[-2]:
                    add(stem[:-1])
        self._base_cache[key, pos] = tuple(found)
        return self._base_cache[key, pos]

    def irregular_forms(self, lemma: str, pos: str) -> tuple[str, ...]:
        """Irregular inflected forms of ``lemma`` from the exception list, sorted.

        ``irregular_forms("take", "v")`` gives ``("taken", "took")``; used to
        inflect a replacement word that a suffix rule would get wrong.
        """
        _check_pos(pos)
        if pos not in self._inflections:
            table: dict[str, list[str]] = {}
            for form, bases in self._exceptions_for(pos).items():
                for base in bases:
                    table.setdefault(base, []).append(form)
            self._inflections[pos] = {k: tuple(sorted(v)) for k, v in table.items()}
        return self._inflections[pos].get(_key(lemma), ())


def _key(lemma: str) -> str:
    """Index key of a lemma: lower case, underscores for spaces."""
    return lemma.strip().lower().replace(" ", "_")


def _check_pos(pos: str) -> None:
    if pos not in POS_FILES:
        raise ValueError(
            f"unknown part of speech {pos!r}: expected one of 'n', 'v', 'a', 'r' "
            f"(WordNet's codes for noun, verb, adjective, adverb)"
        )
