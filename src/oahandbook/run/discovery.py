"""Finding the config file and matching paths against globs (no pydantic: cheap to import)."""

from __future__ import annotations

import fnmatch
import functools
import re
from pathlib import Path, PurePosixPath

CONFIG_NAMES = (".oahandbook.yaml", ".oahandbook.yml")


def matches(patterns: list[str], rel: str) -> bool:
    return any(glob_match(rel, pattern) for pattern in patterns)


def glob_match(rel: str, pattern: str) -> bool:
    """Glob with ``**`` spanning directories; a pattern without ``/`` matches the file name too,
    and so does what follows a leading ``**/``. In time linear in the path for any pattern (a
    config's globs are matched against every file of a run)."""
    rest = pattern
    while rest.startswith("**/"):
        rest = rest[3:]
    if "/" not in rest and fnmatch.fnmatch(PurePosixPath(rel).name, rest):  # fnmatch cannot backtrack
        return True
    return _compiled(pattern).match(rel)


# Tokens of a full match: ``**/`` any folders (none too), ``**`` anything, ``*`` anything but
# ``/``, ``?`` one character but ``/``; any other character stands for itself (``[`` too).
_FOLDERS, _ANYTHING, _STAR, _ONE = range(4)


def _tokens(pattern: str) -> list[int | str]:
    out: list[int | str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            token: int | str = _FOLDERS
            i += 3
        elif pattern.startswith("**", i):
            token = _ANYTHING
            i += 2
        elif pattern[i] in "*?":
            token = _STAR if pattern[i] == "*" else _ONE
            i += 1
        else:
            token = pattern[i]
            i += 1
        if token in (_FOLDERS, _STAR, _ANYTHING) and out and out[-1] == token:
            continue  # a repeated star means what one does
        out.append(token)
    return out


_REGEX = {_FOLDERS: "(?:.*/)?", _ANYTHING: ".*", _STAR: "[^/]*", _ONE: "[^/]"}


class _Glob:
    """One pattern, compiled. With at most one star a regular expression is linear (it can
    only try each place for that star once); with more, backtracking is exponential, so the
    pattern runs as an automaton instead: the set of tokens reachable after each character,
    its steps remembered per (set, character), so a path costs one lookup per character.

    States are bit masks over tokens: bit ``t`` is "at token t", bit ``n + 1 + t`` is "inside
    the folders of token t" (its ``.*`` before the ``/``); bit ``n`` is the end."""

    _MAX_STEPS = 20_000  # remembered steps per pattern, then forgotten (memory stays bounded)

    def __init__(self, pattern: str) -> None:
        tokens = _tokens(pattern)
        stars = sum(1 for t in tokens if t in (_FOLDERS, _ANYTHING, _STAR))
        self.regex = (
            re.compile("".join(_REGEX[t] if isinstance(t, int) else re.escape(t) for t in tokens), re.S)
            if stars <= 1
            else None
        )
        self.tokens = tokens
        self.letters = {t for t in tokens if isinstance(t, str)} | {"/"}
        self.steps: dict[tuple[int, str | None], int] = {}
        self.start = self._closure(1)

    def match(self, rel: str) -> bool:
        if self.regex is not None:
            return self.regex.fullmatch(rel) is not None
        state, steps, letters = self.start, self.steps, self.letters
        for char in rel:
            key = (state, char if char in letters else None)
            after = steps.get(key)
            if after is None:
                if len(steps) >= self._MAX_STEPS:
                    steps.clear()
                after = steps[key] = self._step(state, key[1])
            state = after
            if not state:
                return False
        return bool(state >> len(self.tokens) & 1)

    def _closure(self, state: int) -> int:
        """``state`` with every token a star lets one skip (and the insides of folders)."""
        n = len(self.tokens)
        for t, token in enumerate(self.tokens):  # stars only skip forwards: one pass suffices
            if state >> t & 1 and token in (_FOLDERS, _ANYTHING, _STAR):
                state |= 1 << (t + 1)
                if token == _FOLDERS:
                    state |= 1 << (n + 1 + t)
        return state

    def _step(self, state: int, char: str | None) -> int:
        """The state after reading ``char`` (None: a character the pattern does not name)."""
        n = len(self.tokens)
        after = 0
        for t, token in enumerate(self.tokens):
            if state >> t & 1:
                if token == char or (token == _ONE and char != "/"):
                    after |= 1 << (t + 1)
                elif token == _ANYTHING or (token == _STAR and char != "/"):
                    after |= 1 << t
            if token == _FOLDERS and state >> (n + 1 + t) & 1:
                after |= 1 << (n + 1 + t)
                if char == "/":
                    after |= 1 << (t + 1)
        return self._closure(after) if after else 0


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> _Glob:
    return _Glob(pattern)


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or its parents, stopping at a git root."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        if (folder / ".git").exists():
            return None
    return None
