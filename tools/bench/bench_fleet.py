#!/usr/bin/env python3
"""Benchmark: the fleet. Drift (configuration only, and with live state), a no-op deploy and a changing
deploy over 1, 10, 50 and 100 emulated pairs, three ways, in one run:

* fleet: the shipped playbooks (playbooks/drift.yml, playbooks/deploy.yml), one task for every pair;
* per-host: the plain per-host task path (mxha.srd.redundancy_config / redundancy_state, one task per
  chassis per step, Ansible forks 50), as a user's own playbook over the same inventory would do it;
* floor: raw ncclient in 32 threads, the same reads (and, for the changing deploy, the same writes
  without the health gate), SSH set-up included: what the machine and the emulator allow.

Printed per size and job: wall seconds, RPCs per chassis (from the emulator's RPC log), the largest
controller process' peak memory, and the ratio to the floor; then the goals for 100 pairs with
PASS/FAIL. Also the single-pair ratio of deploy + re-run + drift in one play, fleet way against the
junos_config way (bench_deploy.py's plays).

    .venv/bin/python tools/bench/bench_fleet.py [--sizes 1,10,50,100] [--per-host-max 50] [--strict]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "mxsim"))
sys.path.insert(0, str(ROOT / "tools" / "bench"))

from mxsim import lab, rpclog  # noqa: E402
from mxsim.options import PASSWORD, USER  # noqa: E402
from mxsim.testing import start, stop  # noqa: E402

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import read_filter  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import (  # noqa: E402
    iccp_request, redundancy_group_request, route_request,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict  # noqa: E402

EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
BIN = Path(sys.executable).parent
JOBS = ("drift (config)", "drift (live)", "no-op deploy", "changing deploy")
GOALS_100 = {"drift (config)": 10.0, "drift (live)": 15.0, "no-op deploy": 15.0, "changing deploy": 90.0}
MEMORY_GOAL_MB = 500
DEPLOY_VARS = ["-e", "deploy_confirm_timeout=30", "-e", "deploy_confirm_minute_seconds=1", "-e",
               "deploy_confirm_margin=5", "-e", "deploy_health_interval=0.5"]
FORKS = "50"
PEAK = "import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; " \
       "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)"


def ansible(workdir: Path, inventory: Path, book: Path, *extra: str, ok=(0,)) -> tuple[float, float, str]:
    """One ansible-playbook run: wall seconds, its largest process' peak RSS (MB), stdout."""
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1", ANSIBLE_FORKS=FORKS,
               ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(workdir / "pc"), ANSIBLE_LOCAL_TEMP=str(workdir / "tmp"),
               # the per-host changing deploy confirms in a later task: its connection (and so its commit
               # confirmed, which dies with the session) must outlive the tasks over every other host
               ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="900")
    cmd = [sys.executable, "-c", PEAK, str(BIN / "ansible-playbook"), "-i", str(inventory), str(book), *extra]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode not in ok:
        first = proc.stdout.find("fatal:")
        raise SystemExit("ansible-playbook %s failed (%d):\n%s\n...\n%s\n%s" % (
            book.name, proc.returncode, proc.stdout[first:first + 2000] if first >= 0 else "", proc.stdout[-2000:],
            proc.stderr[-2000:]))
    peak = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    return wall, (peak[-1] / 1024.0 if peak else 0.0), proc.stdout


def rpcs_per_chassis(emu, marks: dict) -> str:
    counts = sorted({len([e for e in rpclog.read(emu.state_dir, h, marks[h]) if "rpc" in e and e["rpc"] != "close-session"])
                     for h in emu.chassis})
    return "%d" % counts[0] if len(counts) == 1 else "%d-%d" % (counts[0], counts[-1])


def measure(emu, run) -> dict:
    marks = {h: emu.mark(h) for h in emu.chassis}
    wall, peak, _out = run()
    for host in emu.chassis:
        emu.wait_idle(host)
    return {"wall": wall, "mb": peak, "rpcs": rpcs_per_chassis(emu, marks)}


# ---------------------------------------------------------------------------------------- the three ways

