"""Whole-text conversion, exact where it applies: the fast path behind :class:`Converter`.

The reference engine (:mod:`translit.engine.compiler`) converts a text word by word and
remembers the words it has seen; it is the definition of the output. This module
derives from a compiled converter a second way to the same text that runs no
Python code per letter, per word or per match of a frequent letter:

1. The text is cut at newlines into chunks (nothing a table does reaches past a
   newline), so time and memory grow linearly with the input.
2. A chunk is encoded into a one-byte code page made for the direction: ASCII,
   the table's letters in both cases and common punctuation. A character is one
   byte, so positions in the bytes are positions in the text. A character
   outside the page becomes a placeholder byte.
3. Case is a matter of neighbours: a capital whose output has several cased
   letters is written in capitals when the nearest cased letter before or after
   it in its word is a capital (``ЩУКА`` → ``SHCHUKA``), in Title case otherwise
   (``Щука`` → ``Shchuka``). One search for such capitals beside a capital gives
   them a byte of their own.
4. The rules and the several-letter keys of the map are read as the reference
   reads a word: left to right, the first alternative that matches at a place
   wins, and reading goes on after it. A match becomes a marker byte that says
   what to write ("ye", "Ye" or "YE"). Each first byte is a pass of its own,
   found by its byte; one with a single branch writes its marker with no Python
   code per match. The passes run in an order that reads as one alternation
   would: a pass before those of the letters inside its matches, and a marker
   reads to a context after it as its first letter, to one before it as its
   last, as the source text does (:func:`_pass_order`). Keys that overlap in a
   circle (``ab`` and ``ba``) stay one alternation, with a branch per match.
   One ``bytes.translate`` then writes the markers and the one-letter keys, a few
   ``bytes.replace`` the outputs of several letters, and a charmap decode gives
   the text.
5. What the passes cannot convert exactly is found with cheap searches, mostly
   over the bytes translated into letter classes, cut out (a placeholder byte
   stands in its place and reads as a word boundary, as the text around a word
   does) and converted by the reference. Words: an exception, stem or lexicon
   entry applies; a capital's nearest cased neighbour lies across an uncased
   sign; an all-capital word has a sign whose case follows its word
   (``OBʺEKT``). Whole lines: a word whose case comes from its
   neighbours (``Я``), a place where a protected span could start, a character of
   a word that the page lacks (a stress mark, a soft hyphen, another script).

A direction that needs what this cannot do exactly (word conditions, sentence
capitals, more letters than a page holds) has no fast path: :func:`build`
returns None and the reference converts all its texts. ``tests/test_fastpath.py``
checks on generated text, for every table and direction, that both give the
same output.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, chain, compress, product
from operator import itemgetter
from typing import TYPE_CHECKING

import regex
import unicodedata2

from translit.engine.casing import Casing, count_cased
from translit.engine.words import Lone, composed_letters, word_chars_of
from translit.table import notation
from translit.table.spans import FILE_EXTENSIONS, ROMAN_CAPITALS, SCRIPTS, SIGNS, span_regex

if TYPE_CHECKING:
    from translit.engine.compiler import Converter
    from translit.table.model import Direction, Rule

#: At most this many exceptions, stems and lexicon entries are looked for with one
#: regex; more are looked up word by word among the distinct words of a chunk.
SMALL_LEXICON = 200

#: At most this many distinct words of a chunk that a large lexicon applies to are
#: found by one regex; more, by looking up every word (a regex tries each at every word).
FEW_HITS = 16

#: Characters of a chunk (about 0.5 MiB of Cyrillic); chunks end after a newline.
CHUNK = 1 << 18

#: Non-word characters of running text given a place in a code page, most frequent
#: first; a page short of room takes fewer of them.
PUNCTUATION = (
    "\u00a0–—«»„“”‘’…•·°№§\u2009\u202f‚‹›―‐‑‒±×÷©®™€£¥¢‰′″¡¿¬¦¨¯´¸¹²³¼½¾¶\u2002\u2003\u200a"
)

#: The error handler that writes the placeholder for a character outside the code page.
_ERRORS = "translit.placeholder"
#: The placeholder byte: a piece cut out for the reference, or a character outside the page.
PH = 0xFF
_PH = bytes([PH])
#: What the placeholder decodes to: a noncharacter no table writes.
Z = "\ufdd0"
_NONE = "\ufffe"  # a byte with no character, in a charmap

# Letter classes of the bytes, for finding what the passes cannot convert: small,
# capital, capital whose output has several cased letters, uncased, uncased with a
# cased output; GAP is anything that is not part of a word.
_SMALL, _CAPITAL, _MULTI, _UNCASED, _CASED_OUT = b"l", b"U", b"M", b"u", b"c"
GAP = b" "
# Searches of the letter classes. Each begins with one byte, so that re skips from one
# place of it to the next (a class first would make it test every byte).
#: A capital of several output letters beside a capital: a run.
_RUN_CAPITAL = re.compile(rb"M(?:(?=[UM])|(?<=[UM].))")
#: Such a capital beside an uncased sign: its nearest cased neighbour lies across it.
_BESIDE_SIGN = re.compile(rb"M(?:(?=[uc])|(?<=[uc].))")
#: A sign with a cased output that has no small letter beside it.
_SIGN_AMONG_CAPITALS = re.compile(rb"c(?<!lc)(?!l)")
#: How a word of at most one cased letter, a capital, can begin: with a sign, a capital
#: and a sign, or a capital of several output letters; no small letter follows.
_LONE_WORD_STARTS = (
    re.compile(rb"c(?!l)(?:(?<![^ ]c)|(?<=Uc)(?<![^ ]Uc))"),
    re.compile(rb"u(?!l)(?:(?<![^ ]u)|(?<=Uu)(?<![^ ]Uu))"),
    re.compile(rb"M(?!l)(?<![^ ]M)"),
)
#: A word that is one capital of several output letters.
_LONE_MULTI = re.compile(rb"M(?<![^ ]M)(?![^ ])")
#: With each letter R if it may be part of a Roman numeral, w if not: a word of R only.
_ROMAN_WORD = re.compile(rb"R(?<![^ ]R)R*(?![^ ])")

#: What a pass writes for a match: a marker, or a function of the match that picks one.
_Marker = bytes | Callable[["re.Match[bytes]"], bytes]

# What a piece cut out of a chunk is, and so who converts it.
LINE, WORD, RAW = 0, 1, 2  # in this order where two pieces begin together

#: Characters of the protected spans' triggers (w of www.): a normalize rule must not
#: touch them.
_TRIGGER_CHARS = frozenset(SIGNS + "w" + ROMAN_CAPITALS)


def _placeholder(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    return _PH * (error.end - error.start), error.end


codecs.register_error(_ERRORS, _placeholder)


class Unsupported(Exception):
    """A direction the fast path cannot convert exactly."""


class _PageFull(Unsupported):
    """More characters than a one-byte code page holds."""


def build(
    converter: Converter, direction: Direction, classes: dict[str, tuple[str, ...]]
) -> FastPath | None:
    """The fast path of a compiled converter, or None where only the reference is exact."""
    for size in (len(PUNCTUATION), 16, 5, 0):
        try:
            return FastPath(converter, direction, classes, PUNCTUATION[:size])
        except _PageFull:
            continue
        except Unsupported:
            return None
    return None


class FastPath:
    """Whole-text conversion of one direction; see the module's description."""

    def __init__(
        self,
        converter: Converter,
        direction: Direction,
        classes: dict[str, tuple[str, ...]],
        punctuation: str,
    ) -> None:
        conv = converter
        if conv._conditions or conv._prefixes or conv._sentence_start is not None:
            raise Unsupported("word conditions or sentence capitals")
        _check_texts(direction, classes)
        self._conv = conv
        self._lone_type = Lone
        casing: Casing = conv._casing
        self._casing = casing
        units = conv._units
        word_chars = word_chars_of(direction)
        word_char = regex.compile(f"[{word_chars.letters}\\p{{Cf}}]")
        letter_char = regex.compile(r"\p{L}")
        self._word_char = word_char

        def lower(char: str) -> str:
            low = casing.lower(char)
            return low if len(low) == 1 else char

        # -- the source code page ------------------------------------------------
        wanted: set[str] = set(conv._letters_known) | set(direction.alphabet)
        for rule in direction.rules:
            for context in (*rule.before, *rule.after):
                for item in notation.parse(context):
                    if isinstance(item, notation.Letter):
                        wanted.add(item.text)
                    elif isinstance(item, notation.ClassRef) and item.name in classes:
                        wanted.update(classes[item.name])
        wanted |= {up for char in wanted if len(up := casing.upper(char)) == 1}
        # A letter written with a stress mark that the reference splits off is not a letter
        # of the page: its line goes to the reference.
        stressed = {char for char, split in composed_letters().items() if split[0] in wanted}
        wanted -= stressed - set(conv._letters_known)
        wanted = {c for c in wanted if len(c) == 1 and _pageable(c)}
        extra = [c for c in dict.fromkeys(punctuation) if c not in wanted]
        extra = [c for c in extra if not word_char.match(c)]
        chars = [chr(i) for i in range(128)] + sorted(c for c in wanted if ord(c) >= 128) + extra
        if len(chars) >= PH:
            raise _PageFull
        byte_of = {char: index for index, char in enumerate(chars)}
        # What each byte reads as to a context (a small letter), and what it is.
        reads = [lower(c) for c in chars]
        is_word = [bool(word_char.match(c)) for c in chars]
        is_upper = [c.isupper() for c in chars]
        is_cased = [c.isupper() or c.islower() for c in chars]
        is_run = [False] * len(chars)
        free = iter([b for b in range(len(chars), 256) if b != PH])

        def new_byte(read: str, upper: bool = False, run: bool = False) -> int:
            byte = next(free, None)
            if byte is None:
                raise _PageFull
            reads.append(read)
            is_word.append(True)
            is_upper.append(upper)
            is_cased.append(upper)
            is_run.append(run)
            assert len(reads) == byte + 1
            return byte

        # -- which letters have outputs of several cased letters --------------------
        cased_out: set[str] = set()
        multi_out: set[str] = set()
        # A capital is written in capitals or in Title case by its neighbours only as
        # the one cased letter of what a key, rule, exception or stem reads; a sign
        # takes its word's case only when what it is read in has no cased letter.
        for source, written in _strings_with_outputs(direction, conv):
            in_source = count_cased(source)
            if in_source == 1 and count_cased(written) >= 2 and written not in units:
                multi_out.update(source)
            if in_source == 0 and count_cased(written):
                cased_out.update(source)
        # A capital among capitals gets a byte of its own (its output is all capitals).
        capitals = [b for b, c in enumerate(chars) if is_word[b] and c.isupper()]
        runs = {b: new_byte(reads[b], True, True) for b in capitals if reads[b] in multi_out}
        # Each such capital's byte of its own, by its byte (the others keep theirs).
        run_of = bytearray(range(256))
        for byte, run in runs.items():
            run_of[byte] = run
        self._run_of = bytes(run_of) if runs else None

        # -- alternatives: rules, then keys of several letters, in the scanner's order --
        alternatives: list[tuple[str, str, Rule | None]] = []
        for rule in direction.rules:
            if not all(isinstance(i, notation.Letter) for i in notation.parse(rule.match)):
                raise Unsupported("a rule whose match is not plain letters")
            alternatives.append((rule.match, rule.output, rule))
        for key in sorted(direction.letter_map, key=len, reverse=True):
            if len(key) > 1:
                alternatives.append((key, direction.letter_map[key], None))
        page_bytes = list(range(len(reads)))

        # Each alternative, as the byte strings it can be, grouped by what they write.
        # A group is one pass: (alternative, output, byte strings).
        groups: list[tuple[int, str, list[bytes]]] = []
        for number, (match, output, _) in enumerate(alternatives):
            options = [[b for b in page_bytes if is_word[b] and reads[b] == char] for char in match]
            found: dict[str, list[bytes]] = {}
            for combo in product(*options):
                cased = [b for b in combo if is_cased[b]]
                out = output
                if cased and is_upper[cased[0]]:
                    if count_cased(output) <= 1 or output in units:
                        out = casing.upper(output)
                    elif len(cased) > 1:
                        upper = all(is_upper[b] for b in cased)
                        out = casing.upper(output) if upper else casing.title(output)
                    else:
                        run = is_run[cased[0]]
                        out = casing.upper(output) if run else casing.title(output)
                found.setdefault(out, []).append(bytes(combo))
            for out, strings in found.items():
                groups.append((number, out, strings))

        # -- markers: a byte per first and last letter and output --------------------
        # To a context after it a marker reads as the first letter of what it replaced;
        # to a context before it, as the last.
        markers: dict[tuple[str, str, str], int] = {}
        reads_back: dict[int, str] = {}
        outputs: dict[int, str] = {}
        group_bytes: list[int] = []
        for number, out, _ in groups:
            match = alternatives[number][0]
            marker_key = (match[0], match[-1], out)
            if marker_key not in markers:
                markers[marker_key] = new_byte(match[0])
                reads_back[markers[marker_key]] = match[-1]
                outputs[markers[marker_key]] = out
            group_bytes.append(markers[marker_key])
        size = len(reads)
        self._word_bytes = [b for b in range(size) if is_word[b]]
        self._any_word = _byte_class(self._word_bytes)

        def item_bytes(item: notation.Item, before: bool = False) -> list[int]:
            """The bytes one item of a context (before the match or after it) can be."""
            read = [reads_back.get(b, reads[b]) for b in range(size)] if before else reads
            if isinstance(item, notation.Letter):
                return [b for b in range(size) if is_word[b] and read[b] == item.text]
            assert isinstance(item, notation.ClassRef)
            if item.name in notation.BUILTIN_CLASSES:
                return [b for b in range(size) if is_word[b] and letter_char.match(read[b])]
            members = classes[item.name]
            if any(len(member) != 1 for member in members):
                raise Unsupported("a class of several-letter members in a context")
            return [b for b in range(size) if is_word[b] and read[b] in members]

        # -- the scanner: rules and keys of several letters, in the reference's order ----
        # One alternation read left to right, the first alternative that matches taken at
        # each place, is how the reference reads a word; a match becomes its marker.
        branches: dict[int, list[tuple[bytes, int]]] = {}
        passes: dict[int, _PassReads] = {}
        for (number, _, strings), marker in zip(groups, group_bytes, strict=True):
            match, _, how = alternatives[number]
            contexts = b"" if how is None else self._contexts(how, len(strings[0]), item_bytes)
            if contexts is None:
                continue  # no context can hold inside a word
            by_first: dict[int, list[bytes]] = {}
            for string in strings:
                by_first.setdefault(string[0], []).append(string[1:])
            for first, rests in by_first.items():
                escaped = [re.escape(rest) for rest in rests]
                rest = escaped[0] if len(rests) == 1 else b"(?:" + b"|".join(escaped) + b")"
                branches.setdefault(first, []).append((b"()" + rest + contexts, marker))
                reading = passes.setdefault(first, _PassReads())
                reading.inner.update(b"".join(rests))
                if len(match) > 1:
                    reading.writes.add((match[0], match[-1]))
                if how is not None:
                    reading.contexts += _context_letters(how, item_bytes, reads)
        # Each first byte is a pass of its own where an order of the passes keeps what
        # one alternation read left to right writes (_pass_order): a pass starts with
        # one byte, which re finds fast, and a byte with one branch writes its marker
        # with no Python code per match. Otherwise the branches are one alternation,
        # grouped by first byte (which keeps the order of the alternatives that can
        # start at one place; re looks for the set of first bytes before it tries a
        # group), small letters first; in both, an empty group opening each branch
        # tells which matched.
        self._passes: list[tuple[bytes, re.Pattern[bytes] | None, _Marker]] = []
        for first in _pass_order(passes) or ():
            letter_branches = branches.pop(first)
            if len(letter_branches) > 1:
                either = b"|".join(branch for branch, _ in letter_branches)
                letter_markers = (b"", *(bytes([marker]) for _, marker in letter_branches))
                self._passes.append(
                    (
                        bytes([first]),
                        re.compile(_lit(first) + b"(?:" + either + b")"),
                        _branch_marker(letter_markers),
                    )
                )
                continue
            branch, marker = letter_branches[0]
            rest = branch.removeprefix(b"()")
            pattern = re.compile(_lit(first) + rest) if rest else None
            assert pattern is None or not pattern.groups  # its pieces are joined (_chunk)
            self._passes.append((bytes([first]), pattern, bytes([marker])))
        replacements: list[bytes] = [b""]
        alternation: list[bytes] = []
        for first in sorted(branches, key=lambda byte: (is_upper[byte], byte)):
            group = b"|".join(branch for branch, _ in branches[first])
            alternation.append(_lit(first) + b"(?:" + group + b")")
            replacements += [bytes([marker]) for _, marker in branches[first]]
        self._scanner = re.compile(b"|".join(alternation)) if alternation else None
        self._scanner_marker = _branch_marker(tuple(replacements))

        self._output_page(direction, chars, reads, runs, outputs, lower)

        # -- letter classes of the bytes ------------------------------------------
        kinds = bytearray(GAP * 256)
        for byte, char in enumerate(chars):
            if not is_word[byte]:
                continue
            if char.isupper():
                kinds[byte] = (_MULTI if byte in runs else _CAPITAL)[0]
            elif char.islower():
                kinds[byte] = _SMALL[0]
            else:
                kinds[byte] = (_CASED_OUT if lower(char) in cased_out else _UNCASED)[0]
        self._kinds = bytes(kinds)

        self._lexicon_searches(conv, chars, byte_of, is_word, lower)
        self._span_searches(conv, direction, chars, byte_of, is_word, word_chars.letters)
        self._all_capitals = conv._all_capitals
        self._kinds_used = any(kind[0] in self._kinds for kind in (_MULTI, _UNCASED, _CASED_OUT))
        self._normalizes = conv._normalizer is not None

    def _output_page(
        self,
        direction: Direction,
        chars: list[str],
        reads: list[str],
        runs: dict[int, int],
        outputs: dict[int, str],
        lower: Callable[[str], str],
    ) -> None:
        """The translation of the source page into the output page, and both codecs.

        ``outputs`` holds what each marker writes; this adds what each letter of the map
        writes (a capital in Title case; a capital of a run, ``runs``, in capitals), and
        gives each output of several characters a byte that one ``bytes.replace`` writes.
        """
        casing, units = self._casing, self._conv._units
        for byte, char in enumerate(chars):
            key_output = direction.letter_map.get(lower(char))
            if key_output is not None:
                capital = char.isupper()
                if capital and count_cased(key_output) > 1 and key_output not in units:
                    outputs[byte] = casing.title(key_output)  # no capital next to it
                else:
                    outputs[byte] = casing.upper(key_output) if capital else key_output
        for byte, run_byte in runs.items():
            key_output = direction.letter_map.get(reads[byte])
            # a capital among capitals, or one that passes through
            outputs[run_byte] = chars[byte] if key_output is None else casing.upper(key_output)
        out_chars = [chr(i) for i in range(128)]
        out_index = {c: i for i, c in enumerate(out_chars)}

        def out_byte(char: str) -> int:
            if char not in out_index:
                out_index[char] = len(out_chars)
                out_chars.append(char)
            return out_index[char]

        table = list(range(256))
        for byte in range(128, len(chars)):
            if byte not in outputs:
                table[byte] = out_byte(chars[byte])  # what passes through keeps its character
        for out in outputs.values():
            for char in out:
                out_byte(char)
        table[PH] = out_byte(Z)
        several: dict[str, int] = {}
        for byte, out in outputs.items():
            if len(out) == 1:
                table[byte] = out_index[out]
            elif len(out) > 1:
                if out not in several:
                    several[out] = len(out_chars)
                    out_chars.append(_NONE)
                table[byte] = several[out]
        if len(out_chars) > 256:
            raise _PageFull
        self._table = bytes(table)
        self._delete = bytes(sorted(b for b, o in outputs.items() if not o))
        self._replaces = [(bytes([temp]), _encode(out, out_index)) for out, temp in several.items()]
        self._decoding = "".join(out_chars) + _NONE * (256 - len(out_chars))
        self._encoding = codecs.charmap_build("".join(chars) + _NONE * (256 - len(chars)))

    def _lexicon_searches(
        self,
        conv: Converter,
        chars: list[str],
        byte_of: dict[str, int],
        is_word: list[bool],
        lower: Callable[[str], str],
    ) -> None:
        """What finds the words an exception, stem or lexicon entry applies to: the
        entries in page bytes, and the page's bytes as small letters."""
        self._exceptions = {
            _encode(word, byte_of) for word in conv._exceptions if all(c in byte_of for c in word)
        }
        self._stems = {
            _encode(stem, byte_of) for stem in conv._stems if all(c in byte_of for c in stem)
        }
        # The beginnings of the stems, as long as the shortest: a word that begins with
        # none of them begins with no stem; one that does can begin with the stems of
        # that beginning, whose lengths are kept with it, shortest first.
        shortest = min(map(len, self._stems), default=0)
        heads: dict[bytes, set[int]] = {}
        for stem in self._stems:
            heads.setdefault(stem[:shortest], set()).add(len(stem))
        self._stem_heads = {head: tuple(sorted(lengths)) for head, lengths in heads.items()}
        self._shortest_stem = shortest
        # Each word byte as its small letter, anything else as GAP: what the lexicon
        # searches read, in any case.
        lowered = bytearray(GAP * 256)
        for byte, char in enumerate(chars):
            if is_word[byte]:
                lowered[byte] = byte_of.get(lower(char), byte)
        self._lowered = bytes(lowered)
        # A few entries (a table's own, a small lexicon) are found by one search over the
        # small letters (_entries_regex); more, among the distinct words (_lexicon_words).
        self._entries: re.Pattern[bytes] | None = None
        if 0 < len(self._exceptions) + len(self._stems) <= SMALL_LEXICON:
            self._entries = _entries_regex(self._stems, self._exceptions)

    def _span_searches(
        self,
        conv: Converter,
        direction: Direction,
        chars: list[str],
        byte_of: dict[str, int],
        is_word: list[bool],
        letters: str,
    ) -> None:
        """What must stand in a line for a protected span to start there: signs, foreign
        letters, a file name's ending, a word of Roman-numeral capitals; ``letters`` is
        what the direction's words are made of, as a class body."""
        names = set(direction.protect) if conv._span_pattern is not None else set()
        needles: list[str] = []
        if "url" in names:
            needles += ["://", "www."]
        if "email" in names or "handle" in names:
            needles.append("@")
        if "hashtag" in names:
            needles.append("#")
        if "foreign-word" in names and direction.script in SCRIPTS:
            foreign = regex.compile(rf"\p{{Script={SCRIPTS[direction.script]}}}")
            needles += [c for c in chars if c not in conv._letters and foreign.match(c)]
        self._span_needles = [_encode(needle, byte_of) for needle in needles]
        self._file_name = (
            # a file name's ending (never a mere domain: Egemen.kz)
            re.compile(rb"\.(?:" + FILE_EXTENSIONS.encode() + rb")(?![a-zA-Z0-9])")
            if "file-name" in names
            else None
        )
        roman = span_regex(("roman-numeral",), direction.script, frozenset(), letters)
        self._roman = regex.compile(roman) if roman and "roman-numeral" in names else None
        # Words of Roman-numeral capitals only (XX, MMXXVI): a numeral may stand there.
        numerals = bytearray(GAP * 256)
        for byte, char in enumerate(chars):
            if is_word[byte]:
                numerals[byte] = ord("R") if char in ROMAN_CAPITALS else ord("w")
        self._numerals = bytes(numerals)

    def _contexts(
        self, rule: Rule, width: int, item_bytes: Callable[[notation.Item, bool], list[int]]
    ) -> bytes | None:
        """A rule's contexts as lookarounds after a match ``width`` bytes long; None if
        no context can hold inside a word."""
        anything = b"[\\x00-\\xfe]"
        word = set(self._word_bytes)

        def side(contexts: tuple[str, ...], before: bool) -> list[bytes] | None:
            """The lookarounds of one side's alternatives; None if none can hold."""
            if not contexts:
                return []
            looks: list[bytes] = []
            edge_alone = False
            single: set[int] = set()  # alternatives of one letter, merged into one class
            possible = False
            for context in contexts:
                items = notation.parse(context)
                edge = bool(items) and isinstance(items[0 if before else -1], notation.Edge)
                classes = [item_bytes(i, before) for i in items if not isinstance(i, notation.Edge)]
                if not all(classes):
                    continue  # an item no character of a word can be
                possible = True
                if not classes and edge:
                    edge_alone = True
                elif len(classes) == 1 and not edge:
                    single.update(classes[0])
                elif before:
                    look = b"".join(map(_byte_class, classes))
                    part = b"(?<=" + look + anything + b"{%d})" % width if classes else b""
                    if edge:
                        n = len(classes) + width
                        part += b"(?<!" + self._any_word + anything + b"{%d})" % n
                    looks.append(part)
                else:
                    look = b"".join(map(_byte_class, classes))
                    looks.append(
                        b"(?=" + look + (b"(?!" + self._any_word + b")" if edge else b"") + b")"
                    )
            if not possible:
                return None
            if b"" in looks:
                return []  # a context that always holds
            # A word edge or one of some letters: not a letter of a word but those.
            if edge_alone:
                others = _byte_class(word - single) if word - single else None
                if others is None:
                    return []
                if before:
                    looks.insert(0, b"(?<!" + others + anything + b"{%d})" % width)
                else:
                    looks.insert(0, b"(?!" + others + b")")
            elif single:
                cls = _byte_class(single)
                looks.insert(
                    0,
                    b"(?<=" + cls + anything + b"{%d})" % width if before else b"(?=" + cls + b")",
                )
            return looks

        befores = side(rule.before, True)
        afters = side(rule.after, False)
        if befores is None or afters is None:
            return None
        pattern = b""
        for looks in (befores, afters):
            if len(looks) == 1:
                pattern += looks[0]
            elif looks:
                pattern += b"(?:" + b"|".join(looks) + b")"
        return pattern

    # -- converting ----------------------------------------------------------------

    def __call__(self, text: str) -> str:
        """Convert a whole text."""
        return "".join(map(self._chunk, _chunks(text)))

    def _chunk(self, text: str) -> str:
        conv = self._conv
        data = codecs.charmap_encode(text, _ERRORS, self._encoding)[0]
        norm = text
        lines = self._line_starts(text, data)
        if self._normalizes:
            norm = conv._normalize(text)
            if len(norm) != len(text):
                return conv._reference(text)
            if norm != text:
                data = codecs.charmap_encode(norm, _ERRORS, self._encoding)[0]
        # letter classes: needed for signs and capitals of several letters
        kinds = data.translate(self._kinds) if self._kinds_used else b""
        routes = self._routes(norm, data, lines, kinds)
        if routes:
            pieces = []
            end = 0
            for start, stop, _ in routes:
                pieces.append(data[end:start])
                end = stop
            pieces.append(data[end:])
            data = _PH.join(pieces)
            kinds = data.translate(self._kinds) if self._kinds_used else b""
        if self._run_of is not None:
            data = self._mark_capital_runs(data, kinds, self._run_of)
        for first, pattern, marker in self._passes:
            if first in data:
                if pattern is None:
                    assert isinstance(marker, bytes)  # a letter with one branch
                    data = data.replace(first, marker)
                elif isinstance(marker, bytes):
                    # One branch, so no group: the pieces between matches joined by the
                    # marker, which costs less per match than sub.
                    data = marker.join(pattern.split(data))
                else:
                    data = pattern.sub(marker, data)
        if self._scanner is not None:
            data = self._scanner.sub(self._scanner_marker, data)
        data = data.translate(self._table, self._delete)
        for temp, sequence in self._replaces:
            data = data.replace(temp, sequence)
        out: str = codecs.charmap_decode(data, "strict", self._decoding)[0]
        upper = self._casing.upper if self._all_capitals else None
        if not routes:
            return upper(out) if upper is not None else out
        parts = out.split(Z)
        cache, reference = conv._cache, conv._reference
        outputs = [
            str(cache[norm[start:stop]])
            if kind == WORD
            else norm[start:stop]
            if kind == RAW
            else reference(text[start:stop])
            for start, stop, kind in routes
        ]
        if upper is not None:
            parts = list(map(upper, parts))
            outputs = [
                output if kind == LINE else upper(output)
                for output, (_, _, kind) in zip(outputs, routes, strict=True)
            ]
        return "".join(chain.from_iterable(zip(parts, outputs, strict=False))) + parts[-1]

    def _mark_capital_runs(self, data: bytes, kinds: bytes, run_of: bytes) -> bytes:
        """Give a capital with an output of several letters its byte of a run where the
        letter next to it is a capital: it is written in capitals (ЩУКА → SHCHUKA).

        In ``kinds``, the data in letter classes, its class is M and any other
        capital's U; a neighbour across an uncased sign went to the reference
        (:meth:`_routes`).
        """
        places = [match.start() for match in _RUN_CAPITAL.finditer(kinds)]
        if not places:
            return data
        marked = bytearray(data)
        for position in places:
            marked[position] = run_of[marked[position]]
        return bytes(marked)

    def _line_starts(self, text: str, data: bytes) -> set[int]:
        """Places of lines the reference converts, found in the text as given: a
        character outside the page that belongs to a word, a protected span's trigger."""
        lines: set[int] = set()
        position = data.find(_PH)
        while position >= 0:
            if self._word_char.match(text[position]):
                lines.add(position)
                position = data.find(_PH, _piece_end(data, position))
            else:
                position = data.find(_PH, position + 1)
        for needle in self._span_needles:
            # A byte is found far faster than a string of them; most text lacks ":/" or "w".
            if len(needle) > 1 and not all(byte in data for byte in needle):
                continue
            position = data.find(needle)
            while position >= 0:
                lines.add(position)
                position = data.find(needle, _piece_end(data, position))
        if self._file_name is not None:
            for match in self._file_name.finditer(data):
                lines.add(match.start())
        return lines

    def _routes(
        self, norm: str, data: bytes, lines: set[int], kinds: bytes
    ) -> list[tuple[int, int, int]]:
        """The pieces of a chunk the reference converts: (start, stop, kind), in order.
        ``kinds`` is the chunk in letter classes, or empty where the page has no class
        the searches need."""
        words: dict[int, int] = {}
        raws: list[int] = []
        position = data.find(_PH)
        while position >= 0:
            if self._word_char.match(norm[position]):
                lines.add(position)
            else:
                raws.append(position)
            position = data.find(_PH, position + 1)
        has_u, has_c = _UNCASED in kinds, _CASED_OUT in kinds
        if has_u or has_c:
            # A capital whose nearest cased neighbour lies across an uncased sign.
            across = (match.start() for match in _BESIDE_SIGN.finditer(kinds))
            words.update(_pieces_around(kinds, across, GAP))
            # A sign with a cased output in a word of capitals only (OBʺEKT).
            if has_c:
                signs = (match.start() for match in _SIGN_AMONG_CAPITALS.finditer(kinds))
                for start, stop in _pieces_around(kinds, signs, GAP):
                    found = kinds[start:stop]
                    if _SMALL not in found and (_CAPITAL in found or _MULTI in found):
                        words[start] = stop
        # Roman numerals: words of their capitals only.
        if self._roman is not None:
            numerals = data.translate(self._numerals)
            lines.update(match.start() for match in _ROMAN_WORD.finditer(numerals))
        # Words of at most one cased letter, a capital: their case may come from their
        # neighbours (Я, Sʺ).
        if has_u or has_c:
            beginnings = chain.from_iterable(
                (match.start() for match in search.finditer(kinds)) for search in _LONE_WORD_STARTS
            )
            for start, stop in _pieces_around(kinds, beginnings, GAP):
                found = kinds[start:stop]
                if (
                    _SMALL not in found
                    and found.count(_CAPITAL) + found.count(_MULTI) <= 1
                    and (_MULTI in found or _CASED_OUT in found)
                ):
                    lines.add(start)
        elif _MULTI in kinds:
            lines.update(match.start() for match in _LONE_MULTI.finditer(kinds))
        if self._entries is not None:
            padded = GAP + data.translate(self._lowered) + GAP
            # a match starts at the GAP before its word, which is the word's place in the chunk
            starts = [match.start() + 1 for match in self._entries.finditer(padded)]
            words.update(
                (start - 1, stop - 1) for start, stop in _pieces_around(padded, starts, GAP)
            )
        elif self._exceptions or self._stems:
            self._lexicon_words(data, words)
        if not (words or lines or raws):
            return []
        cache, lone, roman = self._conv._cache, self._lone_type, self._roman
        for start, stop in words.items():
            word = norm[start:stop]
            if type(cache[word]) is lone or (roman is not None and roman.search(word)):
                lines.add(start)
        routes = sorted(
            [(start, -stop, LINE) for start, stop in _pieces_around(data, lines, b"\n")]
            + [(start, -stop, WORD) for start, stop in words.items()]
            + [(position, -position - 1, RAW) for position in raws]
        )
        # Pieces inside a line that goes to the reference go with it.
        kept: list[tuple[int, int, int]] = []
        end = -1
        for start, stop, kind in routes:
            if start >= end and start != -stop:
                end = -stop
                kept.append((start, end, kind))
        return kept

    def _lexicon_words(self, data: bytes, words: dict[int, int]) -> None:
        """Send the words an exception, stem or lexicon entry applies to to the reference."""
        lowered = data.translate(self._lowered)
        found = set(lowered.split())  # GAP is white space to split at; no letter is
        hits = found & self._exceptions
        stems = self._stems
        if stems:
            shortest, heads = self._shortest_stem, self._stem_heads
            distinct = list(found)
            begun = map(heads.__contains__, map(itemgetter(slice(shortest)), distinct))
            for word in compress(distinct, begun):  # the words that begin as a stem does
                stem_lengths = heads[word[:shortest]]
                for length in stem_lengths[: bisect_right(stem_lengths, len(word))]:
                    if word[:length] in stems:
                        hits.add(word)
                        break
        if not hits:
            return
        if len(hits) <= FEW_HITS:
            for match in _entries_regex((), hits).finditer(GAP + lowered + GAP):
                words[match.start()] = match.end() - 1  # the GAP before the word: its place
            return
        # Many: each word of the chunk looked up, and its place counted, in C.
        parts = lowered.split(GAP)
        starts = accumulate(chain((0,), map((1).__add__, map(len, parts))))
        for start, part in compress(
            zip(starts, parts, strict=False), map(hits.__contains__, parts)
        ):
            words[start] = start + len(part)


