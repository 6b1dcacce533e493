"""The process entry (planeval.cli.entry): the interpreter's teardown is skipped, nothing a run wrote or
registered is lost, and the exit codes are those of a normal exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from planeval.cli import main
from planeval.cli.entry import _status

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dxf" / "korttid-40-aia.dxf"


def python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_a_run_writes_all_of_its_output_and_its_exit_code(monkeypatch):
    """The whole JSON on a pipe (no buffered tail lost to os._exit) and the same report as in-process."""
    args = ["check", str(SAMPLE.relative_to(ROOT)), "--rules", "tek17", "--format", "json"]
    proc = subprocess.run([sys.executable, "-m", "planeval", *args], capture_output=True, timeout=300, cwd=ROOT)
    monkeypatch.chdir(ROOT)
    inproc = CliRunner().invoke(main, args)
    assert proc.returncode == inproc.exit_code
    assert _differences(json.loads(proc.stdout), json.loads(inproc.stdout)) == []
    assert proc.stdout.endswith(b"}\n") and len(proc.stdout) > 10_000


def _differences(a: object, b: object, path: str = "") -> list[str]:
    """Where two JSON values differ (paths), for a readable failure."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in (_differences(a.get(k), b.get(k), f"{path}/{k}") if k in a and k in b
                                                           else [f"{path}/{k}: only in the {'first' if k in a else 'second'}"])]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r:.120} != {b!r:.120}"]


def test_an_input_error_is_one_line_and_exit_code_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "planeval", "inspect", str(tmp_path / "nope.dxf")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "nope.dxf" in proc.stderr and "file not found" in proc.stderr


def test_atexit_handlers_run_and_unflushed_output_is_written(tmp_path):
    r = python("import atexit, sys\n"
               "atexit.register(lambda: print('handler', flush=False))\n"
               "from planeval.cli.entry import end\n"
               "sys.stdout.write('unflushed ')\n"
               "sys.stderr.write('err')\n"
               "end(5)\n", tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (5, "unflushed handler\n", "err")


def test_the_teardown_is_skipped(tmp_path):
    """An object freed only by the interpreter's teardown is not freed: that is the time saved."""
    code = ("class Noisy:\n"
            "    def __del__(self):\n"
            "        print('torn down')\n"
            "keep = Noisy()\n"
            "from planeval.cli.entry import end\n"
            "end({})\n")
    assert python(code.format(0), tmp_path).stdout == ""
    normal = python(code.replace("from planeval.cli.entry import end\nend({})\n", "import sys\nsys.exit(0)\n"), tmp_path)
    assert normal.stdout == "torn down\n"  # the same script with a normal exit: the test can tell the two apart


def test_a_live_thread_keeps_the_normal_exit(tmp_path):
    """A thread still working is waited for, as the interpreter would (os._exit would cut it off)."""
    r = python("import threading, time\n"
               "def late():\n"
               "    time.sleep(0.5)\n"
               "    print('thread done', flush=True)\n"
               "threading.Thread(target=late).start()\n"
               "from planeval.cli.entry import end\n"
               "end(3)\n", tmp_path)
    assert (r.returncode, r.stdout) == (3, "thread done\n")


def test_a_child_process_is_waited_for(tmp_path):
    """A child still working finishes before the process ends (the child lets go of the pipes at once,
    so only the wait can make its file exist when the run returns)."""
    r = python("import multiprocessing as mp, os, time\n"
               "def late():\n"
               "    null = os.open(os.devnull, os.O_WRONLY)\n"
               "    os.dup2(null, 1); os.dup2(null, 2)\n"
               "    time.sleep(0.5)\n"
               "    open('child-done', 'w').close()\n"
               "if __name__ == '__main__':\n"
               "    p = mp.get_context('fork').Process(target=late)\n"
               "    p.start()\n"
               "    from planeval.cli.entry import end\n"
               "    end(4)\n", tmp_path)
    assert r.returncode == 4 and (tmp_path / "child-done").exists()


@pytest.mark.parametrize(("value", "status", "printed"), [(None, 0, ""), (0, 0, ""), (2, 2, ""), (300, 44, ""),
                                                          ("a message", 1, "a message\n")])
def test_exit_status_is_read_as_the_interpreter_reads_it(value, status, printed, capsys):
    assert _status(value) == status
    assert capsys.readouterr().err == printed
