"""Which of many intervals covers a point or a span, in O(log n) per question: added in the order
of their starts, those that start at or before the question are a prefix, and the first whose
end reaches it is found on the running maximum of their ends."""

from __future__ import annotations

import bisect
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Intervals ``[start, end]`` with an item each, added with non-decreasing starts."""

    __slots__ = ("items", "reach", "starts")

    def __init__(self) -> None:
        self.items: list[T] = []
        self.starts: list[int] = []
        self.reach: list[int] = []  # the largest end up to here

    def add(self, start: int, end: int, item: T) -> None:
        self.items.append(item)
        self.starts.append(start)
        self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def _first(self, low: int, high: int) -> int | None:
        started = bisect.bisect_right(self.starts, low)
        at = bisect.bisect_left(self.reach, high)
        return at if at < started else None

    def covers(self, low: int, high: int) -> bool:
        """Whether one interval has ``start <= low`` and ``end >= high``."""
        return self._first(low, high) is not None

    def first_covering(self, low: int, high: int) -> T | None:
        """The item of the first such interval (in the order added), if any."""
        at = self._first(low, high)
        return self.items[at] if at is not None else None
