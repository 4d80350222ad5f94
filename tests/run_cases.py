"""Runs `python -m generator check` on many files in one process, for the hostile-input test.

Usage: python -m tests.run_cases FILE... prints one JSON line per file with its exit code and
what it wrote. Each file gets at most SECONDS; the caller sets the memory limit. A traceback
from our code is caught and reported as text, so the test sees it.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import traceback

from generator.cli import main

SECONDS = 20


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError(f"took more than {SECONDS} s")


def run(path: str) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", path])
    except BaseException:  # report everything, a hang and a crash included
        code = -1
        err.write(traceback.format_exc())
    finally:
        signal.alarm(0)
    return {"case": path, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(json.dumps(run(name)), flush=True)
