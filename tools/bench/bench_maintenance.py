#!/usr/bin/env python3
"""Benchmark: drain and restore a pair with 16 redundancy sets on the emulated pair (tools/mxsim).

    .venv/bin/python tools/bench/bench_maintenance.py [--sets 16] [--switchover-seconds 2.0] [--poll 1.0] [--rounds 3]

The pair intent (mxsim.srd.example.sets_intent) has N sets, each in its own redundancy group with its own signal
route, VRRP group and critical link; no set names a primary, so srd's start-up election puts all of them on
gateway 1 (pair1-mx1). Each round: drain pair1-mx1 (every set to pair1-mx2, one planned pass), then restore (every
set back to gateway 1), first as the jobs themselves (jobs.pair_maintenance, as the fleet action runs them), then
through the shipped playbooks (ansible-playbook playbooks/drain.yml and restore.yml, Ansible's start-up included).
RPCs are counted from the emulator's own RPC log, per chassis. The emulator's switchover time
(--switchover-seconds, mxsim's default 2.0 s: the chassis taking over shows INITIALIZING that long) and the jobs'
poll interval dominate the wall time; the rest is the reads, the engine and the diff.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "mxsim"))

from mxsim import rpclog  # noqa: E402
from mxsim.options import PASSWORD, USER  # noqa: E402
from mxsim.srd.example import sets_intent  # noqa: E402
from mxsim.testing import fast_ncclient, start, stop  # noqa: E402

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_maintenance as maintenance  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import DeployOptions, PairDeploy  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import ConnectionParams  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec  # noqa: E402

NAMES = ("pair1-mx1", "pair1-mx2")
TRIGGER = "request-services-redundancy-set"


def links(emu) -> dict:
    return {n: ChassisLink(ConnectionParams(name=n, host="127.0.0.1", port=emu.port(n), username=USER,
                                            password=PASSWORD, hostkey_verify=False, connect_timeout=10,
                                            command_timeout=30)) for n in NAMES}


def with_links(emu, work):
    held = links(emu)
    try:
        return work(held)
    finally:
        for link in held.values():
            link.close()


def counted(emu, work):
    """(result, seconds, {chassis: RPCs}, {chassis: requests}) of one piece of work, RPCs from the RPC log."""
    marks = {n: rpclog.mark(emu.state_dir, n) for n in NAMES}
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    logs = {n: rpclog.read(emu.state_dir, n, marks[n]) for n in NAMES}
    rpcs = {n: len([e for e in log if "rpc" in e and e["rpc"] != "close-session"]) for n, log in logs.items()}
    requests = {n: len([e for e in log if e.get("rpc") == TRIGGER]) for n, log in logs.items()}
    return result, seconds, rpcs, requests


def playbook(emu, name: str, intent_file: Path, extra: list, tmp: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-tmp"), NCCLIENT_TICK=os.environ.get("NCCLIENT_TICK", "0.005"))
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(emu.state_dir / "inventory.yml"),
           str(ROOT / "playbooks" / name), "-e", "intent_file=%s" % intent_file, "-e", "report_dir=%s" % (tmp / "r"),
           *extra]
    res = subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, text=True, timeout=600, check=False)
    if res.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (name, res.stdout[-4000:]))
    return res


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=16)
    parser.add_argument("--switchover-seconds", type=float, default=2.0)
    parser.add_argument("--poll", type=float, default=1.0, help="the jobs' poll_interval")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-playbooks", action="store_true")
    args = parser.parse_args()
    fast_ncclient()
    data = sets_intent(args.sets)
    loaded = intent_mod.load(data)
    if not loaded.ok:
        raise SystemExit([str(v) for v in loaded.violations])
    spec = PairSpec(data["name"], NAMES, data, "bench")
    options = maintenance.Options(wait_timeout=120, poll_interval=args.poll)
    rows = {"drain (job)": [], "restore (job)": [], "drain (playbook)": [], "restore (playbook)": []}
    with tempfile.TemporaryDirectory(prefix="bench-maintenance-") as tmpdir:
        tmp = Path(tmpdir)
        intent_file = tmp / "intent.yml"
        intent_file.write_text(yaml.safe_dump(data, sort_keys=False))
        emu = start(tmp / "mxsim", pairs=1, confirm_minute_seconds=1.0, switchover_seconds=args.switchover_seconds)
        try:
            deployed = with_links(emu, lambda held: PairDeploy(spec, loaded.configs, held, DeployOptions(
                confirm_timeout=30, minute_seconds=1.0, margin=5, health_timeout=20, health_interval=0.2)).run())
            if deployed.outcome != "changed":
                raise SystemExit("the deploy failed: %s" % deployed.summary)
            for _round in range(args.rounds):
                for job, work in (("drain", lambda held: maintenance.drain(spec, loaded, held, [NAMES[0]], options)),
                                  ("restore", lambda held: maintenance.restore(spec, loaded, held, "intent", None,
                                                                               options))):
                    outcome, seconds, rpcs, requests = counted(emu, lambda work=work: with_links(emu, work))
                    if outcome.outcome != "changed" or len(outcome.details.get("sent", [])) != args.sets:
                        raise SystemExit("%s: %s\n%s" % (job, outcome.summary, "\n".join(outcome.lines[-20:])))
                    rows["%s (job)" % job].append((seconds, rpcs, requests))
                if args.no_playbooks:
                    continue
                for job, extra in (("drain", ["-e", "chassis=%s" % NAMES[0]]), ("restore", [])):
                    _res, seconds, rpcs, requests = counted(emu, lambda job=job, extra=extra: playbook(
                        emu, "%s.yml" % job, intent_file, extra + ["-e", "maintenance_poll_interval=%s" % args.poll],
                        tmp))
                    rows["%s (playbook)" % job].append((seconds, rpcs, requests))
        finally:
            stop(emu)
    print("drain and restore of a pair with %d redundancy sets (every set moved), emulated pair: switchover %.1f s, "
          "poll %.1f s, %d round%s, median wall time" % (args.sets, args.switchover_seconds, args.poll, args.rounds,
                                                          "" if args.rounds == 1 else "s"))
    print("%-20s %9s  %-28s %s" % ("run", "seconds", "RPCs pair1-mx1 / pair1-mx2", "requests"))
    for name, found in rows.items():
        if not found:
            continue
        seconds = statistics.median(s for s, _r, _q in found)
        rpcs, requests = found[-1][1], found[-1][2]
        print("%-20s %9.2f  %-28s %s" % (name, seconds, "%d / %d" % (rpcs[NAMES[0]], rpcs[NAMES[1]]),
                                         "%d / %d" % (requests[NAMES[0]], requests[NAMES[1]])))
    print("load average: %.1f %.1f %.1f (2 cores)" % os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
