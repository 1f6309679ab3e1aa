#!/usr/bin/env python3
"""Create and refresh the project's environment: the one thing `make setup` runs.

Everything the README's two commands need is installed from here, so a fresh machine with only
Python and make gets the same environment as a developer's:

* `.venv/` with the pinned tools of requirements-dev.txt and the emulator (`tools/mxsim`, editable);
* the C library libyang (Debian package) that the YANG schema checks bind to;
* `ansible.netcommon`, `ansible.utils` and `junipernetworks.junos` taken out of the `ansible` wheel
  (Galaxy is unreachable here), next to a symlink that makes this working tree `mxha.srd`
  (`.venv/collections/ansible_collections/...`, which ansible.cfg names), on every venv process'
  sys.path but ansible-galaxy's, which sees the dependencies alone (`.venv/collections-deps`);
* the offline get-pip shim ansible-test needs, and an opt-in ncclient TICK patch (NCCLIENT_TICK).

Re-running is cheap: pip steps are skipped while the inputs' hash is unchanged.
"""
from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
CACHE = ROOT / ".cache"
COLLECTIONS = VENV / "collections"
DEPS_ONLY = VENV / "collections-deps"
ANSIBLE_WHEEL = "ansible==12.3.0"
DEPENDENCY_COLLECTIONS = ("ansible/netcommon", "ansible/utils", "junipernetworks/junos")
STAMP_INPUTS = ("requirements-dev.txt", "tools/bootstrap.py", "tools/mxsim/pyproject.toml")

GET_PIP_SHIM = '''\
"""Offline stand-in for get-pip.py, written by mxha.srd's tools/bootstrap.py.

ensurepip runs in a subprocess: in-process it sets PIP_CONFIG_FILE=/dev/null, which would drop
the site's pip.conf (certificates, index) that ansible-test's stripped environment relies on.
"""
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install", "--upgrade"] + args))
'''

# Only acts in the persistent connection process (or wherever NCCLIENT_TICK is set and asked for):
# ncclient sends queued requests between TICK-second polls, 100 ms by default.
TICK_PTH = (
    "import os, sys; exec(\"if os.environ.get('NCCLIENT_TICK'):\\n"
    " import ncclient.transport.session as _s; _s.TICK = float(os.environ['NCCLIENT_TICK'])\")\n"
)


def log(msg: str) -> None:
    print(f"[setup] {msg}", flush=True)


def run(*cmd: str | os.PathLike, **kw) -> None:
    subprocess.check_call([str(c) for c in cmd], **kw)


