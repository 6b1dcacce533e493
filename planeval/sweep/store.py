"""Where sweep results go: one DuckDB file (default), or a folder of Parquet or CSV files.

Both hold the tables of :mod:`planeval.sweep.tables`. Results are written plan by plan as they
arrive, so an interrupted sweep keeps what it finished, and :meth:`Store.done` tells a re-run which
(plan sha256, variant id) pairs to skip. A Parquet/CSV folder is kept in an in-memory DuckDB and
exported (atomically, file by file) every ``flush_seconds`` and at the end; it is read back on resume.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planeval.errors import InputError
from planeval.sweep.tables import KEYS, TABLES

__all__ = ["Store", "open_store", "FORMATS", "connect_results"]

FORMATS = ("duckdb", "parquet", "csv")
_CHUNK = 400


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency
        raise InputError("sweeps need the duckdb package: pip install duckdb") from None
    return duckdb


def _create(con: Any) -> None:
    for table, cols in TABLES.items():
        key = KEYS.get(table)
        pk = f", PRIMARY KEY ({', '.join(key)})" if key else ""
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{c} {t}' for c, t in cols)}{pk})")


def _check_schema(con: Any, where: Path) -> None:
    for table, cols in TABLES.items():
        sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position"
        have = [r[0] for r in con.execute(sql, [table]).fetchall()]
        if have and have != [c for c, _ in cols]:
            raise InputError(f"table '{table}' has other columns than this planeval writes (results of another version?)", where)


def _finite(rows: list[dict[str, Any]]) -> bool:
    return all(math.isfinite(v) for r in rows for v in r.values() if isinstance(v, float))


@dataclass(frozen=True)
class Packed:
    """One table's rows ready to insert: as newline-delimited JSON (UTF-8) when every float in them
    is finite, else the rows themselves (NaN and infinity are bound as parameters). A sweep worker
    packs its rows, so the parent process only hands the text to DuckDB — with two workers on two
    cores the parent's own CPU time competes with theirs."""

    count: int
    ndjson: bytes | None
    rows: tuple[dict[str, Any], ...] = ()


def pack(table: str, rows: Iterable[dict[str, Any]]) -> Packed:
    """``rows`` of ``table`` as a :class:`Packed`."""
    rows = list(rows)
    if not rows or not _finite(rows):
        return Packed(len(rows), None, tuple(rows))
    cols = [c for c, _ in TABLES[table]]
    text = "".join(json.dumps({c: r.get(c) for c in cols}, ensure_ascii=False) + "\n" for r in rows)
    return Packed(len(rows), text.encode("utf-8", "replace"))


def insert(con: Any, table: str, rows: Iterable[dict[str, Any]] | Packed) -> int:
    """Insert rows (dicts with the table's columns, or a :class:`Packed`); duplicate keys are ignored.

    Rows go through a newline-delimited JSON file that DuckDB reads with the table's column types
    (ten times faster than bound parameters); rows holding NaN or infinity (which JSON cannot
    carry) are bound as parameters instead.
    """
    packed = rows if isinstance(rows, Packed) else pack(table, rows)
    if not packed.count:
        return 0
    cols = [c for c, _ in TABLES[table]]
    verb = "INSERT OR IGNORE" if table in KEYS else "INSERT"
    if packed.ndjson is not None:
        fd, tmp = tempfile.mkstemp(prefix="planeval-sweep-", suffix=".ndjson")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(packed.ndjson)
            types = ", ".join(f"'{c}': '{t}'" for c, t in TABLES[table])
            con.execute(f"{verb} INTO {table} SELECT {', '.join(cols)} FROM read_json('{_quote(Path(tmp))}', "
                        f"format = 'newline_delimited', columns = {{{types}}})")
        finally:
            os.unlink(tmp)
        return packed.count
    rows = list(packed.rows)
    for k in range(0, len(rows), _CHUNK):
        part = rows[k:k + _CHUNK]
        one = "(" + ",".join("?" * len(cols)) + ")"
        con.execute(f"{verb} INTO {table} VALUES " + ",".join([one] * len(part)), [r.get(c) for r in part for c in cols])
    return len(rows)


