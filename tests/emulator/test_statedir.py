"""mxsim's state dir: marked, and refused where `ansible-galaxy collection build` would pack it (its
SSH host key, the inventory with the lab password and the RPC logs once shipped in a tarball)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mxsim.statedir import MARKER, StateDirError, packed_by, prepare
from mxsim.testing import free_base_port

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "mxsim.cli"]


def _collection(path: Path, *ignore: str) -> Path:
    path.mkdir(parents=True)
    lines = ["namespace: lab", "name: pair", "version: 1.0.0", "build_ignore:"] + ["  - '%s'" % p for p in ignore]
    (path / "galaxy.yml").write_text("\n".join(lines) + "\n")
    return path


def test_up_refuses_a_state_dir_the_build_would_pack_and_creates_nothing(tmp_path):
    collection = _collection(tmp_path / "collection", ".mxsim")
    state = collection / ".mxsim2"
    proc = subprocess.run(CLI + ["up", "--no-schema", "--state-dir", str(state), "--base-port", str(free_base_port(2))],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "would pack it" in proc.stderr and "build_ignore" in proc.stderr and ".mxsim2" in proc.stderr
    assert not state.exists()


def test_the_repository_s_own_state_dirs_are_accepted_and_others_refused():
    assert packed_by(ROOT / ".mxsim") is None and packed_by(ROOT / ".demo") is None
    assert packed_by(ROOT / ".mxsim-lab") is None          # galaxy.yml's build_ignore has .mxsim*
    assert packed_by(ROOT / "tools" / "state") is None     # tools does not ship
    assert packed_by(ROOT / "playbooks" / "lab") == ROOT / "galaxy.yml"
    assert packed_by(ROOT / "docs" / ".mxsim") == ROOT / "galaxy.yml"   # build_ignore matches from the top


@pytest.mark.parametrize("ignore, where, packed", [
    ((".mxsim",), ".mxsim", False),
    ((".mxsim",), ".mxsim/nested", False),
    ((".mxsim",), ".mxsim2", True),
    (("lab/*",), "lab/state", False),
    (("*.state",), "x.state", False),
    ((), ".git/state", False),                 # the build's own ignores
    ((), "tests/output/state", False),
    ((), "a/__pycache__/state", False),
    ((), "state", True),
])
def test_packed_by_follows_build_ignore(tmp_path, ignore, where, packed):
    collection = _collection(tmp_path / "c", *ignore)
    assert (packed_by(collection / where) == collection / "galaxy.yml") is packed


def test_a_manifest_or_an_unreadable_galaxy_yml_counts_as_packing(tmp_path):
    manifest = tmp_path / "m"
    manifest.mkdir()
    (manifest / "galaxy.yml").write_text("namespace: a\nname: b\nmanifest:\n  directives: [include *]\n")
    assert packed_by(manifest / ".mxsim") == manifest / "galaxy.yml"
    broken = tmp_path / "b"
    broken.mkdir()
    (broken / "galaxy.yml").write_text("build_ignore: [\n")
    assert packed_by(broken / ".mxsim") == broken / "galaxy.yml"


def test_prepare_marks_an_accepted_dir_and_outside_a_collection_anything_goes(tmp_path):
    state = prepare(tmp_path / "a" / "b")
    assert (state / MARKER).read_text().startswith("This directory is an mxsim state directory")
    collection = _collection(tmp_path / "c", "lab")
    assert (prepare(collection / "lab" / "x") / MARKER).exists()
    with pytest.raises(StateDirError, match="add elsewhere to build_ignore in galaxy.yml"):
        prepare(collection / "elsewhere")
    assert not (collection / "elsewhere").exists()


def test_the_test_emulator_s_state_dir_is_marked(mxsim_emulator):
    assert (mxsim_emulator.state_dir / MARKER).is_file()
