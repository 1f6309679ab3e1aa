"""Start the emulator as a detached background process, wait until it serves, stop it.

`up` spawns `python -m mxsim.cli serve` in a new session with its output in STATE_DIR/mxsim.log
and waits on a pipe: the server writes one JSON line when every listener is bound (and the
schema loaded), then `up` returns. The server writes STATE_DIR/mxsim.pid itself.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import statedir
from .control import Control, ControlError
from .options import Options

PID_FILE = "mxsim.pid"
LOG_FILE = "mxsim.log"
OPTIONS_FILE = "options.json"

_children: dict[int, subprocess.Popen[bytes]] = {}


class DaemonError(RuntimeError):
    pass


def read_pid(state_dir: Path) -> int | None:
    try:
        return int((state_dir / PID_FILE).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def running(state_dir: Path) -> int | None:
    pid = read_pid(state_dir)
    return pid if pid is not None and alive(pid) else None


def up(options: Options, timeout: float = 60.0) -> dict[str, Any]:
    """Start (or find running) and return the server's ready report."""
    state_dir = options.state_dir
    statedir.prepare(state_dir)  # refuses a dir a collection build would pack; marks it
    pid = running(state_dir)
    if pid is not None:
        current = json.loads((state_dir / OPTIONS_FILE).read_text())
        wanted = options.to_json()
        differ = sorted(k for k in wanted if k != "owner_pid" and current.get(k) != wanted[k])
        if differ:
            raise DaemonError(
                f"mxsim already runs in {state_dir} (pid {pid}) with other options ({', '.join(differ)}); "
                f"run `mxsim down --state-dir {state_dir}` first"
            )
        return {"pid": pid, "already_running": True, **Control(state_dir).status()}
    r, w = os.pipe()
    log = open(state_dir / LOG_FILE, "ab")
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mxsim.cli",
                "serve",
                "--options-json",
                json.dumps(options.to_json()),
                "--ready-fd",
                str(w),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(w,),
            start_new_session=True,
            close_fds=True,
        )
    finally:
        os.close(w)
        log.close()
    _children[proc.pid] = proc
    data = b""
    try:
        deadline = t0 + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                proc.kill()
                raise DaemonError(f"mxsim did not become ready within {timeout:.0f} s; see {state_dir / LOG_FILE}")
            ready, _, _ = select.select([r], [], [], left)
            if not ready:
                continue
            chunk = os.read(r, 65536)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(r)
    if not data.strip():
        proc.wait(timeout=5)
        raise DaemonError(f"mxsim failed to start (exit {proc.returncode}):\n{_tail(state_dir / LOG_FILE)}")
    report = json.loads(data)
    report["up_seconds"] = round(time.monotonic() - t0, 3)
    return report


def down(state_dir: Path, timeout: float = 15.0) -> bool:
    """Stop the emulator of this state dir and wait for it to exit; False if none was running."""
    pid = running(state_dir)
    if pid is None:
        _cleanup(state_dir)
        return False
    try:
        Control(state_dir, timeout=5).shutdown()
    except (OSError, ControlError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_exit(pid, timeout):
        os.kill(pid, signal.SIGKILL)
        _wait_exit(pid, 5)
    proc = _children.pop(pid, None)
    if proc is not None:
        proc.wait(timeout=5)
    _cleanup(state_dir)
    return True


def _wait_exit(pid: int, timeout: float) -> bool:
    """Wait for the process to exit (pidfd: an event, no polling loop when available)."""
    deadline = time.monotonic() + timeout
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    try:
        while alive(pid):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if fd is not None:
                select.select([fd], [], [], min(left, 0.5))
            else:
                time.sleep(min(left, 0.02))
        return True
    finally:
        if fd is not None:
            os.close(fd)


def _cleanup(state_dir: Path) -> None:
    for name in (PID_FILE, "control.sock"):
        try:
            (state_dir / name).unlink()
        except FileNotFoundError:
            pass


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def write_pid_and_options(options: Options) -> None:
    (options.state_dir / PID_FILE).write_text(f"{os.getpid()}\n")
    (options.state_dir / OPTIONS_FILE).write_text(json.dumps(options.to_json(), indent=2))