class _PassReads:
    """What the pass of one first byte reads and writes, for :func:`_pass_order`."""

    def __init__(self) -> None:
        #: Bytes of its matches after the first.
        self.inner: set[int] = set()
        #: The first and last letters of each match of several letters it writes.
        self.writes: set[tuple[str, str]] = set()
        #: Its contexts: (before the match?, with an edge?, letters each item can be).
        self.contexts: list[tuple[bool, bool, list[frozenset[str]]]] = []


def _context_letters(
    rule: Rule, item_bytes: Callable[[notation.Item, bool], list[int]], reads: list[str]
) -> list[tuple[bool, bool, list[frozenset[str]]]]:
    """A rule's contexts as (before?, with an edge?, the letters each item can read)."""
    found = []
    for before, contexts in ((True, rule.before), (False, rule.after)):
        for context in contexts:
            items = notation.parse(context)
            edge = any(isinstance(item, notation.Edge) for item in items)
            letters = [
                frozenset(reads[b] for b in item_bytes(item, False))
                for item in items
                if not isinstance(item, notation.Edge)
            ]
            found.append((before, edge, letters))
    return found


def _pass_order(passes: dict[int, _PassReads]) -> list[int] | None:
    """An order of one pass per first byte that writes what one alternation read left
    to right writes, or None if there is none.

    The alternation takes, at each place, the first branch that matches there, and
    goes on after it. Passes do the same where the pass of a byte comes before the
    passes of the bytes inside its matches (which therefore find those taken), and
    a pass whose contexts would misread a match of several letters that another
    pass makes one marker (:func:`_reads_alike`) comes before that pass.

    >>> s_pass, h_pass = _PassReads(), _PassReads()
    >>> s_pass.inner.add(ord("h"))  # sh
    >>> _pass_order({ord("s"): s_pass, ord("h"): h_pass})
    [115, 104]
    """
    later: dict[int, set[int]] = {byte: set() for byte in passes}  # the passes after each
    for byte, reading in passes.items():
        later[byte] |= (reading.inner & passes.keys()) - {byte}
        for other, writing in passes.items():
            if other != byte and not all(
                _reads_alike(context, first, last)
                for context in reading.contexts
                for first, last in writing.writes
            ):
                later[byte].add(other)
    order: list[int] = []
    remaining = set(passes)
    while remaining:
        ready = sorted(
            byte
            for byte in remaining
            if not any(byte in later[other] for other in remaining if other != byte)
        )
        if not ready:
            return None  # passes that must each come before another
        order += ready
        remaining.difference_update(ready)
    return order