def fleet_way(emu, workdir: Path, job: str) -> dict:
    inventory = emu.state_dir / "inventory.yml"
    if job.startswith("drift"):
        extra = ["-e", "operational=%s" % ("true" if "live" in job else "false"), "-e", "report_dir=%s" % (workdir / "r")]
        return measure(emu, lambda: ansible(workdir, inventory, ROOT / "playbooks" / "drift.yml", *extra))
    return measure(emu, lambda: ansible(workdir, inventory, ROOT / "playbooks" / "deploy.yml", *DEPLOY_VARS,
                                       "-e", "report_dir=%s" % (workdir / "r"), "-e", "deploy_backup_dir=%s" % (
                                           workdir / "b")))


def per_host_inventory(emu, workdir: Path) -> Path:
    """The emulator's inventory with each chassis' part of its pair's intent in host_vars (srd_config)."""
    folder = workdir / "per-host"
    (folder / "host_vars").mkdir(parents=True, exist_ok=True)
    (folder / "hosts.yml").write_text((emu.state_dir / "inventory.yml").read_text())
    for path in (emu.state_dir / "group_vars").glob("*.yml"):
        configs = intent_mod.load(yaml.safe_load(path.read_text())["srd_intent"]).configs
        for host, config in configs.items():
            (folder / "host_vars" / ("%s.yml" % host)).write_text(
                yaml.safe_dump({"srd_config": chassis_to_dict(config, reveal=True)}))
    return folder / "hosts.yml"


PER_HOST_TASKS = {
    "drift (config)": [{"mxha.srd.redundancy_config": {"state": "gathered"}}],
    "drift (live)": [{"mxha.srd.redundancy_config": {"state": "gathered"}}, {"mxha.srd.redundancy_state": {}}],
    "no-op deploy": [{"mxha.srd.redundancy_config": {"config": "{{ srd_config }}", "state": "overridden"}}],
    "changing deploy": [
        # a window the per-host path can make (its push alone takes a minute over 100 pairs): 600 emulator minutes
        {"mxha.srd.redundancy_config": {"config": "{{ srd_config }}", "state": "overridden", "confirm_timeout": 600}},
        {"mxha.srd.redundancy_state": {}},
        {"mxha.srd.redundancy_config": {"confirm": True}},
    ],
}


def per_host_way(emu, workdir: Path, job: str, inventory: Path) -> dict:
    book = workdir / "per-host.yml"
    book.write_text(yaml.safe_dump([{"hosts": "mx_pairs", "gather_facts": False, "tasks": PER_HOST_TASKS[job]}]))
    return measure(emu, lambda: ansible(workdir, inventory, book))


def floor_way(emu, job: str, configs: dict) -> dict:
    """Raw ncclient, 32 threads, in a child process (its own peak memory)."""
    marks = {h: emu.mark(h) for h in emu.chassis}
    spec = {"job": job, "chassis": {h: emu.port(h) for h in emu.chassis},
            "payload": {h: _xml(configs[h]) for h in emu.chassis}}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", PEAK, sys.executable, __file__, "--floor-child"], input=json.dumps(spec),
                          capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode:
        raise SystemExit("the ncclient floor failed:\n%s" % proc.stderr[-3000:])
    peak = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    inner = json.loads(proc.stdout)
    for host in emu.chassis:
        emu.wait_idle(host)
    return {"wall": inner["wall"], "process": wall, "mb": peak[-1] / 1024.0 if peak else 0.0,
            "rpcs": rpcs_per_chassis(emu, marks)}


def _xml(config) -> str:
    import xml.etree.ElementTree as ET

    return ET.tostring(render_xml(config), encoding="unicode")


