#!/usr/bin/env python3
"""Benchmark: deploy a CGNAT pair, re-run it, check for drift; mxha.srd.redundancy_config versus the
way users do it today (junipernetworks.junos.junos_config with set lines, one task per resource).

Both ways run against the same emulated MX pair (tools/mxsim, started here on free ports), as real
ansible-playbook runs, both chassis in parallel. RPCs, locks and commits are counted from the
emulator's own RPC log (per chassis), not from what the modules report.

    .venv/bin/python tools/bench/bench_deploy.py [--intent docs/examples/cgnat-pair.yml] [--strict]

Two measurements:

* the goal: the three phases in **one** run, as the tasks of one play (the re-run repeats the
  deploy tasks, the drift check runs them in check mode), so that both ways pay Ansible's fixed
  costs once: its start-up, and the persistent connection process it starts per play (about 1 s
  on 2 cores). Median of --rounds rounds, the two ways interleaved so that the machine's noise
  falls on both alike.
* the breakdown: each phase as its own ansible-playbook run, for RPCs, locks and commits per phase.
  Its wall times hold those fixed costs three times over, so their ratio is printed as measured
  and net of a no-op play's wall time.

Goals (printed with PASS/FAIL; --strict makes a miss exit 1): the drift check costs one RPC per
chassis and no lock; the no-op re-run takes no lock and commits nothing; deploy + re-run + drift
take at most a fifth of the junos_config way's wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "mxsim"))

from mxsim import rpclog  # noqa: E402
from mxsim.testing import start, stop  # noqa: E402

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml  # noqa: E402

PHASES = ("deploy", "re-run", "drift check")
LOCK_RPCS = ("lock", "lock-configuration", "open-configuration")
COMMIT_RPCS = ("commit-configuration", "commit")


def load_pair(path: Path) -> dict:
    pair = intent.load(yaml.safe_load(path.read_text()))
    errors = [v for v in pair.violations if v.is_error] if hasattr(pair, "violations") else []
    if errors:
        raise SystemExit("the intent %s is not valid:\n%s" % (path, "\n".join(map(str, errors))))
    return pair.configs


def srd_plays(configs: dict) -> dict:
    """Per phase, the playbook of the mxha.srd way: one task per chassis for all SRD resources."""
    task = {"name": "SRD configuration of the chassis",
            "mxha.srd.redundancy_config": {"config": "{{ srd_config[inventory_hostname] }}", "state": "overridden"}}
    variables = {"srd_config": {host: chassis_to_dict(cfg, reveal=True) for host, cfg in configs.items()}}
    deploy = [{"hosts": "mx_pairs", "gather_facts": False, "vars": variables, "tasks": [task]}]
    drift = [{"hosts": "mx_pairs", "gather_facts": False, "vars": variables, "tasks": [dict(task, check_mode=True)]}]
    return {"deploy": deploy, "re-run": deploy, "drift check": drift}


def junos_config_plays(configs: dict) -> dict:
    """Per phase, today's way: junos_config with the set lines of one resource per task."""
    lines = {host: {r: junos_syntax.to_set(render_xml(cfg.only(r))) for r in RESOURCES} for host, cfg in configs.items()}
    # route_tracking first: it holds the routing instances redundancy-options must reference at commit.
    order = ["route_tracking"] + [r for r in RESOURCES if r != "route_tracking"]
    tasks = [{"name": "SRD %s" % resource.replace("_", " "),
              "junipernetworks.junos.junos_config": {"lines": "{{ srd_lines[inventory_hostname].%s }}" % resource},
              "when": "srd_lines[inventory_hostname].%s | length > 0" % resource} for resource in order]
    variables = {"srd_lines": lines, "ansible_network_os": "junipernetworks.junos.junos"}
    deploy = [{"hosts": "mx_pairs", "gather_facts": False, "vars": variables, "tasks": tasks}]
    drift = [{"hosts": "mx_pairs", "gather_facts": False, "vars": variables,
              "tasks": [dict(t, check_mode=True) for t in tasks]}]
    return {"deploy": deploy, "re-run": deploy, "drift check": drift}


