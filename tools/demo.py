#!/usr/bin/env python3
"""`make demo`: start bundled emulated MX pairs, run the user jobs against them, stop the pairs.

Three pairs, one intent each (the example docs/examples/cgnat-pair.yml for pair N, written by
`mxsim intents` as the inventory's group_vars, as a user's own inventory would hold them).
playbooks/demo.yml deploys every pair in one run, checks them for drift, changes one chassis by hand,
catches that with the drift check (attributed to its pair only), and switches set 1 of pair 1 over.
The pairs listen on six consecutive ports: --base-port (or DEMO_PORT, so `make demo DEMO_PORT=19000`),
else the first free run from 18300. The emulator runs in the background only for the length of the
demo (stopped in `finally`, even on Ctrl-C). Its state (inventory, RPC log) and the drift reports go to .demo/, which is git-ignored;
the summary at the end is read from the emulator's own RPC log, so the figures are what the routers saw.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STATE = ROOT / ".demo"
PLAYBOOK = ROOT / "playbooks" / "demo.yml"
EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
PAIRS = 3


def port_pair_free(port: int, span: int = 2 * PAIRS) -> bool:
    try:
        for p in range(port, port + span):
            with socket.socket() as s:
                s.bind(("127.0.0.1", p))
        return True
    except OSError:
        return False


def free_base_port(start: int = 18300, span: int = 2 * PAIRS) -> int:
    """First port p >= start with p..p+span-1 free on 127.0.0.1 (a stale demo may hold 18300)."""
    for port in range(start, start + 2000, span):
        if port_pair_free(port, span):
            return port
    raise SystemExit("demo: no free port pair on 127.0.0.1 between %d and %d" % (start, start + 2000))


def banner(text: str) -> None:
    print(f"\n=== {text} " + "=" * max(0, 66 - len(text)), flush=True)


def rpc_summary() -> list[str]:
    from mxsim import rpclog  # the emulator's own reader of its log

    lines = []
    for log in sorted((STATE / "rpclog").glob("*.jsonl")):
        names = rpclog.names(rpclog.read(STATE, log.stem))
        locks = sum(n in ("lock", "lock-configuration", "open-configuration") for n in names)
        commits = names.count("commit-configuration") + names.count("commit")
        lines.append(f"  {log.stem:<12} {len(names):>3} RPCs, {locks} locks, {commits} commits")
    reports = sorted((STATE / "reports").glob("*.json"))
    if reports:
        lines.append("  fleet reports (JSON; JUnit XML and text beside them): "
                     + ", ".join(str(p.relative_to(ROOT)) for p in reports))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("DEMO_PORT") or 0) or None,
                        help="the first chassis' port (the others get the next ones); default $DEMO_PORT, else the "
                        "first free run from 18300")
    args = parser.parse_args()
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_DISPLAY_SKIPPED_HOSTS="false",  # the deploy's branches not taken would fill the screen
               NCCLIENT_TICK=os.environ.get("NCCLIENT_TICK", "0.005"))
    started = time.monotonic()
    subprocess.call([BIN / "mxsim", "down", "--state-dir", STATE], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)  # a demo interrupted earlier may have left one running
    if args.base_port:
        port = args.base_port
        if not port_pair_free(port):
            raise SystemExit("demo: 127.0.0.1:%d-%d is in use; pick other ports (--base-port or DEMO_PORT)"
                             % (port, port + 2 * PAIRS - 1))
    else:
        port = free_base_port()
    banner(f"starting {PAIRS} emulated MX pairs on 127.0.0.1:{port}-{port + 2 * PAIRS - 1}, one intent each")
    subprocess.check_call([BIN / "mxsim", "up", "--pairs", str(PAIRS), "--base-port", str(port), "--state-dir", STATE])
    subprocess.check_call([BIN / "mxsim", "intents", "--state-dir", STATE, EXAMPLE])
    try:
        banner("running playbooks/demo.yml")
        rc = subprocess.call([BIN / "ansible-playbook", "-i", STATE / "inventory.yml", PLAYBOOK,
                              "-e", f"report_dir={STATE / 'reports'}", "-e", f"backup_dir={STATE / 'backups'}"],
                             cwd=ROOT, env=env)
        banner("what the routers saw (from the emulator's RPC log)")
        print("\n".join(rpc_summary()))
    finally:
        subprocess.call([BIN / "mxsim", "down", "--state-dir", STATE])
    banner(f"demo {'finished' if rc == 0 else 'FAILED'} in {time.monotonic() - started:.1f} s")
    return rc


if __name__ == "__main__":
    sys.exit(main())
