"""Compile one direction of a table into a converter, and run it.

How a text is converted:

1. Letters are read as the table knows them: a letter written as a base and
   combining marks (и + U+0306) is read as the composed letter (й) where the
   table maps that letter, and a stressed letter the table does not map (á,
   ѐ, ǘ) is read as the letter it stresses and the stress mark, so that letter
   converts and the mark passes through. Only stress marks (acute, grave) are
   split off this way: ў or ñ are letters of their own. Nothing else is
   rewritten: what the table does not cover comes out exactly as it went in
   (no NFC of the whole text: an OHM SIGN stays one).
   Then the direction's ``normalize`` rules rewrite it in one pass (at each
   place the first rule that matches wins).
2. It is split into words (runs of letters, combining marks and any other
   characters the table converts) and the text between them, which passes
   through untouched.
3. Each distinct word is converted once and remembered (a bounded cache), so
   the cost of running rules is paid per vocabulary word, not per letter.
   Inside a word, at each position the ``rules`` are tried in table order,
   then the longest key of the letter map; anything else passes through.
   Contexts are read from the source word, never from output. A word that no
   rule and no several-letter key can touch, in lower, Title or all-capital
   case, goes through ``str.translate`` with a table per case instead: the
   same result, without Python code per letter.
4. Case is derived from the source: see :meth:`Converter._case`.
5. A word whose case is ambiguous, one capital and nothing else with case
   (``Я`` → ``Ya`` or ``YA``; ``Sʺ`` → ``Съ`` or ``СЪ``), takes its case from
   the nearest word on the same line that has two or more cased letters.

Contexts never reach past a newline, so a text cut at newlines converts the
same piece by piece as whole.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Literal, cast

import regex
import unicodedata2

from translit.engine.casing import Casing, count_cased, is_cased
from translit.engine.words import Lone, composed_letters, word_chars_of
from translit.table import notation
from translit.table.lexicon import Lexicon, read_lexicon
from translit.table.model import Direction, Rule, Step
from translit.table.notation import WordChars
from translit.table.spans import quiet_characters, span_regex

LoneCase = Literal["title", "upper"]

#: About how many bytes of words and outputs a converter remembers before it
#: starts afresh.
CACHE_BYTES = 32 << 20

#: What one cache entry costs besides its characters (two str objects, a slot).
ENTRY_BYTES = 160

#: Texts at least this long are converted by the fast path (:mod:`translit.engine.fastpath`);
#: shorter ones are remembered whole, up to about this many bytes.
FAST_MIN = 64
SHORT_CACHE_BYTES = 8 << 20


class _WordCache(dict[str, str]):
    """Converted words by source word; computes what it lacks, bounded in size.

    The bound counts an estimate of the bytes the entries take, so long words
    cannot make it grow past it; when full it starts afresh. Every value is
    complete when stored, so threads sharing the cache see either no entry or
    the right one.
    """

    def __init__(self, convert: Callable[[str], str], limit: int | None = None) -> None:
        super().__init__()
        self._convert = convert
        self._limit = CACHE_BYTES if limit is None else limit
        self._size = 0
        self._lock = threading.Lock()

    def __missing__(self, word: str) -> str:
        output = self._convert(word)
        cost = ENTRY_BYTES + 4 * (len(word) + len(output))
        with self._lock:
            if self._size + cost > self._limit:
                self.clear()
                self._size = 0
            if cost <= self._limit:
                self[word] = output
                self._size += cost
        return output


class Converter:
    """One direction of one table, compiled.

    >>> from translit.registry import table
    >>> uz = table("uz-latn")
    >>> converter = Converter(uz.forward, uz.upper_case, uz.classes)
    >>> converter("Шаҳар ШАҲАР")
    'Shahar SHAHAR'
    """

    def __init__(
        self,
        direction: Direction,
        upper_case: dict[str, str],
        classes: dict[str, tuple[str, ...]],
    ) -> None:
        self._casing = Casing(upper_case)
        self._letter_map = direction.letter_map
        self._rules = direction.rules
        lexicon = (
            read_lexicon(direction.lexicon, reverse=direction.name == "reverse")
            if direction.lexicon
            else Lexicon("", {}, {})
        )
        self._lexicon = lexicon
        self._units = direction.capital_units
        self._all_capitals = direction.all_capitals
        # Only letters the direction writes: a pass-through word keeps its case.
        written = {char for output in direction.letter_map.values() for char in output}
        written = {char for char in written if char.islower()}
        self._sentence_start = (
            regex.compile(
                rf"(?:^|(?<=[.!?؟…]\s+))[^\p{{L}}\n]*\K[{notation.class_body(sorted(written))}]",
                regex.MULTILINE,
            )
            if direction.capitalize_sentences and written
            else None
        )
        # Whole words: the table's exceptions win over the lexicon's words.
        self._own_exceptions = direction.exceptions
        self._exceptions = {word: output for word, (output, _) in lexicon.words.items()}
        self._exceptions.update(direction.exceptions)
        # Word beginnings: the table's stems win over the lexicon's.
        self._table_stems = {rule.match: rule for rule in direction.stems}
        self._stems = {stem: output for stem, (output, _) in lexicon.stems.items()}
        self._stems.update({stem: rule.output for stem, rule in self._table_stems.items()})
        self._longest_stem = max(map(len, self._stems), default=0)
        word_chars = word_chars_of(direction)
        self._splitter = regex.compile(word_chars.splitter)
        self._normalize_rules = direction.normalize
        self._normalizer = (
            regex.compile(
                "|".join(
                    f"(?P<n{index}>{_rule_regex(rule, classes, word_chars)})"
                    for index, rule in enumerate(direction.normalize)
                ),
                regex.IGNORECASE,
            )
            if direction.normalize
            else None
        )
        # Most text holds nothing to normalize: looking for each character a normalize
        # match can start with (a handful) is far cheaper than trying every rule, and
        # cheaper than a class search. Empty where a rule starts with an open class.
        starts = _first_characters(direction.normalize, classes)
        starts |= {
            self._casing.upper(char) for char in starts if len(self._casing.upper(char)) == 1
        }
        self._normalize_starts = tuple(sorted(starts))
        self._rule_regexes = [_rule_regex(rule, classes, word_chars) for rule in self._rules]
        # Rules and prefixes on conditions of the whole word: one scanner for each
        # combination of conditions that hold, built when first needed.
        self._prefixes = direction.prefixes
        self._conditions = list(
            dict.fromkeys(
                (rule.word_has, rule.word_lacks)
                for rule in (*self._rules, *self._prefixes)
                if rule.word_has or rule.word_lacks
            )
        )
        # Compiled when first needed: most short texts need one of them, or none.
        self._scanners: dict[tuple[bool, ...], regex.Pattern[str] | None] = {}
        self._no_conditions = tuple(False for _ in self._conditions)
        self._known = frozenset(key for key in self._letter_map if len(key) == 1)
        self._lower_table = {ord(k): self._letter_map[k] for k in self._known}
        self._upper_table = {ord(k): self._casing.upper(self._letter_map[k]) for k in self._known}
        self._cache = _WordCache(self._first_conversion)
        self._letters_known = self._known_letters(direction, classes)
        self._keep_decomposed = direction.keep_decomposed | {
            upper
            for char in direction.keep_decomposed
            if len(upper := self._casing.upper(char)) == 1
        }
        self._recomposer = self._recomposer_regex()
        # The direction's letters, both cases: a word with another of its script is foreign.
        letters = self._letters_known | set(direction.alphabet)
        letters |= {u for c in direction.alphabet if len(u := self._casing.upper(c)) == 1}
        self._letters = frozenset(letters)
        self._span_pattern = span_regex(
            direction.protect,
            direction.script,
            self._letters,
            word_chars.letters,
            _joiners(direction, classes),
        )
        self._compiled_spans: regex.Pattern[str] | None = None
        self._span_free = quiet_characters(direction.protect, self._letters)
        self._direction, self._classes = direction, classes
        self._fast: Callable[[str], str] | None = None
        self._fast_built = False
        self._short = _WordCache(self._reference, SHORT_CACHE_BYTES)

    # -- whole texts ---------------------------------------------------------

    def __call__(self, text: str) -> str:
        """Convert a whole text; a long one by the fast path, which gives the same."""
        if len(text) >= FAST_MIN:
            fast = self._fast if self._fast_built else self._fast_path()
            if fast is not None:
                return fast(text)
            return self._reference(text)
        return self._short[text]  # short texts (names, words) are remembered whole

    def _fast_path(self) -> Callable[[str], str] | None:
        """Build the fast path on first use (None where the direction has none)."""
        from translit.engine import fastpath

        self._fast = fastpath.build(self, self._direction, self._classes)
        self._fast_built = True
        return self._fast

    def _reference(self, text: str) -> str:
        """Convert a whole text word by word: the definition of the output."""
        if not text:
            return text
        text = self._canonical(text)
        pieces = self._pieces(text)
        # Protected spans pass through as text between words, so that a lone capital
        # still sees its neighbours past a URL (Я https://kun.uz ЎҚИЙМАН).
        parts = [""]
        for piece, protected in pieces:
            if protected:
                parts[-1] += piece
                continue
            split = self._split(self._normalize(piece))
            parts[-1] += split[0]
            parts += split[1:]
        return self._convert_parts(parts)

    def _spans_for(self, text: str) -> regex.Pattern[str] | None:
        """The direction's protected spans, where ``text`` may hold one; compiled when
        first needed (a long pattern, and most short texts hold no span)."""
        if self._span_pattern is None or self._span_free.issuperset(text):
            return None
        if self._compiled_spans is None:
            self._compiled_spans = regex.compile(self._span_pattern)
        return self._compiled_spans

    def _pieces(self, text: str) -> list[tuple[str, bool]]:
        """``text`` cut into pieces, each with whether it is a protected span."""
        spans = self._spans_for(text)
        return _split_spans(spans, text) if spans is not None else [(text, False)]

    def _convert_parts(self, parts: list[str]) -> str:
        """Join text between words (even places) and converted words (odd places)."""
        outputs = list(map(self._cache.__getitem__, parts[1::2]))
        if Lone in set(map(type, outputs)):
            for index, case in self._lone_cases(parts, outputs).items():
                if case == "upper":
                    outputs[index] = cast(Lone, outputs[index]).capitals
        if self._all_capitals:
            outputs = [self._casing.upper(output) for output in outputs]
        parts[1::2] = outputs
        if self._sentence_start is not None:
            return self._sentence_start.sub(lambda m: self._casing.upper(m.group()), "".join(parts))
        return "".join(parts)

    def explain(self, text: str) -> list[Step]:
        """The steps that convert ``text``: what each piece became, and why.

        >>> from translit.registry import table as load_scheme
        >>> table = load_scheme("uz-latn")
        >>> steps = Converter(table.forward, table.upper_case, table.classes).explain("Ер")
        >>> [(s.source, s.output, s.origin) for s in steps]
        [('Е', 'Ye', 'rules[0]'), ('р', 'r', 'map.р')]
        """
        steps: list[Step] = []
        for piece, protected in self._pieces(self._canonical(text)):
            if protected:
                steps.append(Step(piece, piece, "protect"))
            else:
                steps += self._explain_text(piece)
        return steps

    def word_steps(self, text: str) -> Iterator[tuple[int, str, list[Step]]]:
        """Each word of ``text`` with where it starts and the steps that convert it.

        Offsets are those of the text as read (letters written with separate marks
        composed, normalize rules applied), which is the text as given unless
        either changed its length. Protected spans are left out.

        >>> from translit.registry import table as load_scheme
        >>> table = load_scheme("uz-latn")
        >>> converter = Converter(table.forward, table.upper_case, table.classes)
        >>> [(offset, word) for offset, word, _ in converter.word_steps("Ер, сув")]
        [(0, 'Ер'), (4, 'сув')]
        """
        start = 0
        for piece, protected in self._pieces(self._canonical(text)):
            if not protected:
                for match in self._splitter.finditer(self._normalize(piece)):
                    word = match.group()
                    yield start + match.start(), word, list(self._steps(word, "title"))
            start += len(piece)

    def _explain_text(self, text: str) -> list[Step]:
        steps: list[Step] = []
        if self._normalizer is not None:
            for match in self._normalizer.finditer(text):
                rule = _rule_of(self._normalize_rules, match)
                steps.append(Step(match.group(), rule.output, rule.origin))
            text = self._normalize(text)
        parts = self._split(text)
        words = parts[1::2]
        lone = self._lone_cases(parts, [self._cache[word] for word in words])
        for index, word in enumerate(words):
            steps += self._steps(word, lone.get(index, "title"))
        return steps

    def _known_letters(
        self, direction: Direction, classes: dict[str, tuple[str, ...]]
    ) -> frozenset[str]:
        """Every character a key, match, normalize match or exception of the direction
        holds, in both cases."""
        texts = [*direction.letter_map, *direction.exceptions]
        texts += [rule.match for rule in (*direction.rules, *direction.stems)]
        chars = {char for text in texts for char in text} | _normalize_reads(direction, classes)
        chars |= {upper for char in chars if len(upper := self._casing.upper(char)) == 1}
        return frozenset(chars)

    def _recomposer_regex(self) -> regex.Pattern[str] | None:
        """What :meth:`_canonical` rewrites: known bases with marks, unknown composed letters."""
        known = self._letters_known
        bases = {
            decomposed[0]
            for char in known
            if char not in self._keep_decomposed
            and len(decomposed := unicodedata2.normalize("NFD", char)) > 1
        }
        unknown = [char for char, split in composed_letters().items() if split[0] in known]
        unknown = [char for char in unknown if char not in known]
        alternatives = []
        if bases:
            alternatives.append(f"[{notation.class_body(sorted(bases))}]\\p{{M}}+")
        if unknown:
            alternatives.append(f"[{notation.class_body(unknown)}]")
        return regex.compile("|".join(alternatives)) if alternatives else None

    def _canonical(self, text: str) -> str:
        """Read letters as the table knows them (see step 1 of the module's description)."""
        if self._recomposer is None:
            return text
        return self._recomposer.sub(self._recompose, text)

    def _recompose(self, match: regex.Match[str]) -> str:
        """The longest known composed letter a base and its marks make, then the other marks."""
        written: str = match.group()
        decomposed: str = unicodedata2.normalize("NFD", written)
        for length in range(len(decomposed), 1, -1):
            composed: str = unicodedata2.normalize("NFC", decomposed[:length])
            if (
                len(composed) == 1
                and composed in self._letters_known
                and composed not in self._keep_decomposed
            ):
                return composed + decomposed[length:]
        if len(written) == 1:  # a stressed letter the table does not know (á, ǘ)
            return composed_letters().get(written, written)
        return written

    def _normalize(self, text: str) -> str:
        """Apply the normalize rules: one pass, the first rule matching at a place wins."""
        if self._normalizer is None:
            return text
        if self._normalize_starts and not any(map(text.__contains__, self._normalize_starts)):
            return text
        return self._normalizer.sub(self._normalized, text)

    def _normalized(self, match: regex.Match[str]) -> str:
        """A normalize rule's output, in the case of what it replaces (or a capital)."""
        rule = _rule_of(self._normalize_rules, match)
        if rule.capital:
            # A capital sign after a small letter stands for a small one (ba¥ is baý).
            before = match.string[match.start() - 1 : match.start()]
            small = before and is_cased(before) and not before.isupper()
            return rule.output if small else self._casing.upper(rule.output)
        written: str = match.group()
        cased = [char for char in written if is_cased(char)]
        if not cased or not cased[0].isupper() or not count_cased(rule.output):
            return rule.output
        if len(cased) > 1 and not all(char.isupper() for char in cased):
            return self._casing.title(rule.output)
        return self._casing.upper(rule.output)

    def _split(self, text: str) -> list[str]:
        """Text between words at even positions, words at odd ones."""
        parts: list[str] = self._splitter.split(text)
        return parts

    def _lone_cases(self, parts: list[str], outputs: list[str]) -> dict[int, LoneCase]:
        """For each word of ambiguous case, the case of its nearest clear neighbour.

        ``outputs`` are the words' cached conversions, which say which words are
        ambiguous. The nearest word on the same line with two or more cased
        letters decides, the following one first; two passes over the words, so
        time stays linear.
        """
        words = parts[1::2]
        following: list[LoneCase | None] = [None] * len(words)
        case: LoneCase | None = None
        for index in range(len(words) - 1, -1, -1):
            following[index] = case
            case = _word_case(words[index]) or case
            if "\n" in parts[2 * index]:
                case = None
        cases: dict[int, LoneCase] = {}
        case = None
        for index, word in enumerate(words):
            if "\n" in parts[2 * index]:
                case = None
            if type(outputs[index]) is Lone:
                cases[index] = following[index] or case or "title"
            case = _word_case(word) or case
        return cases

    # -- single words --------------------------------------------------------

    def _first_conversion(self, word: str) -> str:
        """Convert a word the cache has not seen; a :class:`Lone` if its case is ambiguous."""
        output = self._convert_word(word)
        if not word.islower() and self._cased_letters(word) <= 1:
            upper = self._convert_word(word, "upper")
            if upper != output:
                lone = Lone(output)
                lone.capitals = upper
                return lone
        return output

    def _cased_letters(self, word: str) -> int:
        """How many letters with case ``word`` has, a tied pair (T͡S) counting as one."""
        count = count_cased(word)
        if self._units:
            lower = self._casing.lower(word)
            for unit in self._units:
                count -= lower.count(unit) * (count_cased(unit) - 1)
        return count

    def _convert_word(self, word: str, lone: LoneCase = "title") -> str:
        lower = self._casing.lower(word)
        # The translate path knows no neighbours: it serves the default reading only.
        if (
            lower not in self._exceptions
            and lone == "title"
            and not self._conditions
            and self._stem_of(lower) is None
        ):
            output = self._translate_word(word, lower)
            if output is not None:
                return output
        return "".join(step.output for step in self._steps(word, lone))

    def _scanner_for(self, holding: tuple[bool, ...]) -> regex.Pattern[str] | None:
        """The scanner of the rules whose word conditions are those that hold, and of the
        several-letter keys; None where there are neither.

        A place where nothing matches is one letter: its key in the map, or itself.
        The same pattern tells whether a word needs the rules at all.
        """
        if holding in self._scanners:
            return self._scanners[holding]
        alternatives = [
            f"(?P<r{index}>{pattern})"
            for index, (rule, pattern) in enumerate(
                zip(self._rules, self._rule_regexes, strict=True)
            )
            if self._holds(rule, holding)
        ]
        keys = sorted((key for key in self._letter_map if len(key) > 1), key=len, reverse=True)
        if keys:
            alternatives.append("(?P<m>" + "|".join(map(regex.escape, keys)) + ")")
        scanner = regex.compile("|".join(alternatives)) if alternatives else None
        self._scanners[holding] = scanner
        return scanner

    def _holds(self, rule: Rule, holding: tuple[bool, ...]) -> bool:
        if not rule.word_has and not rule.word_lacks:
            return True
        return holding[self._conditions.index((rule.word_has, rule.word_lacks))]

    def _word_conditions(self, lower: str) -> tuple[bool, ...]:
        """Which of the table's word conditions hold for a (lower-case) word."""
        letters = set(lower)
        return tuple(
            (not has or not letters.isdisjoint(has)) and letters.isdisjoint(lacks)
            for has, lacks in self._conditions
        )

    def _stem_of(self, lower: str) -> str | None:
        """The longest stem the word begins with, if any."""
        stems = self._stems
        for length in range(min(len(lower), self._longest_stem), 0, -1):
            if lower[:length] in stems:
                return lower[:length]
        return None

    def _stem_origin(self, stem: str) -> str:
        """``stems.…`` for the table's own stem, ``file:line`` for the lexicon's."""
        rule = self._table_stems.get(stem)
        return (
            rule.origin if rule is not None else self._lexicon.origin(self._lexicon.stems[stem][1])
        )

    def _exception_origin(self, word: str) -> str:
        """``exceptions.…`` for the table's own word, ``file:line`` for the lexicon's."""
        if word in self._own_exceptions:
            return f"exceptions.{word}"
        return self._lexicon.origin(self._lexicon.words[word][1])

    def _translate_word(self, word: str, lower: str) -> str | None:
        """The word's output by ``str.translate``, or None where only the scanner knows.

        Gives the scanner's result for the words it accepts: no rule or
        several-letter key matches, and the word is lower case, or Title case or
        all capitals with two or more cased letters and only letters of the map.
        """
        scanner = self._scanner_for(self._no_conditions)
        if scanner is not None and scanner.search(lower):
            return None
        if word == lower:
            return lower.translate(self._lower_table)
        if count_cased(word) < 2 or not self._known.issuperset(lower):
            return None
        if not any(char.islower() for char in word):
            return lower.translate(self._upper_table)
        if word[1:] == lower[1:]:
            first = self._letter_map[lower[0]]
            if count_cased(first) > 1 and first not in self._units:
                first = self._casing.title(first)
            else:
                first = self._casing.upper(first)
            return first + lower[1:].translate(self._lower_table)
        return None

    def _steps(self, word: str, lone: LoneCase) -> Iterator[Step]:
        lower = self._casing.lower(word)
        exception = self._exceptions.get(lower)
        if exception is not None:
            yield Step(word, self._case_word(exception, word, lone), self._exception_origin(lower))
            return
        rules, letter_map = self._rules, self._letter_map
        cased = [char for char in word if is_cased(char)]
        capitals = (self._cased_letters(word), all(char.isupper() for char in cased))
        holding = self._no_conditions
        if self._conditions:
            holding = self._word_conditions(lower)
            for prefix in self._prefixes:
                if self._holds(prefix, holding):
                    yield Step("", prefix.output, prefix.origin)
        scanner = self._scanner_for(holding)
        stem = self._stem_of(lower)
        start = 0
        if stem is not None:
            start = len(stem)
            output = self._case(self._stems[stem], word, 0, start, lone, capitals)
            yield Step(word[:start], output, self._stem_origin(stem))
        matches = scanner.finditer(lower, start) if scanner is not None else ()
        for match in matches:
            found, end = match.span()
            yield from self._letter_steps(word, lower, start, found, lone, capitals)
            if match.lastgroup == "m":
                key = match.group()
                output, origin = letter_map[key], f"map.{key}"
            else:
                rule = _rule_of(rules, match)
                output, origin = rule.output, rule.origin
            yield Step(
                word[found:end], self._case(output, word, found, end, lone, capitals), origin
            )
            start = end
        yield from self._letter_steps(word, lower, start, len(word), lone, capitals)

    def _letter_steps(
        self,
        word: str,
        lower: str,
        start: int,
        end: int,
        lone: LoneCase,
        capitals: tuple[int, bool],
    ) -> Iterator[Step]:
        """Steps of letters no rule or several-letter key reads: each by the map, or kept."""
        for index in range(start, end):
            key = lower[index]
            output = self._letter_map.get(key)
            if output is None:
                yield Step(word[index], word[index], "")
            else:
                case = self._case(output, word, index, index + 1, lone, capitals)
                yield Step(word[index], case, f"map.{key}")

    def _case(
        self,
        output: str,
        word: str,
        start: int,
        end: int,
        lone: LoneCase,
        capitals: tuple[int, bool],
    ) -> str:
        """Give ``output`` the case of ``word[start:end]``, the source it replaces.

        ``capitals`` is how many cased letters the word has, and whether all are
        capitals: counted once per word, so many uncased letters cost no rescan.

        - Lower-case source: the output as the table has it.
        - A capital whose output has at most one cased letter: capitals.
        - Several source letters: all capitals stay capitals, else Title case.
        - One capital with a longer output (Ш → sh): capitals inside a run of
          capitals, that is when the cased letter before or after it in the word
          is a capital (ШАҲАР, АҚШга → SHAHAR, AQSHga); Title case when both are
          lower case or absent on one side (Шаҳар → Shahar); a one-letter word
          takes ``lone``.
        - Source without case (ʺ, ʼ): capitals when the word's other cased letters
          are two or more capitals (``OBʺEKT`` goes back to ``ОБЪЕКТ``); with one
          capital or none, the word's case is ambiguous and ``lone`` decides.
        """
        source = word[start:end]
        first = next((char for char in source if is_cased(char)), None)
        if first is None:
            if not count_cased(output):
                return output
            # The source has no cased letter, so the word's cased letters are all others.
            count, all_capitals = capitals
            if count <= 1:
                all_capitals = all_capitals and lone == "upper"
            return self._casing.upper(output) if all_capitals else output
        if not first.isupper():
            return output
        if count_cased(output) <= 1 or output in self._units:
            return self._casing.upper(output)
        cased = [char for char in source if is_cased(char)]
        if len(cased) > 1:
            all_capitals = all(char.isupper() for char in cased)
            return self._casing.upper(output) if all_capitals else self._casing.title(output)
        neighbours = [c for c in (_cased_before(word, start), _cased_after(word, end)) if c]
        in_run = any(c.isupper() for c in neighbours) if neighbours else lone == "upper"
        return self._casing.upper(output) if in_run else self._casing.title(output)

    def _case_word(self, output: str, word: str, lone: LoneCase) -> str:
        """Give a whole-word output the case pattern of its source word."""
        cased = [char for char in word if is_cased(char)]
        if not cased or not cased[0].isupper():
            return output
        if all(char.isupper() for char in cased) and (len(cased) > 1 or lone == "upper"):
            return self._casing.upper(output)
        return self._casing.title(output)


def _split_spans(spans: regex.Pattern[str], text: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each with whether it is a protected span."""
    pieces: list[tuple[str, bool]] = []
    end = 0
    for match in spans.finditer(text):
        pieces += [(text[end : match.start()], False), (match.group(), True)]
        end = match.end()
    pieces.append((text[end:], False))
    return pieces


def _rule_of(rules: tuple[Rule, ...], match: regex.Match[str]) -> Rule:
    """The rule whose group (``r3``, ``n0``: a letter and the rule's index) matched."""
    return rules[int(str(match.lastgroup)[1:])]


def _rule_regex(rule: Rule, classes: dict[str, tuple[str, ...]], word_chars: WordChars) -> str:
    """A regex for a rule: its match, with its contexts as lookarounds."""
    pattern = notation.to_regex(notation.parse(rule.match), classes, "match", word_chars)
    if rule.before:
        looks = [
            "(?<=" + notation.to_regex(notation.parse(c), classes, "before", word_chars) + ")"
            for c in rule.before
        ]
        pattern = "(?:" + "|".join(looks) + ")" + pattern
    if rule.after:
        looks = [
            "(?=" + notation.to_regex(notation.parse(c), classes, "after", word_chars) + ")"
            for c in rule.after
        ]
        pattern += "(?:" + "|".join(looks) + ")"
    return pattern


def _first_characters(rules: tuple[Rule, ...], classes: dict[str, tuple[str, ...]]) -> set[str]:
    """Every character a match of one of ``rules`` can begin with."""
    first: set[str] = set()
    for rule in rules:
        item = notation.parse(rule.match)[0]
        if isinstance(item, notation.Letter):
            first.add(item.text)
        elif isinstance(item, notation.ClassRef) and item.name in classes:
            first |= {member[0] for member in classes[item.name]}
        else:
            return set()  # an open class such as {letter}: no cheap test
    return first


def _joiners(direction: Direction, classes: dict[str, tuple[str, ...]]) -> str:
    """A character-class body of the signs the direction's normalize rules read as letters.

    Between two letters such a sign is part of a word (" in Pod"jačevo), so a
    span that must be a whole word cannot end or begin next to it.
    """
    chars = _normalize_reads(direction, classes)
    signs = sorted(char for char in chars if unicodedata2.category(char)[0] not in "LM")
    return notation.class_body(signs)


def _normalize_reads(direction: Direction, classes: dict[str, tuple[str, ...]]) -> set[str]:
    """Every character a normalize rule of the direction can match."""
    chars: set[str] = set()
    for rule in direction.normalize:
        for item in notation.parse(rule.match):
            if isinstance(item, notation.Letter):
                chars.update(item.text)
            elif isinstance(item, notation.ClassRef):
                chars.update(char for member in classes.get(item.name, ()) for char in member)
    return chars


def _cased_before(word: str, start: int) -> str | None:
    for index in range(start - 1, -1, -1):
        if is_cased(word[index]):
            return word[index]
    return None


def _cased_after(word: str, end: int) -> str | None:
    for index in range(end, len(word)):
        if is_cased(word[index]):
            return word[index]
    return None


def _word_case(word: str) -> LoneCase | None:
    """``upper`` or ``title`` for a word of two or more cased letters, else None."""
    cased = [char for char in word if is_cased(char)]
    if len(cased) < 2:
        return None
    return "upper" if all(char.isupper() for char in cased) else "title"
