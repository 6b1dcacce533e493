"""The memoised measurement context: a plan plus the geometry every check and rule set shares.

``Context(plan)`` holds the plan's lookups and a memo; it measures nothing itself. Measurement
functions (``measure.floor``, ``measure.turning``, ``measure.reach``…) store what they compute under
keys they build themselves from frozen spec objects holding only geometric inputs, so judging
twenty rule-set variants of one plan measures each geometry once. Checks never call
:meth:`Context.memo`. ``stats`` counts computed and reused entries (the "measure once, judge many"
tests read it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from planeval.model.types import Door, Plan, Room

__all__ = ["Context"]


class Context:
    """A plan plus memoised geometry shared by all checks and all rule sets judged on it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._rooms = {r.id: r for r in plan.rooms}
        self._doors = {d.id: d for d in plan.doors}
        self._doors_of: dict[str, list[Door]] | None = None  # room id -> its doors, built on first use
        self._swinging: dict[str, list[Door]] | None = None  # room id -> the doors swinging into it
        self.stats: dict[str, int] = {"computed": 0, "reused": 0}
        self._cache: dict[tuple[Any, ...], Any] = {}

    # -- memo --------------------------------------------------------------------------------
    def memo(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The value stored under ``key``, computed by ``compute()`` the first time (for ``measure`` modules)."""
        if key in self._cache:
            self.stats["reused"] += 1
            return self._cache[key]
        self.stats["computed"] += 1
        value = compute()
        self._cache[key] = value
        return value

    def stored(self, key: tuple[Any, ...]) -> Any:
        """The value stored under ``key`` (by :meth:`memo` or :meth:`store`), None when there is none."""
        value = self._cache.get(key)
        if value is not None:
            self.stats["reused"] += 1
        return value

    def store(self, key: tuple[Any, ...], value: Any) -> None:
        """Store ``value`` under ``key`` unless a value is there already (the first answer stays); the
        caller counts what it computed (``stats["computed"]``)."""
        self._cache.setdefault(key, value)

    # -- lookups -----------------------------------------------------------------------------
    def room(self, rid: str) -> Room:
        return self._rooms[rid]

    def door(self, did: str) -> Door:
        return self._doors[did]

    def rooms(self, functions: Iterable[str] | None = None, *, include_common: bool = False) -> list[Room]:
        fs = set(functions) if functions is not None else None
        return [
            r for r in self.plan.rooms
            if (include_common or not r.common) and (fs is None or fs & set(r.functions))
        ]

    def doors_of(self, rid: str) -> list[Door]:
        """The doors of room ``rid``, in plan order (a fresh list: callers may keep or change it)."""
        if self._doors_of is None:
            by_room: dict[str, list[Door]] = {}
            for d in self.plan.doors:
                for r in dict.fromkeys(d.rooms):  # a door between a room and itself is listed once
                    by_room.setdefault(r, []).append(d)
            self._doors_of = by_room
        return list(self._doors_of.get(rid, ()))

    def doors_swinging_into(self, rid: str) -> list[Door]:
        """The doors whose leaf swings into room ``rid``, in plan order."""
        if self._swinging is None:
            by_room: dict[str, list[Door]] = {}
            for d in self.plan.doors:
                if d.swing_room is not None and d.swing is not None:
                    by_room.setdefault(d.swing_room, []).append(d)
            self._swinging = by_room
        return list(self._swinging.get(rid, ()))
