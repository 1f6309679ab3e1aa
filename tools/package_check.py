#!/usr/bin/env python3
"""Check the collection as users get it: build the tarball, install it offline, use the installed copy.

Steps (each timed, all reported, exit 1 if any fails):

1. ``ansible-galaxy collection build`` into a temporary directory;
2. the tarball's contents: only the expected top-level entries, no byte-code, no file git ignores, and
   nothing secret or from the emulator: no private key, no mxsim state dir (its marker file), no RPC log,
   no inventory or vars file with a literal password, wherever in the tree it sits;
3. ``ansible-galaxy collection install --offline`` of the tarball, with ansible.netcommon and
   ansible.utils taken from the extracted collections in .venv/collections (Galaxy is unreachable),
   so galaxy.yml's dependency versions are checked too;
4. ``ansible-doc`` of every documented plugin in the tarball, loaded from the installed copy;
5. ``ansible-playbook --syntax-check`` of every shipped playbook, by its FQCN;
6. a real run of the shipped ``mxha.srd.validate`` playbook on the shipped example intent.

Every Ansible command runs in the temporary directory with a private ANSIBLE_HOME and sys.path
scanning off, so neither this working tree (linked into .venv/collections) nor ~/.ansible can stand
in for the installed copy.  Usage: ``python tools/package_check.py [--keep DIR]``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mxsim.statedir import MARKER as MXSIM_MARKER

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEPS = ROOT / ".venv" / "collections" / "ansible_collections"
NAMESPACE, NAME = "mxha", "srd"

# What may sit at the top of the tarball; anything else means build_ignore missed something.
TOP_LEVEL = {"MANIFEST.json", "FILES.json", "README.md", "LICENSE", "CHANGELOG.rst", "requirements.txt",
             "bindep.txt", "meta", "plugins", "roles", "playbooks", "docs", "changelogs", "tests"}
TESTS_SHIPPED = ("tests/sanity", "tests/config.yml")
REQUIRED = ("README.md", "LICENSE", "requirements.txt", "meta/runtime.yml", "meta/execution-environment.yml",
            "plugins/modules/validate.py", "playbooks/validate.yml", "docs/examples/cgnat-pair.yml")
# plugins/<dir> -> ansible-doc type; directories without user-facing docs are not listed.
DOC_TYPES = {"modules": "module", "filter": "filter", "test": "test", "lookup": "lookup", "netconf": "netconf",
             "connection": "connection", "callback": "callback", "inventory": "inventory", "cliconf": "cliconf",
             "httpapi": "httpapi", "become": "become", "cache": "cache", "vars": "vars", "strategy": "strategy"}
UNDOCUMENTED = {"action", "module_utils", "plugin_utils", "doc_fragments", "terminal"}
# Never in a tarball: key material, and what an emulator's state dir holds (tools/mxsim/mxsim/statedir.py).
PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
_PASSWORD_VAR = rb"ansible_(?:ssh_|become_)?pass(?:word)?"
_NOT_LITERAL = rb"(?=\S)(?![\"']?\{\{|!vault|null\b|~|[\"'][\"'])"
LITERAL_PASSWORD = re.compile(   # YAML `ansible_password: x`, and INI `host ansible_password=x`
    rb"(?:^[ \t-]*[\"']?(" + _PASSWORD_VAR + rb")[\"']?[ \t]*[:=][ \t]*" + _NOT_LITERAL + rb"|(?<=[ \t])("
    + _PASSWORD_VAR + rb")=" + _NOT_LITERAL + rb")\S", re.MULTILINE)
MXSIM_STATE_FILES = {MXSIM_MARKER, "mxsim.pid", "mxsim.log", "ssh_host_ed25519_key"}


@dataclass
class Report:
    steps: list[tuple[str, bool, float, str]] = field(default_factory=list)

    def add(self, name: str, ok: bool, seconds: float, detail: str) -> bool:
        self.steps.append((name, ok, seconds, detail))
        print("[package-check] %-4s %-26s %5.1f s  %s" % ("ok" if ok else "FAIL", name, seconds, detail), flush=True)
        return ok

    @property
    def ok(self) -> bool:
        return all(step[1] for step in self.steps)


def ansible_env(work: Path, collections: Path | None = None) -> dict[str, str]:
    """An environment in which only ``collections`` provides collections."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("ANSIBLE_CONFIG", "ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_COLLECTIONS_PATHS")}
    env.update(ANSIBLE_HOME=str(work / "ansible-home"), ANSIBLE_LOCAL_TEMP=str(work / "ansible-tmp"),
               ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="False", ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_LOCALHOST_WARNING="False", ANSIBLE_INVENTORY_UNPARSED_WARNING="False",
               PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]))
    if collections is not None:
        env["ANSIBLE_COLLECTIONS_PATH"] = str(collections)
    return env


