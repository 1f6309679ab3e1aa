#!/usr/bin/env python3
"""Generate the plugin reference (docs/plugins/, git-ignored) from the plugins' own documentation.

The pages are made by antsibull-docs from what ``ansible-doc`` reads (module DOCUMENTATION, filter
sidecar YAML, doc fragments), so they can never disagree with the code.  Offline: the collection is
this working tree, found through ansible.cfg's collections_path (.venv/collections).  The format is
antsibull-docs' simplified RST: one self-contained page per plugin plus an index, readable as text
and renderable by plain docutils/Sphinx.

Fails (exit 1) on any documentation error (``--fail-on-error``) and when a plugin has no page.
Usage: ``python tools/gen_plugin_docs.py [--dest DIR]``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DEST = ROOT / "docs" / "plugins"
COLLECTION = "mxha.srd"
# plugins/<dir> -> the suffix antsibull-docs gives that plugin type's pages.
PAGE_SUFFIX = {"modules": "module", "filter": "filter", "test": "test", "lookup": "lookup", "netconf": "netconf",
               "connection": "connection", "callback": "callback", "inventory": "inventory", "cliconf": "cliconf",
               "httpapi": "httpapi", "become": "become", "cache": "cache", "vars": "vars", "strategy": "strategy"}


def expected_pages(root: Path = ROOT) -> dict[str, str]:
    """page file name -> plugin, for every documented plugin in the tree (filters/tests: their doc files)."""
    pages = {}
    for directory, suffix in PAGE_SUFFIX.items():
        folder = root / "plugins" / directory
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if directory in ("filter", "test"):
                wanted = path.suffix in (".yml", ".yaml")
            else:
                wanted = path.suffix == ".py" and not path.name.startswith("_")
            if wanted:
                pages["%s_%s.rst" % (path.stem, suffix)] = "%s %s.%s" % (suffix, COLLECTION, path.stem)
    return pages


def generate(dest: Path) -> subprocess.CompletedProcess:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    cmd = [str(BIN / "antsibull-docs"), "collection", "--use-current", "--squash-hierarchy", "--fail-on-error",
           "--no-add-antsibull-docs-version", "--output-format", "simplified-rst", "--dest-dir", str(dest), COLLECTION]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="output directory (default docs/plugins)")
    args = parser.parse_args()
    started = time.monotonic()
    proc = generate(args.dest)
    if proc.returncode:
        sys.stderr.write(proc.stdout + proc.stderr)
        print("[plugin-docs] antsibull-docs failed (exit %d)" % proc.returncode, file=sys.stderr)
        return 1
    pages = expected_pages()
    missing = sorted(page for page in pages if not (args.dest / page).is_file())
    for page in missing:
        print("[plugin-docs] no page for %s (%s)" % (pages[page], page), file=sys.stderr)
    if missing or not (args.dest / "index.rst").is_file():
        return 1
    print("[plugin-docs] %d plugin pages and index.rst in %s (%.1f s)"
          % (len(pages), os.path.relpath(args.dest, Path.cwd()), time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