def floor_child() -> None:
    """What the floor runs: every chassis in 32 threads, plain ncclient (100 ms polling lowered to 10 ms)."""
    from ncclient import manager
    from ncclient.xml_ import to_ele
    import ncclient.transport.session as nc_session
    import xml.etree.ElementTree as ET

    nc_session.TICK = 0.01
    spec = json.loads(sys.stdin.read())
    job = spec["job"]
    reads = [ET.tostring(_get_config(), encoding="unicode")]
    if job == "drift (live)":
        reads += [ET.tostring(r, encoding="unicode") for r in (redundancy_group_request(), iccp_request(), route_request())]

    def one(item):
        name, port = item
        with manager.connect(host="127.0.0.1", port=port, username=USER, password=PASSWORD, hostkey_verify=False,
                             look_for_keys=False, allow_agent=False, device_params={"name": "junos"}, timeout=60) as m:
            for xml in reads:
                m.rpc(to_ele(xml))
            if job == "changing deploy":
                m.lock()
                m.load_configuration(action="merge", format="xml", config=to_ele(spec["payload"][name]))
                m.commit(check=True)
                m.commit(confirmed=True, timeout="30")
                m.commit()
                m.unlock()

    started = time.monotonic()
    with ThreadPoolExecutor(32) as pool:
        list(pool.map(one, sorted(spec["chassis"].items())))
    print(json.dumps({"wall": time.monotonic() - started}))


def _get_config():
    import xml.etree.ElementTree as ET

    rpc = ET.Element("get-configuration", database="committed", format="xml", inherit="inherit")
    rpc.append(read_filter(RESOURCES))
    return rpc


# ---------------------------------------------------------------------------------------- one size

def run_size(pairs: int, workdir: Path, per_host_max: int) -> dict:
    emu = start(workdir / ("mxsim-%d" % pairs), pairs=pairs, confirm_minute_seconds=1.0, switchover_seconds=0.2)
    try:
        lab.write(emu.options, EXAMPLE)
        configs = {}
        for path in (emu.state_dir / "group_vars").glob("*.yml"):
            configs.update(intent_mod.load(yaml.safe_load(path.read_text())["srd_intent"]).configs)
        per_host_inv = per_host_inventory(emu, workdir)
        out: dict = {}
        for job in JOBS:
            row: dict = {}
            # every way starts from the same state: factory for the changing deploy, deployed otherwise
            for way in ("fleet", "per-host", "floor"):
                if way == "per-host" and pairs > per_host_max:
                    row[way] = None
                    continue
                emu.reset()
                if job != "changing deploy":
                    fleet_way(emu, workdir, "changing deploy")
                if way == "fleet":
                    row[way] = fleet_way(emu, workdir, job)
                elif way == "per-host":
                    try:
                        row[way] = per_host_way(emu, workdir, job, per_host_inv)
                    except SystemExit as exc:  # a figure too: the per-host path could not do the job at this size
                        print(str(exc)[:1500], flush=True)
                        row[way] = {"failed": True}
                else:
                    row[way] = floor_way(emu, job if job != "no-op deploy" else "drift (config)", configs)
            out[job] = row
            print("  %3d pairs  %-16s fleet %6.2f s   per-host %s   floor %5.2f s" % (
                pairs, job, row["fleet"]["wall"], _short(row["per-host"]),
                row["floor"]["wall"]), flush=True)
        return out
    finally:
        stop(emu)


def _short(row) -> str:
    if not row:
        return "  (skipped)"
    return "  FAILED" if row.get("failed") else "%6.2f s" % row["wall"]


