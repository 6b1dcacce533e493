"""Reports are written atomically and never over an input."""

from __future__ import annotations

import os

import pytest

from planeval.errors import InputError
from planeval.io import write_atomic


def test_interrupted_write_leaves_the_old_report_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old report", encoding="utf-8")

    def killed(src, dst):  # the process dies between writing the temp file and renaming it
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new report")
    assert target.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_writes_with_the_umask_and_refuses_inputs(tmp_path):
    old = os.umask(0o022)
    try:
        p = write_atomic(tmp_path / "sub" / "r.md", "# ok")
    finally:
        os.umask(old)
    assert p.read_text(encoding="utf-8") == "# ok"
    assert (p.stat().st_mode & 0o777) == 0o644
    plan = tmp_path / "plan.dxf"
    plan.write_text("0\nEOF\n")
    with pytest.raises(InputError, match="over an input"):
        write_atomic(plan, "x", inputs=[str(plan)])
    assert plan.read_text() == "0\nEOF\n"