def _reads_alike(context: tuple[bool, bool, list[frozenset[str]]], first: str, last: str) -> bool:
    """Whether a context reads the same where a match ``first`` … ``last`` of several
    letters is one marker.

    The marker reads as ``first`` to a context after it and as ``last`` to one before
    it, as the letters next to the rule's match do; only an item or an edge read on
    past the marker would read something else.

    >>> vowel = frozenset("aeiou")
    >>> _reads_alike((True, False, [vowel]), "y", "a")  # e after a vowel; ya
    True
    >>> _reads_alike((False, False, [frozenset("i"), frozenset("y")]), "y", "o")  # ts|iy; yo
    True
    >>> _reads_alike((False, False, [frozenset("o"), frozenset("ʻ")]), "o", "ʻ")  # y|oʻ; oʻ
    False
    """
    before, edge, items = context
    if before:
        return not any(last in item for item in (items if edge else items[1:]))
    return not any(first in item for item in (items if edge else items[:-1]))


def _branch_marker(markers: tuple[bytes, ...]) -> Callable[[re.Match[bytes]], bytes]:
    """What a match of a pass with several branches writes: the marker of the branch
    that matched, told by the empty group each branch begins with."""

    def marker(match: re.Match[bytes]) -> bytes:
        return markers[match.lastindex or 0]

    return marker


