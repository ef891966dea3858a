"""What a loaded table is: plain, immutable data with no behaviour.

:mod:`translit.table.loader` builds these from the TOML files in ``tables/`` and
checks them; :mod:`translit.engine.compiler` turns a :class:`Direction` into a fast
converter. Everything here is lower case: the engine derives upper case.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

# The records are named tuples: the ``dataclasses`` module imports ``inspect`` and makes
# each class with ``exec``, which cost about two thirds of ``import translit``. Their
# dicts are never changed once a table is read, so a default shared by records is safe.

Reversibility = Literal["lossless", "lossy", "none"]
SampleDirection = Literal["forward", "reverse", "both"]


#: Policies every table with ``[policies]`` has: its own choices, the letters left
#: as they are, and an error at the first of them.
BUILTIN_POLICIES = ("default", "keep", "strict")


class Rule(NamedTuple):
    """One context rule: ``match`` becomes ``output`` where the contexts hold.

    ``before`` and ``after`` are alternatives written in the table notation
    (letters, ``{class}``, ``#`` for a word edge); an empty tuple means "any".
    ``origin`` names the rule in the table, e.g. ``rules[2]``.

    >>> Rule("е", "ye", before=("#",), origin="rules[0]").match
    'е'
    """

    match: str
    output: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    note: str = ""
    origin: str = ""
    #: Conditions on the whole word: it holds one of ``word_has`` (when given) and
    #: none of ``word_lacks`` (letters, lower case). Kazakh in the Arabic script
    #: reads ا as ә in a word with the hamza ٴ.
    word_has: str = ""
    word_lacks: str = ""
    #: For a normalize rule: its match stands for a capital (a 1993 Turkmen $ is
    #: Ş), small only after a small letter; otherwise the output takes the match's case.
    capital: bool = False


class Direction(NamedTuple):
    """Everything needed to convert text one way.

    ``normalize`` rules rewrite the whole input before conversion (for example
    folding apostrophe look-alikes); ``rules`` are tried in order at every
    position before the longest ``letter_map`` key; ``exceptions`` are whole
    words with a fixed output; ``stems`` and the ``lexicon`` file's entries
    come between the two.

    >>> Direction(name="forward", letter_map={"а": "a"}).letter_map["а"]
    'a'
    """

    name: Literal["forward", "reverse"]
    letter_map: dict[str, str]
    rules: tuple[Rule, ...] = ()
    exceptions: dict[str, str] = {}  # noqa: RUF012 (a field's default, never changed)
    #: Word beginnings with a fixed output (``[stems]``); the longest one that
    #: begins a word is used, and the rest of the word follows the rules.
    stems: tuple[Rule, ...] = ()
    #: The path of the table's lexicon file, or "" (read when first compiled).
    lexicon: str = ""
    #: Names of the spans left as they are (:mod:`translit.table.spans`): URLs, e-mail …
    protect: tuple[str, ...] = ()
    #: The ISO 15924 code of the direction's input, and the letters of its
    #: alphabet, which decide what a foreign word is.
    script: str = ""
    alphabet: str = ""
    #: Several-letter outputs written as one letter: all capitals for a capital
    #: (ALA-LC's tied pairs: Ц → T͡S, also in Цимлянск → T͡Simli͡ansk).
    capital_units: frozenset[str] = frozenset()
    #: Every letter of the output a capital (a passport's printed form).
    all_capitals: bool = False
    #: Map keys and rule matches whose reading is a guess the table cannot settle
    #: (``ts`` is т + с or ц): a word read with one of them, and not settled by an
    #: exception, stem or lexicon entry, is reported by ``warnings``.
    ambiguous: frozenset[str] = frozenset()
    #: Capitalize the first letter of each sentence and line: for a reverse whose
    #: source script has no case (Arabic), so the Cyrillic is not all small letters.
    capitalize_sentences: bool = False
    #: Outputs written before a word whose conditions hold (``match`` is empty):
    #: the hamza ٴ that marks a front-vowel word in Kazakh Arabic script.
    prefixes: tuple[Rule, ...] = ()
    normalize: tuple[Rule, ...] = ()
    #: Composed letters this direction does not form from a letter written with
    #: separate marks, because the other direction writes that very sequence for
    #: a letter with a mark (ISO 9 gives а + U+0302 as a + U+0302, so the way back
    #: must not read it as â = я).
    keep_decomposed: frozenset[str] = frozenset()


class Policy(NamedTuple):
    """A named choice for the letters a standard leaves open (a table's ``[policies]``).

    Its ``letter_map`` entries replace the forward map's and its ``rules`` are tried
    before the table's own; the way back is the table's.

    >>> Policy("press", "", {"ю": "ıý"}).letter_map["ю"]
    'ıý'
    """

    name: str
    note: str
    letter_map: dict[str, str]
    rules: tuple[Rule, ...] = ()


class Sample(NamedTuple):
    """A test vector carried by the table.

    ``origin`` says where it comes from: ``standard`` (the standard's own
    example), ``reference`` (a published secondary source, named in ``note``)
    or ``rules`` (worked out by hand from the standard's rules).

    >>> Sample("Щука", "Ŝuka", "both", "rules", "").direction
    'both'
    """

    source: str
    target: str
    direction: SampleDirection
    origin: Literal["standard", "reference", "rules"]
    note: str
    #: The policy the sample is converted under ("" for the table's default).
    policy: str = ""


class Table(NamedTuple):
    """One transliteration scheme, as one file in ``tables/`` describes it.

    >>> from translit.table.loader import load_table
    >>> from translit.registry import table_path
    >>> load_table(table_path("ru-iso-9")).reversible
    'lossless'
    """

    id: str
    name: str
    language: str
    source_script: str
    target_script: str
    standard: str
    references: tuple[str, ...]
    reversible: Reversibility
    status: str
    notes: str
    aliases: tuple[str, ...]
    path: str
    #: The tables this one is built on (``extends``), nearest first: ``("ru-iso-9",)``.
    extends: tuple[str, ...]
    #: The lexicon file's path, or "".
    lexicon: str
    #: A checksum of the table's file and every file it extends (cache.digest_of): changes
    #: whenever their content does, so a pickled transliterator can tell a different version.
    digest: str
    classes: dict[str, tuple[str, ...]]
    upper_case: dict[str, str]
    source_alphabet: str
    target_alphabet: str
    forward: Direction
    reverse: Direction | None
    samples: tuple[Sample, ...]
    #: The letters the table's policies decide (``keep`` and ``strict`` act on them).
    policy_letters: str = ""
    policies: dict[str, Policy] = {}  # noqa: RUF012 (a field's default, never changed)


class SchemeInfo(NamedTuple):
    """What :func:`translit.schemes` tells about a scheme.

    >>> import translit
    >>> info = translit.get("ru-iso-9").info
    >>> info.id, info.reversible, info.has_reverse
    ('ru-iso-9', 'lossless', True)
    """

    id: str
    name: str
    language: str
    source_script: str
    target_script: str
    standard: str
    reversible: Reversibility
    has_reverse: bool
    aliases: tuple[str, ...]
    status: str
    references: tuple[str, ...] = ()
    notes: str = ""
    #: Policies a call may name (``policy=``); empty when the table has none.
    policies: tuple[str, ...] = ()

    @classmethod
    def of(cls, table: Table) -> SchemeInfo:
        """Describe a loaded table."""
        return cls(
            id=table.id,
            name=table.name,
            language=table.language,
            source_script=table.source_script,
            target_script=table.target_script,
            standard=table.standard,
            reversible=table.reversible,
            has_reverse=table.reverse is not None,
            aliases=table.aliases,
            status=table.status,
            references=table.references,
            notes=table.notes,
            policies=(*BUILTIN_POLICIES, *table.policies) if table.policy_letters else (),
        )


class Step(NamedTuple):
    """One piece of a conversion, for tests and explanations.

    ``origin`` names what produced ``output`` from ``source``: ``map.ж``,
    ``rules[2]``, ``exceptions.word``, ``reverse.normalize[0]``, or ``""``
    where the text passed through unchanged.

    >>> Step("Ж", "Ž", "map.ж").origin
    'map.ж'
    """

    source: str
    output: str
    origin: str
