"""The state directory: created, marked, and refused where a collection build would pack it.

A state dir holds the SSH host's private key, an inventory with the lab password, RPC logs and
the emulator's pid and options. `mxsim up --state-dir .mxsim2` inside a collection once put all of
that into `ansible-galaxy collection build`'s tarball (galaxy.yml's build_ignore named only .mxsim).
So `prepare` refuses a state dir that the build of any enclosing collection (a directory with a
galaxy.yml) would pack, with the fix in the message, and writes MARKER into every state dir it
accepts: tools/package_check.py fails on a tarball holding that file, whatever else got past.

Imports nothing from mxsim (it sits at the bottom of the emulator's layers).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import yaml

MARKER = ".mxsim-state"
MARKER_TEXT = (
    "This directory is an mxsim state directory: SSH host key, inventory with the lab password, RPC logs.\n"
    "It must never be packed or committed; tools/package_check.py fails on a tarball holding this file.\n"
)
# What `ansible-galaxy collection build` leaves out whatever galaxy.yml says (ansible-core 2.19).
_ALWAYS_IGNORED = ("MANIFEST.json", "FILES.json", "galaxy.yml", "galaxy.yaml", ".git", "*.pyc", "*.retry",
                   "tests/output")
_IGNORED_DIR_NAMES = frozenset({"CVS", ".bzr", ".hg", ".git", ".svn", "__pycache__", ".tox"})


class StateDirError(ValueError):
    """A state directory mxsim will not use (the CLI prints it as `mxsim up: ...`)."""


def prepare(state_dir: Path) -> Path:
    """Create ``state_dir`` (parents too) and mark it; StateDirError if a collection build would pack it."""
    state_dir = Path(state_dir).resolve()
    galaxy = packed_by(state_dir)
    if galaxy is not None:
        relative = state_dir.relative_to(galaxy.parent).as_posix()
        raise StateDirError(
            f"state dir {state_dir} is inside the collection of {galaxy}, and `ansible-galaxy collection build` "
            f"would pack it (its SSH host key, the inventory with the lab password, the RPC logs). Use a directory "
            f"outside the collection, or .mxsim, or add {relative} to build_ignore in {galaxy.name}."
        )
    state_dir.mkdir(parents=True, exist_ok=True)
    marker = state_dir / MARKER
    if not marker.exists():
        marker.write_text(MARKER_TEXT)
    return state_dir


def packed_by(state_dir: Path) -> Path | None:
    """The galaxy.yml of an enclosing collection whose build would pack ``state_dir``, else None."""
    state_dir = Path(state_dir).resolve()
    for root in state_dir.parents:
        for name in ("galaxy.yml", "galaxy.yaml"):
            galaxy = root / name
            if galaxy.is_file() and not _ignored(state_dir.relative_to(root), _build_ignore(galaxy)):
                return galaxy
    return None


def _build_ignore(galaxy: Path) -> list[str] | None:
    """galaxy.yml's build_ignore patterns; None when they cannot be known (unreadable, or a manifest)."""
    try:
        data = yaml.safe_load(galaxy.read_text()) or {}
    except (OSError, UnicodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict) or data.get("manifest") is not None:
        return None  # manifest directives replace build_ignore; not evaluated here, so taken as packing
    patterns = data.get("build_ignore") or []
    return [str(p) for p in patterns] if isinstance(patterns, list) else None


def _ignored(relative: Path, patterns: list[str] | None) -> bool:
    """Whether the build skips ``relative`` (a directory): the build skips a directory, and so all below
    it, when its name is a version-control or cache name or its path matches a pattern."""
    if patterns is None:
        return False
    patterns = list(_ALWAYS_IGNORED) + patterns
    parts = relative.parts
    for depth in range(1, len(parts) + 1):
        path = "/".join(parts[:depth])
        if parts[depth - 1] in _IGNORED_DIR_NAMES or any(fnmatch.fnmatchcase(path, p) for p in patterns):
            return True
    return False