def _entries_regex(stems: Iterable[bytes], words: Iterable[bytes]) -> re.Pattern[bytes]:
    """A search, over bytes of small letters with GAP between words, for the words that
    begin with one of ``stems`` or are one of ``words``; a match begins at the GAP before.

    re skips from one GAP to the next and there tries the entries of the letter after
    it only. A word that begins with a stem is found by that stem.

    >>> found = _entries_regex([b"ok", b"oktab"], [b"oka", b"sen"])
    >>> [m.start() for m in found.finditer(b" oktyabr sen senat okay ")]
    [0, 8, 18]
    """
    stems = sorted(stems)
    first_stems = [s for s in stems if not s.startswith(tuple(t for t in stems if t != s))]
    whole = [word for word in sorted(words) if not word.startswith(tuple(stems))]
    by_first: dict[bytes, list[bytes]] = {}
    for entry, end in [(stem, b"") for stem in first_stems] + [
        (w, b"(?=" + GAP + b")") for w in whole
    ]:
        by_first.setdefault(entry[:1], []).append(re.escape(entry[1:]) + end)
    groups = [
        re.escape(first) + b"(?:" + b"|".join(rests) + b")" for first, rests in by_first.items()
    ]
    return re.compile(GAP + b"(?:" + b"|".join(groups) + b")")