def single_pair_ratio(workdir: Path, rounds: int) -> dict:
    """Deploy + re-run + drift of one pair in one ansible-playbook run: fleet way vs junos_config way."""
    from bench_deploy import junos_config_plays, load_pair, one_play, run_phase

    configs = load_pair(EXAMPLE)
    emu = start(workdir / "mxsim-single", pairs=1, confirm_minute_seconds=1.0, switchover_seconds=0.2)
    try:
        files = {"report_dir": str(workdir / "r"), "backup_dir": str(workdir / "b")}  # never into the tree
        fleet_tasks = [{"name": "deploy", "mxha.srd.pair_deploy": {"intent_file": str(EXAMPLE), "confirm_timeout": 30,
                                                                   "confirm_minute_seconds": 1, "confirm_margin": 5,
                                                                   "health_interval": 0.5, **files}, "run_once": True},
                       {"name": "re-run", "mxha.srd.pair_deploy": {"intent_file": str(EXAMPLE), **files},
                        "run_once": True},
                       {"name": "drift", "mxha.srd.pair_drift": {"intent_file": str(EXAMPLE), "report_dir": files[
                           "report_dir"], "checks": ["config", "symmetry"]}, "run_once": True}]
        ways = {"fleet (pair_deploy x2 + pair_drift)": [{"hosts": "mx_pairs", "gather_facts": False, "tasks": fleet_tasks}],
                "junos_config, task/resource": one_play(junos_config_plays(configs))}
        walls: dict = {way: [] for way in ways}
        for _ in range(rounds):
            for way, plays in ways.items():
                emu.reset()
                walls[way].append(run_phase(emu, plays, workdir, "stock")["wall"])
        return {way: sorted(w)[len(w) // 2] for way, w in walls.items()} | {"rounds": walls}
    finally:
        stop(emu)


def report(results: dict, single: dict) -> tuple[str, list]:
    lines = ["Fleet jobs on emulated MX pairs (2 cores); wall s | RPCs per chassis | peak MB of the largest controller "
             "process; ratio = wall / floor", ""]
    header = "%6s  %-16s  %-24s  %-24s  %-18s" % ("pairs", "job", "fleet", "per-host tasks", "ncclient floor")
    lines += [header, "-" * len(header)]
    def cell(r, floor):
        if not r:
            return "%24s" % "skipped"
        if r.get("failed"):
            return "%24s" % "FAILED (see above)"
        return "%6.2f %5s %4.0fMB x%-4.1f" % (r["wall"], r["rpcs"], r["mb"], r["wall"] / max(floor, 1e-6))

    for pairs, jobs in results.items():
        for job, row in jobs.items():
            floor = row["floor"]["wall"]
            lines.append("%6d  %-16s  %-24s  %-24s  %6.2f %5s %4.0fMB" % (
                pairs, job, cell(row["fleet"], floor), cell(row["per-host"], floor), floor, row["floor"]["rpcs"],
                row["floor"]["mb"]))
    goals = []
    biggest = max(results) if results else 0
    if biggest:
        for job, limit in GOALS_100.items():
            wall = results[biggest][job]["fleet"]["wall"]
            goals.append(("%d pairs, %s: %.2f s (goal <= %.0f s at 100 pairs)" % (biggest, job, wall, limit),
                          biggest < 100 or wall <= limit))
        peak = max(row["fleet"]["mb"] for row in results[biggest].values())
        goals.append(("%d pairs, controller memory: %.0f MB (goal <= %d MB)" % (biggest, peak, MEMORY_GOAL_MB),
                      peak <= MEMORY_GOAL_MB))
    if single:
        ours, theirs = list(single)[:2]
        ratio = single[ours] / single[theirs]
        lines += ["", "One pair, deploy + re-run + drift in one play (median of %d): %s %.2f s, %s %.2f s" % (
            len(single["rounds"][ours]), ours, single[ours], theirs, single[theirs])]
        goals.append(("one pair: fleet way / junos_config way = %.2f (goal <= 0.15)" % ratio, ratio <= 0.15))
    lines.append("")
    lines += ["%s  %s" % ("PASS" if ok else "FAIL", text) for text, ok in goals]
    return "\n".join(lines), goals


def main() -> int:
    if "--floor-child" in sys.argv:
        floor_child()
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10,50,100", help="pair counts, comma-separated")
    ap.add_argument("--per-host-max", type=int, default=50,
                    help="skip the per-host path above this many pairs (at 100 it takes about 40 min on 2 cores)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the single-pair ratio (median)")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="mxha-bench-fleet-") as tmp:
        workdir = Path(tmp)
        single = single_pair_ratio(workdir, args.rounds) if args.rounds else {}
        results = {}
        for pairs in sizes:
            results[pairs] = run_size(pairs, workdir, args.per_host_max)
    text, goals = report(results, single)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, "single": single}, indent=2))
    return 1 if args.strict and not all(ok for _t, ok in goals) else 0


if __name__ == "__main__":
    sys.exit(main())