class Store:
    """A results store; use :func:`open_store`."""

    def __init__(self, con: Any, fmt: str, target: Path, flush_seconds: float = 30.0) -> None:
        self.con = con
        self.fmt = fmt
        self.target = target
        self.flush_seconds = flush_seconds
        self._flushed = time.monotonic()

    def done(self) -> set[tuple[str, str]]:
        """(plan sha256, variant id) pairs already judged."""
        return {(s, v) for s, v in self.con.execute("SELECT sha256, variant_id FROM runs").fetchall()}

    def check_settings(self, settings: dict[str, str]) -> None:
        """Keep the judging settings that are not part of a variant's id (the minimum recognition grade,
        the reading options) with the results; a resumed sweep under other settings is refused, since the
        (plan, variant) pairs it would skip were judged differently."""
        have = dict(self.con.execute("SELECT setting, value FROM settings").fetchall())
        runs = self.con.execute("SELECT count(*) FROM runs").fetchone()[0]
        other = sorted(k for k, v in settings.items() if k in have and have[k] != v)
        if other and runs:
            said = ", ".join(f"{k} {have[k]} (now {settings[k]})" for k in other)
            raise InputError(f"these results were judged with {said}: resume with the same settings, or write to "
                             f"another --out", self.target)
        self.con.execute("DELETE FROM settings")
        insert(self.con, "settings", [{"setting": k, "value": v} for k, v in sorted(settings.items())])

    def add_variants(self, variants: Iterable[Any]) -> None:
        insert(self.con, "variants", [
            {"variant_id": v.id, "ruleset": v.ruleset.name, "base": v.base.name, "base_key": v.base.key, "chain": v.chain_json,
             "params": v.params_json} for v in variants])

    def add(self, result: Any) -> None:
        """One plan's result: its rows, or its error (replacing an error of an earlier attempt)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM errors WHERE plan = ? OR sha256 = ?", [result.path, result.sha256])
            if result.error is not None:
                insert(self.con, "errors", [result.error])
            for table in ("runs", "findings", "areas", "critical", "shrink", "unit_access"):
                got = result.packed.get(table) if getattr(result, "packed", None) else None
                insert(self.con, table, got if got is not None else result.rows.get(table, []))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        if self.fmt != "duckdb" and time.monotonic() - self._flushed > self.flush_seconds:
            self.flush()

    def set_building(self, rows: list[dict[str, Any]]) -> None:
        """The ``building`` rows of one building, replacing those an earlier run wrote for it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for r in rows:
                self.con.execute("DELETE FROM building WHERE building = ? AND sha256s = ? AND variant_id = ?",
                                 [r["building"], r["sha256s"], r["variant_id"]])
            insert(self.con, "building", rows)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def add_error(self, error: dict[str, Any]) -> None:
        self.con.execute("DELETE FROM errors WHERE plan = ?", [error["plan"]])
        insert(self.con, "errors", [error])

    def flush(self) -> None:
        if self.fmt == "duckdb":
            self.con.execute("CHECKPOINT")
            return
        self.target.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            final = self.target / f"{table}.{self.fmt}"
            tmp = self.target / f".{table}.{os.getpid()}.tmp.{self.fmt}"
            opts = "FORMAT parquet" if self.fmt == "parquet" else "FORMAT csv, HEADER true"
            self.con.execute(f"COPY (SELECT * FROM {table}) TO '{_quote(tmp)}' ({opts})")
            os.replace(tmp, final)
        self._flushed = time.monotonic()

    def close(self) -> None:
        self.flush()
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _quote(p: Path) -> str:
    return str(p).replace("'", "''")


def _read_back(con: Any, folder: Path, fmt: str) -> None:
    for table, cols in TABLES.items():
        f = folder / f"{table}.{fmt}"
        if not f.is_file():
            continue
        names = ", ".join(c for c, _ in cols)
        if fmt == "parquet":
            src = f"read_parquet('{_quote(f)}')"
        else:
            types = ", ".join(f"'{c}': '{t}'" for c, t in cols)
            src = f"read_csv('{_quote(f)}', header = true, allow_quoted_nulls = false, columns = {{{types}}})"
        try:
            con.execute(f"INSERT INTO {table} SELECT {names} FROM {src}")
        except Exception as exc:  # noqa: BLE001 - a foreign or damaged file: one line naming it
            why = str(exc).splitlines()[0] if str(exc) else ""
            raise InputError(f"cannot read back the results table ({type(exc).__name__}: {why})", f) from None


def open_store(out: str | Path, fmt: str = "duckdb") -> Store:
    """Open (creating or resuming) the results at ``out``: a .duckdb file, or a folder for parquet/csv."""
    if fmt not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, got '{fmt}'")
    duckdb = _duckdb()
    target = Path(out)
    if fmt == "duckdb":
        if target.is_dir():
            raise InputError("--out is a directory; DuckDB results are one file (or use --format parquet|csv)", target)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(target))
        except Exception as exc:  # noqa: BLE001 - not a DuckDB file, locked by another sweep…
            raise InputError(f"cannot open the results database ({str(exc).splitlines()[0]})", target) from None
        _check_schema(con, target)
        _create(con)
        return Store(con, fmt, target)
    if target.exists() and not target.is_dir():
        raise InputError(f"--format {fmt} writes a folder of tables; --out names a file", target)
    con = duckdb.connect(":memory:")
    _create(con)
    if target.is_dir():
        _read_back(con, target, fmt)
    return Store(con, fmt, target)


def connect_results(path: str | Path) -> Any:
    """A read-only DuckDB connection to sweep results: a .duckdb file or a folder of parquet/csv tables."""
    duckdb = _duckdb()
    p = Path(path)
    if not p.exists():
        raise InputError("sweep results not found", p)
    if p.is_file():
        try:
            con = duckdb.connect(str(p), read_only=True)
        except Exception as exc:  # noqa: BLE001
            raise InputError(f"not a DuckDB results file ({str(exc).splitlines()[0]})", p) from None
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "runs" not in tables:
            raise InputError("not sweep results: no 'runs' table", p)
        for table, cols in TABLES.items():  # results of an older sweep: the tables it did not write are empty
            if table not in tables:
                con.execute(f"CREATE TEMP TABLE {table} ({', '.join(f'{c} {t}' for c, t in cols)})")
        return con
    fmt = "parquet" if (p / "runs.parquet").is_file() else "csv" if (p / "runs.csv").is_file() else None
    if fmt is None:
        raise InputError("no runs.parquet or runs.csv in this folder: not sweep results", p)
    con = duckdb.connect(":memory:")
    _create(con)
    _read_back(con, p, fmt)
    return con
