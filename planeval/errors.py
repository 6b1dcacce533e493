"""Error hierarchy. Every error a user can cause is an :class:`InputError` (exit code 2)."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes, the contract with CI systems."""

    OK = 0  #: no failing finding of error severity
    FAILURES = 1  #: at least one failing finding of error severity (or, for diff, new failures)
    INPUT_ERROR = 2  #: unreadable plan, bad rule set, nothing recognised, bad option
    INTERNAL_ERROR = 3  #: a bug in planeval


class PlanevalError(Exception):
    """Base class of planeval's own errors."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(PlanevalError):
    """Bad input: a file that cannot be read or understood, a bad rule set, a bad option."""

    exit_code = ExitCode.INPUT_ERROR


class LimitExceeded(InputError):
    """A plan over one of the configurable limits (:mod:`planeval.perf`): time, entities, nesting, curve points, text.

    ``limit`` names the limit (``time-limit``, ``max-entities``, …); the message says how to raise it.
    """

    def __init__(self, message: str, path: str | Path | None = None, *, limit: str = "") -> None:
        super().__init__(message, path)
        self.limit = limit


class InternalError(PlanevalError):
    """Something planeval should have handled (a bug)."""

    exit_code = ExitCode.INTERNAL_ERROR
