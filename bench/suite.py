"""The figure for the test command (issue 17, target: at most 120 s wall on a quiet 2-core
machine): clones the project into a temp folder (a fresh clone: no .venv, no node_modules,
no caches), runs its bin/test there and prints the wall time and the CPU time.

CPU time is the user + system time of every process bin/test waited for (Python, node,
mypy, MkDocs builds, nginx), plus Chromium's, which Playwright never reaps into that count:
Chromium's processes are sampled from /proc twice a second (a lower bound). The load average
at the start says how quiet the machine was. Nothing here fails a test.

Usage: bench/run --suite [--ref REF] [--keep] [-- PYTEST ARGS]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, str, float, str]]:
    """pid -> (parent pid, name, own CPU seconds, start time) of every process."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK
        found[int(entry)] = (int(fields[1]), name, cpu, fields[19])
    return found


class ChromiumCpu:
    """Samples the own CPU time of every Chromium process below ``root`` until stopped."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[tuple[int, str], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChromiumCpu:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            table = _processes()
            below = {self.root}
            changed = True
            while changed:
                changed = False
                for pid, (parent, _, _, _) in table.items():
                    if parent in below and pid not in below:
                        below.add(pid)
                        changed = True
            for pid in below - {self.root}:
                _, name, cpu, start = table[pid]
                if "chrom" in name.lower():
                    self.seen[(pid, start)] = max(cpu, self.seen.get((pid, start), 0.0))

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def suite(ref: str, keep: bool, pytest_args: list[str]) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="coop-suite-"))
    clone = work / "coop-portal"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", ref], check=True)
    commit = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))
    )
    guide = ROOT.parent / "shared" / "reference"
    if "COOP_REFERENCE_DIR" not in env and guide.exists():
        env["COOP_REFERENCE_DIR"] = str(guide)  # the clone's ../shared/ is not there
    load = os.getloadavg()
    when = datetime.now(UTC).isoformat(timespec="seconds")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    log = work / "bin-test.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            ["bin/test", *pytest_args], cwd=clone, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        with ChromiumCpu(process.pid) as chromium:
            returncode = process.wait()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    text = log.read_text(encoding="utf-8", errors="replace")
    summary = re.findall(r"^=+ (.*(?:passed|failed|error).*) =+$", text, re.MULTILINE)
    figures = {
        "started": when,
        "commit": commit,
        "returncode": returncode,
        "wall_s": round(wall, 1),
        "cpu_waited_s": round(
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1
        ),
        "cpu_chromium_s": round(chromium.seconds, 1),
        "load_average_at_start": [round(x, 2) for x in load],
        "cores": os.cpu_count(),
        "pytest": summary[-1] if summary else "",
        "log": str(log) if keep else "",
    }
    if returncode != 0:
        print(text[-6000:], file=sys.stderr)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--suite", action="store_true", help="(how bench/run picks this)")
    parser.add_argument("--ref", default="HEAD", help="the commit to clone and test")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its log")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed on to pytest")
    args = parser.parse_args()
    figures = suite(args.ref, args.keep, args.pytest_args)
    cpu = figures["cpu_waited_s"] + figures["cpu_chromium_s"]
    load = ", ".join(f"{x:.2f}" for x in figures["load_average_at_start"])
    print(
        f"bin/test on a fresh clone of {figures['commit']}: {figures['wall_s']:.0f} s wall "
        f"(target <= 120 s on a quiet 2-core machine), CPU {cpu:.0f} s "
        f"({figures['cpu_waited_s']:.0f} s waited-for processes + "
        f"{figures['cpu_chromium_s']:.0f} s Chromium, sampled)\n"
        f"exit {figures['returncode']}; {figures['pytest']}; "
        f"load average at start {load} on {figures['cores']} cores"
    )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"suite-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"Figures written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
