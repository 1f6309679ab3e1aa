# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_preflight: the read-only compatibility check of every pair of the play.

The sessions and the report are ``plugin_utils.fleet_action``'s; one pair's check is
``module_utils.jobs.preflight``. Unlike the other fleet jobs it needs no intent: without one the
pairs come from the inventory (``srd.intent.inventory_pairs``); an intent, when there is one, only
names the signal routes to look for.
"""
from __future__ import annotations


from ansible.errors import AnsibleError

from ansible_collections.mxha.srd.plugins.module_utils.jobs import preflight
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import fleet as fleet_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.inventory_pairs import resolve_without_intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction


class ActionModule(FleetAction):
    JOB = "preflight"
    SHOW_OK_LINES = True
    ARGUMENT_SPEC = {
        "pairs": {"type": "list", "elements": "raw"},
        "keep_replies": {"type": "bool", "default": True},
    }

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        given = [k for k in ("intent", "intent_file", "intent_dir") if args.get(k) is not None]
        if args.get("pairs") and given:
            raise ValueError("give pairs or an intent (%s), not both" % ", ".join(given))

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), keep_replies=args["keep_replies"])

    # -- the pairs: intents when there are any, else the inventory ---------------------------------

    def _fleet(self, args: dict, task_vars: dict) -> tuple:
        play = self._play(args, task_vars)
        if args.get("pairs"):
            return self._inventory_pairs(args, task_vars), play
        if any(args.get(k) is not None for k in ("intent", "intent_file", "intent_dir")):
            return super()._fleet(args, task_vars)
        hostvars = task_vars.get("hostvars", {})
        for host in play:
            if host in hostvars and fleet_mod.intent_in_vars(self._host_vars(hostvars[host], with_intent=True)):
                return super()._fleet(args, task_vars)
        return self._inventory_pairs(args, task_vars), play

    @staticmethod
    def _play(args: dict, task_vars: dict) -> list:
        return list(args.get("hosts") or task_vars.get("ansible_play_hosts_all") or task_vars.get("ansible_play_hosts")
                    or [])

    def _inventory_pairs(self, args: dict, task_vars: dict) -> fleet_mod.Fleet:
        hostvars = task_vars.get("hostvars", {})
        play = self._play(args, task_vars)
        unknown = [h for h in play if h not in hostvars]
        if unknown:
            raise ValueError("hosts names %s, which the inventory does not hold" % ", ".join(unknown))
        inventory = list(hostvars.keys()) if hasattr(hostvars, "keys") else list(hostvars)
        groups = {str(k): [str(h) for h in v] for k, v in (task_vars.get("groups") or {}).items()}
        wanted = set(play)
        for value in args.get("pairs") or ():
            names = value if isinstance(value, (list, tuple)) else str(value).replace("+", ",").split(",")
            wanted |= {str(n).strip() for n in names}
        for members in groups.values():
            if len(set(members)) == 2 and set(members) & set(play):
                wanted |= set(members)
        variables = {h: self._host_vars(hostvars[h], with_intent=False) for h in wanted if h in hostvars}
        for host in play:
            if host in hostvars and fleet_mod.PAIR_CHASSIS_VAR in hostvars[host]:
                members = self._templar.template(hostvars[host][fleet_mod.PAIR_CHASSIS_VAR])
                if members is not None:
                    variables[host][fleet_mod.PAIR_CHASSIS_VAR] = plain_copy(members, path=fleet_mod.PAIR_CHASSIS_VAR)
        return resolve_without_intent(play, inventory, groups, variables, args.get("pairs"))

    def _validate(self, pairs) -> tuple[list, list]:
        """No intent is needed; one that cannot be loaded only loses its signal routes (said in the report)."""
        runnable = []
        self._intent_notes = {}
        for spec in pairs:
            if not spec.intent:
                runnable.append((spec, None))
                continue
            try:
                loaded = intent_mod.load(spec.intent)
            except (InputError, AnsibleError) as exc:
                self._intent_notes[spec.name] = "the intent cannot be read (%s): checked without it" % exc
                runnable.append((spec, None))
                continue
            if any(v.is_error for v in loaded.violations):
                self._intent_notes[spec.name] = "the intent is not valid: checked without it"
                runnable.append((spec, None))
                continue
            runnable.append((spec, loaded))
        return runnable, []

    def pair_job(self, args: dict, runnable: list):
        intents = {spec.name: loaded for spec, loaded in runnable}
        notes = dict(getattr(self, "_intent_notes", {}))
        keep = args["keep_replies"]

        def job(spec, links):
            loaded = intents.get(spec.name)
            outcome = preflight.check(spec, links, loaded.configs if loaded is not None else None, keep)
            if spec.name in notes:
                outcome.lines.append("note: %s" % notes[spec.name])
            return outcome
        return job
