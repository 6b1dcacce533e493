"""Diagnostics: everything the reader or the model skipped, guessed or repaired, with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """How much a diagnostic matters to the person reading the output."""

    INFO = "info"  #: a decision worth knowing (profile chosen, units read from the header)
    WARNING = "warning"  #: a guess or a repair that may change results (inferred units, unlabelled room)
    ERROR = "error"  #: something that makes results unreliable (no plausible units, no rooms found)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One thing the reader or the model wants a person to know.

    ``code`` is a stable kebab-case identifier (for filtering and tests), ``message`` a sentence for
    people, ``subject`` the id of the room/door/layer it is about (may be empty), ``count`` how many
    similar cases were folded into this one.
    """

    level: Level
    code: str
    message: str
    subject: str = ""
    count: int = 1

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"level": str(self.level), "code": self.code, "message": self.message}
        if self.subject:
            d["subject"] = self.subject
        if self.count != 1:
            d["count"] = self.count
        return d


class DiagnosticLog:
    """Collects diagnostics while a stage runs; folds repeats of the same code and subject."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str, str], Diagnostic] = {}

    def add(self, level: Level, code: str, message: str, subject: str = "", count: int = 1) -> None:
        key = (code, subject, message)
        old = self._items.get(key)
        if old is None:
            self._items[key] = Diagnostic(level, code, message, subject, count)
        else:
            self._items[key] = Diagnostic(level, code, message, subject, old.count + count)

    def info(self, code: str, message: str, subject: str = "", count: int = 1) -> None:
        self.add(Level.INFO, code, message, subject, count)

    def warning(self, code: str, message: str, subject: str = "", count: int = 1) -> None:
        self.add(Level.WARNING, code, message, subject, count)

    def error(self, code: str, message: str, subject: str = "", count: int = 1) -> None:
        self.add(Level.ERROR, code, message, subject, count)

    def extend(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        for d in diagnostics:
            self.add(d.level, d.code, d.message, d.subject, d.count)

    def freeze(self) -> tuple[Diagnostic, ...]:
        return tuple(self._items.values())