def _pieces_around(data: bytes, positions: Iterable[int], gap: bytes) -> Iterator[tuple[int, int]]:
    """The pieces of ``data`` between two ``gap`` bytes (words, lines) that hold the
    positions: (start, stop), in order. Each piece is scanned once, however many of the
    positions it holds, so one long word or line costs time in its length only.

    >>> list(_pieces_around(b"ab cd ef", [4, 0, 3, 1], b" "))
    [(0, 2), (3, 5)]
    """
    end = -1
    for position in sorted(positions):
        if position < end:
            continue
        end = _piece_end(data, position, gap)
        yield data.rfind(gap, 0, position) + 1, end


def _piece_end(data: bytes, position: int, gap: bytes = b"\n") -> int:
    """Where the piece (a line, or a word of letter classes) around ``position`` ends."""
    end = data.find(gap, position)
    return len(data) if end < 0 else end


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of about :data:`CHUNK` characters, each ending after a newline."""
    length = len(text)
    start = 0
    while length - start > CHUNK:
        cut = text.rfind("\n", start, start + CHUNK)
        if cut < 0:
            cut = text.find("\n", start + CHUNK)
            if cut < 0:
                break
        yield text[start : cut + 1]
        start = cut + 1
    if start < length or not length:
        yield text[start:] if start else text


def _encode(text: str, index: dict[str, int]) -> bytes:
    return bytes(index[char] for char in text)


def _lit(byte: int) -> bytes:
    return re.escape(bytes([byte]))


def _byte_class(values: Iterable[int]) -> bytes:
    found = sorted(set(values))
    if len(found) == 1:
        return _lit(found[0])
    return b"[" + b"".join(b"\\x%02x" % value for value in found) + b"]"


def _pageable(char: str) -> bool:
    """Whether a character may have a place in a code page: marks and format characters
    never do (the reference reads them specially), nor Σ (its lower case depends on
    its place in a word)."""
    category = unicodedata2.category(char)
    return (
        ord(char) >= 128
        and category[0] != "M"
        and category not in ("Cf", "Cs", "Cn", "Co", "Zl", "Zp")
        and char not in ("\u03a3", Z, _NONE, "\uffff")
    )


def _strings_with_outputs(direction: Direction, conv: Converter) -> Iterator[tuple[str, str]]:
    """Every source string the direction writes something for, with what it writes."""
    yield from direction.letter_map.items()
    for rule in direction.rules:
        yield rule.match, rule.output
    yield from conv._exceptions.items()
    yield from conv._stems.items()


def _check_texts(direction: Direction, classes: dict[str, tuple[str, ...]]) -> None:
    """Refuse what would let a table reach past a newline, or let a normalize rule
    hide or make the trigger of a protected span."""
    rules = (*direction.rules, *direction.normalize)
    texts: list[str] = [*direction.letter_map, *direction.letter_map.values()]
    texts += [*direction.exceptions, *direction.exceptions.values()]
    for rule in rules:
        texts += [rule.match, rule.output, *rule.before, *rule.after]
    for members in classes.values():
        texts += members
    if any("\n" in text for text in texts):
        raise Unsupported("a newline in a key, output, context or class")
    for rule in direction.normalize:
        touched = set(rule.match) | set(rule.output)
        for item in notation.parse(rule.match):
            if isinstance(item, notation.ClassRef):
                touched.update("".join(classes.get(item.name, ())))
        if touched & _TRIGGER_CHARS:
            raise Unsupported("a normalize rule on a character protected spans start with")