def run_phase(emu, plays: list, workdir: Path, tick: str) -> dict:
    book = workdir / "play.yml"
    book.write_text(yaml.safe_dump(plays, sort_keys=False))
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
               ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(workdir / "pc"), ANSIBLE_LOCAL_TEMP=str(workdir / "tmp"),
               ANSIBLE_NOCOLOR="1")
    env.pop("NCCLIENT_TICK", None)
    env.pop("MXHA_NCCLIENT_POLL_INTERVAL", None)
    if tick != "stock":
        env["NCCLIENT_TICK"] = tick  # read by the venv's .pth in the persistent connection process
        env["MXHA_NCCLIENT_POLL_INTERVAL"] = tick  # and mxha.srd.junos would lower it to its own otherwise
    marks = {host: emu.mark(host) for host in emu.chassis}
    started = time.monotonic()
    proc = subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(emu.inventory), str(book)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit("ansible-playbook failed (rc %d):\n%s" % (proc.returncode, proc.stdout[-4000:] + proc.stderr[-2000:]))
    for host in emu.chassis:
        emu.wait_idle(host)
    per_host = {}
    for host in emu.chassis:
        entries = [e for e in rpclog.read(emu.state_dir, host, marks[host]) if "rpc" in e and e["rpc"] != "close-session"]
        per_host[host] = {
            "rpcs": len(entries),
            "locks": sum(e["rpc"] in LOCK_RPCS for e in entries),
            "commits": sum(e["rpc"] in COMMIT_RPCS and not e.get("check") and e.get("ok", True) for e in entries),
            "sent": [e["rpc"] for e in entries],
        }
    changed = "changed=0" not in proc.stdout.split("PLAY RECAP", 1)[-1]
    return {"wall": wall, "hosts": per_host, "changed": changed}


