"""Find rules that can never apply because an earlier rule always wins.

Rules are tried in order at each position and the first that matches wins,
so a later rule is dead when an earlier one matches wherever it would: the
earlier match is a prefix of the later one, and the earlier contexts hold in
every context the later rule accepts. Contexts are expanded into the finite
set of strings they accept (``#`` kept as a marker), and compared as suffixes
(before) and prefixes (after).

>>> from translit.table.model import Rule
>>> covers(Rule("ц", "s"), Rule("ца", "sa"), {})
True
>>> covers(Rule("ц", "ts", before=("{v}",)), Rule("ц", "x", before=("а",)), {"v": ("а", "о")})
True
>>> covers(Rule("ц", "ts", before=("а",)), Rule("ц", "x", before=("{v}",)), {"v": ("а", "о")})
False
"""

from __future__ import annotations

from itertools import product

from translit.table import notation
from translit.table.model import Rule

EDGE = "\x00"  # stands for '#' in expanded contexts

#: Past this many strings a context is not expanded, and no rule is called dead.
EXPANSION_LIMIT = 5_000


def covers(earlier: Rule, later: Rule, classes: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``earlier`` applies everywhere ``later`` would, so ``later`` never fires."""
    if not later.match.startswith(earlier.match):
        return False
    rest = later.match[len(earlier.match) :]
    return _before_covered(earlier.before, later.before, classes) and _after_covered(
        earlier.after, later.after, rest, classes
    )


def _before_covered(
    earlier: tuple[str, ...], later: tuple[str, ...], classes: dict[str, tuple[str, ...]]
) -> bool:
    if not earlier:
        return True
    needed, offered = _expand(earlier, classes), _expand(later, classes)
    if not later or needed is None or offered is None:
        return False
    return all(any(text.endswith(need) for need in needed) for text in offered)


def _after_covered(
    earlier: tuple[str, ...],
    later: tuple[str, ...],
    rest: str,
    classes: dict[str, tuple[str, ...]],
) -> bool:
    if not earlier:
        return True
    needed = _expand(earlier, classes)
    offered = {rest} if not later else _expand(later, classes)
    if needed is None or offered is None:
        return False
    if later:
        offered = {rest + text for text in offered}
    return all(any(text.startswith(need) for need in needed) for text in offered)


def _expand(contexts: tuple[str, ...], classes: dict[str, tuple[str, ...]]) -> set[str] | None:
    """Every string a list of context alternatives accepts, or None if too many or open."""
    found: set[str] = set()
    for context in contexts:
        choices: list[tuple[str, ...]] = []
        for item in notation.parse(context):
            if isinstance(item, notation.Edge):
                choices.append((EDGE,))
            elif isinstance(item, notation.Letter):
                choices.append((item.text,))
            elif item.name in classes:
                choices.append(classes[item.name])
            else:
                return None  # a built-in class such as {letter} is open-ended
        size = 1
        for choice in choices:
            size *= len(choice)
        if size + len(found) > EXPANSION_LIMIT:
            return None
        found |= {"".join(parts) for parts in product(*choices)}
    return found