def pip(*args: str | os.PathLike) -> None:
    """pip, minus the per-package 'Location ... is ignored' noise some site pip.conf files cause."""
    cmd = [str(venv_python()), "-m", "pip", "--disable-pip-version-check", "-q", *map(str, args)]
    proc = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
    noise = re.compile(r"^WARNING: Location '.*' is ignored")
    sys.stderr.write("".join(line for line in proc.stderr.splitlines(True) if not noise.match(line)))
    if proc.returncode:
        sys.exit(f"[setup] pip {' '.join(map(str, args[:2]))} failed (exit {proc.returncode})")


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_libyang() -> None:
    """The `libyang` Python binding compiles against the C library (Debian: libyang2-dev)."""
    if shutil.which("pkg-config") and subprocess.call(["pkg-config", "--exists", "libyang"]) == 0:
        return
    if os.geteuid() != 0 and not shutil.which("sudo"):
        sys.exit("[setup] libyang (C library) is missing: install Debian's libyang2-dev and pkg-config, then re-run.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    log("installing libyang2-dev, libyang2-tools and pkg-config (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", "libyang2-dev", "libyang2-tools", "pkg-config", env=env,
        stdout=subprocess.DEVNULL)


def inputs_hash() -> str:
    h = hashlib.sha256(sys.version.encode())
    for rel in STAMP_INPUTS:
        p = ROOT / rel
        h.update(rel.encode() + b"\0" + (p.read_bytes() if p.exists() else b""))
    return h.hexdigest()


def ensure_venv() -> None:
    stamp = VENV / ".mxha-setup-stamp"
    want = inputs_hash()
    if stamp.exists() and stamp.read_text() == want and venv_python().exists():
        log(".venv is up to date")
        return
    if not venv_python().exists():
        log("creating .venv")
        run(sys.executable, "-m", "venv", VENV)
    log("installing requirements-dev.txt (pinned)")
    pip("install", "-r", ROOT / "requirements-dev.txt")
    log("installing the emulator (tools/mxsim, editable)")
    pip("install", "--no-deps", "-e", ROOT / "tools" / "mxsim")
    stamp.write_text(want)


def site_packages() -> Path:
    out = subprocess.check_output([venv_python(), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    return Path(out.decode().strip())


def ensure_collections() -> None:
    """Dependency collections from the `ansible` wheel, and this tree linked in as mxha.srd."""
    tree = COLLECTIONS / "ansible_collections"
    missing = [c for c in DEPENDENCY_COLLECTIONS if not (tree / c / "MANIFEST.json").exists()]
    if missing:
        CACHE.mkdir(exist_ok=True)
        wheels = glob.glob(str(CACHE / "ansible-12.3.0-py3-none-any.whl"))
        if not wheels:
            log(f"downloading the {ANSIBLE_WHEEL} wheel (for {', '.join(missing)})")
            pip("download", "--no-deps", ANSIBLE_WHEEL, "-d", CACHE)
            wheels = glob.glob(str(CACHE / "ansible-12.3.0-py3-none-any.whl"))
        prefixes = tuple(f"ansible_collections/{c}/" for c in missing)
        with zipfile.ZipFile(wheels[0]) as z:
            for name in z.namelist():
                if name.startswith(prefixes):
                    z.extract(name, COLLECTIONS)
        log(f"extracted {', '.join(missing)}")
    link = tree / "mxha" / "srd"
    link.parent.mkdir(parents=True, exist_ok=True)
    target = os.path.relpath(ROOT, link.parent)
    if not (link.is_symlink() and os.readlink(link) == target):
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)
    # The dependency collections alone, for the processes that must not see this tree as mxha.srd.
    deps = DEPS_ONLY / "ansible_collections"
    deps.mkdir(parents=True, exist_ok=True)
    for namespace in sorted({c.split("/")[0] for c in DEPENDENCY_COLLECTIONS}):
        entry = deps / namespace
        target = os.path.relpath(tree / namespace, deps)
        if not (entry.is_symlink() and os.readlink(entry) == target):
            if entry.is_symlink() or entry.exists():
                entry.unlink()
            entry.symlink_to(target, target_is_directory=True)
    # Make `import ansible_collections.mxha.srd...` work in plain Python too (pytest, the emulator), scoped:
    # ansible-galaxy (and any process run with MXHA_SRD_DEV_TREE=0) sees the dependency collections only, so
    # a built tarball installs from this venv instead of "Nothing to do" (the tree would count as installed).
    (site_packages() / "mxha_srd_collections.pth").write_text(dev_tree_pth(COLLECTIONS, DEPS_ONLY))
    (site_packages() / "mxha_ncclient_tick.pth").write_text(TICK_PTH)


def dev_tree_pth(collections: Path, deps_only: Path) -> str:
    """One .pth line: this tree (with the dependencies) on sys.path, or the dependencies alone for
    ansible-galaxy and when MXHA_SRD_DEV_TREE is 0/off/false/no."""
    return (
        "import os, sys; exec(%r)\n"
        % ("hide = os.environ.get('MXHA_SRD_DEV_TREE', '').strip().lower() in ('0', 'off', 'false', 'no') or "
           "os.path.basename(sys.argv[0] if sys.argv else '') in ('ansible-galaxy', 'galaxy.py')\n"
           "path = %r if hide else %r\n"
           "sys.path.append(path) if path not in sys.path else None" % (str(deps_only), str(collections)))
    )


def ensure_get_pip_shim() -> None:
    src = site_packages() / "ansible_test" / "_internal" / "python_requirements.py"
    versions = re.findall(r"pip='([0-9.]+)'", src.read_text()) if src.exists() else []
    for version in set(versions) or {"24.2"}:
        path = Path.home() / ".ansible" / "test" / "cache" / f"get_pip_{version.replace('.', '_')}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != GET_PIP_SHIM:
            path.write_text(GET_PIP_SHIM)
            log(f"wrote the offline get-pip shim {path}")


def main() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"[setup] Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    ensure_libyang()
    ensure_venv()
    ensure_collections()
    ensure_get_pip_shim()
    log("ready: . .venv/bin/activate (or use make targets)")


if __name__ == "__main__":
    main()