def run_way(emu, plays: dict, workdir: Path, tick: str, repeat: int) -> dict:
    """Each round starts from the factory configuration; per phase the round with the median wall time."""
    rounds = []
    for _ in range(repeat):
        emu.reset()
        rounds.append({phase: run_phase(emu, plays[phase], workdir, tick) for phase in PHASES})
    return {phase: sorted((r[phase] for r in rounds), key=lambda s: s["wall"])[len(rounds) // 2] for phase in PHASES}


def one_play(plays: dict) -> list:
    """The three phases as the tasks of one play, one after the other (the drift check's in check mode)."""
    first = plays[PHASES[0]][0]
    tasks = [dict(task, name="%s: %s" % (phase, task["name"]))
             for phase in PHASES for play in plays[phase] for task in play["tasks"]]
    return [dict(first, tasks=tasks)]


def run_together(emu, ways: dict, workdir: Path, tick: str, rounds: int) -> dict:
    """Per way, the median wall time of the three phases in one play of one ansible-playbook run.

    Each round starts from the factory configuration and runs every way once, in turn, so that the
    machine's slower and faster moments fall on both ways alike."""
    walls: dict = {way: [] for way in ways}
    for _ in range(rounds):
        for way, plays in ways.items():
            emu.reset()
            walls[way].append(run_phase(emu, one_play(plays), workdir, tick)["wall"])
    return {way: {"median": sorted(w)[len(w) // 2], "all": w} for way, w in walls.items()}


def baseline(emu, workdir: Path, tick: str, repeat: int) -> float:
    """Ansible's fixed cost of a run against the pair: one play, one task that touches no device."""
    plays = [{"hosts": "mx_pairs", "gather_facts": False, "tasks": [{"ansible.builtin.meta": "noop"}]}]
    walls = sorted(run_phase(emu, plays, workdir, tick)["wall"] for _ in range(repeat))
    return walls[len(walls) // 2]


def per_chassis(stats: dict, key: str) -> str:
    values = sorted({h[key] for h in stats["hosts"].values()})
    return "/".join(str(v) for v in values)


def report(results: dict, tick: str, fixed: float, together: dict) -> tuple[str, list[tuple[str, bool]]]:
    ways = list(results)
    ours, theirs = ways
    poll = ("stock: mxha.srd.junos polls every 10 ms (its ncclient_poll_interval), junipernetworks.junos "
            "every 100 ms (ncclient's own)" if tick == "stock" else "forced to %s s for both ways" % tick)
    lines = ["Deploy / re-run / drift check of a CGNAT pair on the emulated MX pair (ncclient polling: %s)" % poll, ""]
    rounds = len(together[ours]["all"])
    lines.append("Deploy, re-run and drift check as the tasks of one play, one ansible-playbook run (median of %d round%s):"
                 % (rounds, "" if rounds == 1 else "s"))
    for way in ways:
        lines.append("  %-30s %6.2f s   (rounds: %s)" % (way, together[way]["median"], ", ".join(
            "%.2f" % w for w in together[way]["all"])))
    ratio = together[ours]["median"] / together[theirs]["median"]
    lines.append("ratio %-13s            wall %5.2f" % ("one run", ratio))
    lines.append("")
    lines.append("Each phase as its own ansible-playbook run:")
    header = "%-13s %-30s %10s %6s %8s %9s" % ("phase", "way", "RPCs/chas", "locks", "commits", "wall s")
    lines += [header, "-" * len(header)]
    for phase in PHASES:
        for way in ways:
            s = results[way][phase]
            lines.append("%-13s %-30s %10s %6s %8s %9.2f" % (
                phase, way, per_chassis(s, "rpcs"), per_chassis(s, "locks"), per_chassis(s, "commits"), s["wall"]))
    totals = {way: sum(results[way][p]["wall"] for p in PHASES) for way in ways}
    lines.append("-" * len(header))
    for way in ways:
        lines.append("%-13s %-30s %10s %6s %8s %9.2f" % ("total", way, "", "", "", totals[way]))
    lines.append("")
    for phase in PHASES:
        a, b = results[ours][phase], results[theirs][phase]
        rpcs_a = sum(h["rpcs"] for h in a["hosts"].values())
        rpcs_b = sum(h["rpcs"] for h in b["hosts"].values())
        lines.append("ratio %-13s RPCs %5.2f   wall %5.2f" % (phase, rpcs_a / max(rpcs_b, 1), a["wall"] / b["wall"]))
    lines.append("ratio %-13s            wall %5.2f  (three runs: Ansible's fixed costs paid three times)"
                 % ("total", totals[ours] / totals[theirs]))
    net = {way: max(totals[way] - len(PHASES) * fixed, 0.0) for way in ways}
    lines.append("ratio %-13s            wall %5.2f  net of Ansible's fixed %.2f s per run (a no-op play "
                 "against the pair)" % ("total", net[ours] / max(net[theirs], 1e-9), fixed))
    drift = results[ours]["drift check"]["hosts"].values()
    rerun = results[ours]["re-run"]["hosts"].values()
    goals = [
        ("drift check: 1 RPC per chassis, no lock", all(h["rpcs"] == 1 and h["locks"] == 0 for h in drift)),
        ("no-op re-run: no lock, no commit", all(h["locks"] == 0 and h["commits"] == 0 for h in rerun)),
        ("deploy + re-run + drift in one run: wall time <= 1/5 of the junos_config way (%.2f)" % ratio,
         ratio <= 0.2),
    ]
    lines.append("")
    lines += ["%s  %s" % ("PASS" if ok else "FAIL", text) for text, ok in goals]
    return "\n".join(lines), goals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--intent", type=Path, default=ROOT / "docs" / "examples" / "cgnat-pair.yml")
    ap.add_argument("--tick", default="stock",
                    help="force ncclient's poll interval (s) in both ways' persistent connections; default "
                    "'stock': what each netconf plugin does by itself ($NCCLIENT_TICK is ignored)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the one-run measurement (median shown)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the per-phase breakdown (median per phase)")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = ap.parse_args()
    configs = load_pair(args.intent)
    with tempfile.TemporaryDirectory(prefix="mxha-bench-") as tmp:
        workdir = Path(tmp)
        emu = start(workdir / "mxsim", pairs=1, confirm_minute_seconds=1.0)
        try:
            hosts = sorted(configs)
            if hosts != sorted(emu.chassis):
                raise SystemExit("the intent names %s; the emulator runs %s" % (hosts, emu.chassis))
            fixed = baseline(emu, workdir, args.tick, args.repeat)
            ways = {"mxha.srd.redundancy_config": srd_plays(configs),
                    "junos_config, task/resource": junos_config_plays(configs)}
            together = run_together(emu, ways, workdir, args.tick, args.rounds)
            results = {way: run_way(emu, plays, workdir, args.tick, args.repeat) for way, plays in ways.items()}
        finally:
            stop(emu)
    text, goals = report(results, args.tick, fixed, together)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"one_run": together, "per_phase": results, "fixed": fixed}, indent=2))
    return 1 if args.strict and not all(ok for _, ok in goals) else 0


if __name__ == "__main__":
    sys.exit(main())