def run(cmd: list[str], work: Path, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def galaxy_version() -> str:
    return str(yaml.safe_load((ROOT / "galaxy.yml").read_text())["version"])


def build(out_dir: Path, work: Path, root: Path = ROOT) -> Path:
    """The tarball ``ansible-galaxy collection build`` makes from this tree (or the collection at ``root``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(out_dir),
                           str(root)], cwd=work, env=ansible_env(work), capture_output=True, text=True, timeout=300,
                          check=False)
    tarball = out_dir / ("%s-%s-%s.tar.gz" % (NAMESPACE, NAME, galaxy_version()))
    if proc.returncode or not tarball.exists():
        raise RuntimeError("ansible-galaxy collection build failed:\n%s%s" % (proc.stdout, proc.stderr))
    return tarball


def git_visible_files() -> set[str] | None:
    """Files git tracks or would track (None without git): nothing git ignores may ship."""
    if not (ROOT / ".git").exists():
        return None
    try:
        out = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT)
    except (OSError, subprocess.CalledProcessError):
        return None
    return {name for name in out.decode().split("\0") if name}


def content_problems(tarball: Path, visible: set[str] | None = None) -> list[str]:
    """What is wrong with the tarball's file list (empty when nothing is)."""
    with tarfile.open(tarball) as tar:
        members = [member for member in tar.getmembers() if member.name not in (".", "./")]
    names = [member.name.lstrip("./") if member.name.startswith("./") else member.name for member in members]
    files = {name for name, member in zip(names, members) if member.isfile()}
    problems = []
    for top in sorted({name.split("/", 1)[0] for name in names} - TOP_LEVEL):
        problems.append("unexpected top-level entry %s (add it to galaxy.yml build_ignore, or to TOP_LEVEL here)" % top)
    for name in sorted(names):
        if name.startswith("tests/") and not name.startswith(TESTS_SHIPPED):
            problems.append("test file not meant to ship: %s" % name)
        if "__pycache__" in name.split("/") or name.endswith((".pyc", ".pyo")):
            problems.append("byte-code shipped: %s" % name)
    for name in REQUIRED:
        if name not in files:
            problems.append("missing from the tarball: %s" % name)
    if visible is not None:
        for name in sorted(files - visible - {"MANIFEST.json", "FILES.json"}):
            problems.append("shipped but git-ignored or unknown to git: %s" % name)
    return problems


def secret_problems(tarball: Path) -> list[str]:
    """Files that must never ship, found by content and name wherever they sit in the tarball: private key
    material, an mxsim state dir (its marker, pid, log, host key), RPC logs, a literal password for Ansible."""
    problems = []
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if not member.isfile() or member.name in ("MANIFEST.json", "FILES.json"):
                continue
            name = member.name[2:] if member.name.startswith("./") else member.name
            parts = name.split("/")
            if parts[-1] in MXSIM_STATE_FILES:
                problems.append("emulator state shipped (an mxsim state dir): %s" % name)
            if "rpclog" in parts[:-1] or name.endswith(".jsonl"):
                problems.append("RPC log shipped: %s" % name)
            data = tar.extractfile(member).read()
            if PRIVATE_KEY.search(data):
                problems.append("private key material shipped: %s" % name)
            for match in LITERAL_PASSWORD.finditer(data):
                problems.append("a literal password shipped (%s in %s); use a vaulted or templated value"
                                % ((match.group(1) or match.group(2)).decode(), name))
    return problems


def tarball_problems(tarball: Path, visible: set[str] | None = None) -> list[str]:
    """Everything the contents step checks: the file list, the action plugins, and nothing secret."""
    return content_problems(tarball, visible) + action_problems(tarball) + secret_problems(tarball)


def install(tarball: Path, work: Path) -> Path:
    """Install offline into work/collections; the dependencies come from the extracted collections."""
    dest = work / "collections"
    requirements = work / "requirements.yml"
    collections = [{"name": str(DEPS / dep), "type": "dir"} for dep in ("ansible/netcommon", "ansible/utils")]
    collections.append({"name": str(tarball), "type": "file"})
    requirements.write_text(yaml.safe_dump({"collections": collections}))
    proc = run([str(BIN / "ansible-galaxy"), "collection", "install", "--offline", "--force", "-p", str(dest),
                "-r", str(requirements)], work, ansible_env(work, dest))
    if proc.returncode or not (dest / "ansible_collections" / NAMESPACE / NAME / "MANIFEST.json").exists():
        raise RuntimeError("offline install failed:\n%s%s" % (proc.stdout, proc.stderr))
    return dest


def plugins_in(tarball: Path) -> dict[str, list[str]]:
    """ansible-doc type -> plugin names, from the tarball's plugins/ (filters and tests: their doc files)."""
    found: dict[str, list[str]] = {}
    with tarfile.open(tarball) as tar:
        for name in tar.getnames():
            parts = name.split("/")
            if len(parts) != 3 or parts[0] != "plugins" or parts[1] not in DOC_TYPES:
                continue
            stem, _dot, ext = parts[2].rpartition(".")
            if parts[1] in ("filter", "test"):
                wanted = ext in ("yml", "yaml")     # one documentation file per filter/test
            else:
                wanted = ext == "py" and not stem.startswith("_")
            if wanted:
                found.setdefault(DOC_TYPES[parts[1]], []).append("%s.%s.%s" % (NAMESPACE, NAME, stem))
    return {kind: sorted(names) for kind, names in found.items()}


def doc_problems(tarball: Path, collections: Path, work: Path) -> tuple[int, list[str]]:
    """ansible-doc of every plugin, each loaded from the installed copy; and listed plugins all documented."""
    installed = str(collections / "ansible_collections" / NAMESPACE / NAME)
    env = ansible_env(work, collections)
    problems, count = [], 0
    for kind, names in plugins_in(tarball).items():
        proc = run([str(BIN / "ansible-doc"), "--json", "-t", kind, *names], work, env)
        try:
            docs = json.loads(proc.stdout or "{}")
        except ValueError:
            docs = {}
        for name in names:
            doc = (docs.get(name) or {}).get("doc") or {}
            if not doc.get("short_description"):
                problems.append("ansible-doc -t %s %s: no documentation (%s)" % (kind, name, proc.stderr.strip()[:300]))
            elif not str(doc.get("filename", "")).startswith(installed):
                problems.append("ansible-doc -t %s %s was loaded from %s, not the installed copy"
                                % (kind, name, doc.get("filename")))
            else:
                count += 1
        if kind not in ("filter", "test"):
            continue   # other plugins are one file each; a filter file may hold filters without a doc file
        listed = run([str(BIN / "ansible-doc"), "--json", "-t", kind, "-l", "%s.%s" % (NAMESPACE, NAME)], work, env)
        for name in sorted(set(json.loads(listed.stdout or "{}")) - set(names)):
            problems.append("ansible-doc -t %s lists %s, which has no documentation file in the tarball" % (kind, name))
    return count, problems


def action_problems(tarball: Path) -> list[str]:
    """Each action plugin must be reachable: a documented module of its name, or runtime.yml routing to it."""
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
        runtime = yaml.safe_load(tar.extractfile("meta/runtime.yml").read()) or {}
    modules = {Path(name).stem for name in names if name.startswith("plugins/modules/") and name.endswith(".py")}
    routed = {str(entry.get("action_plugin", "")).rsplit(".", 1)[-1]
              for entry in ((runtime.get("plugin_routing") or {}).get("modules") or {}).values()
              if isinstance(entry, dict)}
    problems = []
    for name in names:
        if name.startswith("plugins/action/") and name.endswith(".py") and not Path(name).stem.startswith("_"):
            stem = Path(name).stem
            if stem not in modules and stem not in routed:
                problems.append("action plugin %s has no module documentation and no runtime.yml routing" % stem)
    return problems


def playbooks_in(tarball: Path) -> list[str]:
    with tarfile.open(tarball) as tar:
        return sorted(Path(name).stem for name in tar.getnames()
                      if name.startswith("playbooks/") and name.count("/") == 1 and name.endswith((".yml", ".yaml")))


def syntax_problems(playbooks: list[str], collections: Path, work: Path) -> list[str]:
    """One ansible-playbook run checks them all; only when it fails is each checked alone, to name it."""
    env = ansible_env(work, collections)
    fqcns = ["%s.%s.%s" % (NAMESPACE, NAME, playbook) for playbook in playbooks]
    if not fqcns or not run([str(BIN / "ansible-playbook"), "--syntax-check", "-i", "localhost,", *fqcns],
                            work, env).returncode:
        return []
    problems = []
    for fqcn in fqcns:
        proc = run([str(BIN / "ansible-playbook"), "--syntax-check", "-i", "localhost,", fqcn], work, env)
        if proc.returncode:
            problems.append("ansible-playbook --syntax-check %s:\n%s%s" % (fqcn, proc.stdout[-1500:], proc.stderr[-1500:]))
    return problems or ["ansible-playbook --syntax-check failed on the playbooks together, but on none alone"]


def smoke_problems(collections: Path, work: Path) -> list[str]:
    """The shipped validate playbook on the shipped example: valid, gateway 1 reported, picture written."""
    example = collections / "ansible_collections" / NAMESPACE / NAME / "docs" / "examples" / "cgnat-pair.yml"
    picture = work / "cgnat-pair.md"
    proc = run([str(BIN / "ansible-playbook", ), "-i", "localhost,", "%s.%s.validate" % (NAMESPACE, NAME),
                "-e", "intent_file=%s" % example, "-e", "topology_file=%s" % picture], work,
               ansible_env(work, collections))
    output = proc.stdout + proc.stderr
    problems = []
    if proc.returncode or "failed=0" not in output:
        problems.append("mxha.srd.validate playbook failed:\n%s" % output[-3000:])
    elif "gateway 1: pair1-mx1" not in output:
        problems.append("mxha.srd.validate playbook did not report gateway 1:\n%s" % output[-3000:])
    elif not picture.exists() or "flowchart LR" not in picture.read_text():
        problems.append("mxha.srd.validate playbook did not write the topology picture")
    return problems


def check(work: Path) -> Report:
    report = Report()
    started = time.monotonic()
    try:
        tarball = build(work / "dist", work)
    except RuntimeError as exc:
        report.add("build", False, time.monotonic() - started, str(exc))
        return report
    with tarfile.open(tarball) as tar:
        count = sum(1 for member in tar.getmembers() if member.isfile())
    report.add("build", True, time.monotonic() - started,
               "%s (%d files, %.0f kB)" % (tarball.name, count, tarball.stat().st_size / 1024))

    started = time.monotonic()
    problems = tarball_problems(tarball, git_visible_files())
    report.add("contents", not problems, time.monotonic() - started, "\n".join(problems) or "only what ships")

    started = time.monotonic()
    try:
        collections = install(tarball, work)
    except RuntimeError as exc:
        report.add("offline install", False, time.monotonic() - started, str(exc))
        return report
    report.add("offline install", True, time.monotonic() - started,
               "with ansible.netcommon, ansible.utils from .venv/collections")

    started = time.monotonic()
    count, problems = doc_problems(tarball, collections, work)
    report.add("ansible-doc", not problems and count > 0, time.monotonic() - started,
               "\n".join(problems) or "%d plugins documented from the installed copy" % count)

    started = time.monotonic()
    playbooks = playbooks_in(tarball)
    problems = syntax_problems(playbooks, collections, work)
    report.add("playbook syntax", not problems, time.monotonic() - started,
               "\n".join(problems) or "%d playbooks: %s" % (len(playbooks), ", ".join(playbooks) or "none"))

    started = time.monotonic()
    problems = smoke_problems(collections, work)
    report.add("validate playbook run", not problems, time.monotonic() - started,
               "\n".join(problems) or "mxha.srd.validate on docs/examples/cgnat-pair.yml")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (tarball in DIR/dist)")
    args = parser.parse_args()
    if not (DEPS / "ansible" / "netcommon" / "MANIFEST.json").exists():
        print("[package-check] the dependency collections are missing: run `make setup` first", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = check(args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="mxha-srd-package-") as work:
            report = check(Path(work))
    total = sum(step[2] for step in report.steps)
    print("[package-check] %s in %.1f s" % ("passed" if report.ok else "FAILED", total))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
