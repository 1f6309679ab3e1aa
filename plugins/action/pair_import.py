# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_import: a running pair (or two backups of it) -> its pair intent as YAML.

There is no intent yet, so the pair is named by the inventory (``pair``: the group holding its two chassis,
or ``chassis``) or by backup files; everything else is the fleet's: the sessions (``fleet.links`` from each
chassis' inventory variables), the report, its printing. The reads are ``module_utils.jobs.pair_import``'s,
the intent and its proof ``srd.adopt``'s. The ICCP key is vaulted here, with the run's vault secret: the
domain never sees one.
"""
from __future__ import annotations

import copy
import datetime
import os
import tempfile
from collections.abc import Mapping

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_text

from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FAILED
from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_import
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import read_info
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import build, render
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import Fleet, PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import FORMATS
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK, Secret
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction

KEY_CHOICES = ["auto"] + list(render.KEY_MODES)


class ActionModule(FleetAction):
    JOB = "import"
    ARGUMENT_SPEC = {
        "pair": {"type": "str"},
        "chassis": {"type": "list", "elements": "str"},
        "backup": {"type": "path"},
        "config_files": {"type": "dict"},
        "format": {"type": "str", "default": "auto", "choices": list(FORMATS)},
        "name": {"type": "str"},
        "dest": {"type": "path"},
        "iccp_key": {"type": "str", "default": "auto", "choices": KEY_CHOICES},
        "vault_id": {"type": "str"},
        "force": {"type": "bool", "default": False},
        "strict": {"type": "bool", "default": False},
    }

    # -- the pair, without an intent ---------------------------------------------------------------

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        given = [k for k in ("intent", "intent_file", "intent_dir", "hosts") if args.get(k)]
        if given:
            raise ValueError("pair_import writes an intent (dest) and reads none: %s is for the jobs that use one; name "
                             "the pair with pair, chassis, backup or config_files" % ", ".join(given))
        sources = [k for k in ("pair", "chassis", "backup", "config_files") if args.get(k)]
        if len(sources) != 1:
            raise ValueError("name the pair one way: pair (the inventory group of its two chassis), chassis (their "
                             "two inventory names), backup (a backup directory) or config_files (a configuration "
                             "file per chassis); got %s" % (", ".join(sources) or "none"))
        args["fail_on_drift"] = args["strict"]      # FleetAction fails the run on a drifted pair with this

    def _fleet(self, args: dict, task_vars: dict) -> tuple:
        play = list(task_vars.get("ansible_play_hosts_all") or task_vars.get("ansible_play_hosts") or [])
        self._files = None
        if args.get("backup") or args.get("config_files"):
            names, self._files, default = self._offline(args)
            connection = {}
            source = "backup %s" % args["backup"] if args.get("backup") else "configuration files"
        else:
            hostvars = task_vars.get("hostvars", {})
            if args.get("pair"):
                members = (task_vars.get("groups") or {}).get(args["pair"])
                if members is None:
                    raise ValueError("the inventory has no group %s" % args["pair"])
                names, default, source = list(members), args["pair"], "inventory group %s" % args["pair"]
            else:
                names, default, source = list(args["chassis"]), None, "chassis %s" % ", ".join(args["chassis"])
            if len(names) != 2 or len(set(names)) != 2:
                raise ValueError("%s holds %d host%s (%s); a pair is two chassis" % (
                    source, len(names), "" if len(names) == 1 else "s", ", ".join(names) or "none"))
            unknown = [n for n in names if n not in hostvars]
            if unknown:
                raise ValueError("the inventory does not hold %s" % ", ".join(unknown))
            connection = {n: self._host_vars(hostvars[n], with_intent=False) for n in names}
        names = tuple(sorted(names))
        name = args.get("name") or default or " + ".join(names)
        return Fleet(pairs=[PairSpec(name, names, {}, source, connection=connection)]), play

    def _offline(self, args: dict) -> tuple:
        if args.get("backup"):
            info = read_info(self._path(args["backup"], "backup", directory=True))
            files = info.meta.get("files", {})
            out = {n: (os.path.join(info.path, (files.get(n) or {}).get("srd") or "%s.xml" % n), "xml")
                   for n in info.chassis}
            return list(out), out, info.meta.get("pair")
        out = {}
        for name, value in args["config_files"].items():
            fmt = args["format"]
            if isinstance(value, Mapping):
                unknown = set(value) - {"file", "format"}
                if unknown or "file" not in value:
                    raise ValueError("config_files.%s: give file (and format); got %s" % (name, ", ".join(sorted(value))))
                fmt = value.get("format") or fmt
                if fmt not in FORMATS:
                    raise ValueError("config_files.%s.format must be one of %s" % (name, ", ".join(FORMATS)))
                value = value["file"]
            out[str(name)] = (self._path(str(value), "configuration file of %s" % name), fmt)
        if len(out) != 2:
            raise ValueError("config_files names %d chassis (%s); a pair is two" % (len(out), ", ".join(out) or "none"))
        return list(out), out, None

    def _path(self, path: str, what: str, directory: bool = False) -> str:
        found = os.path.expanduser(path)
        if not os.path.exists(found) and not directory:
            try:
                found = self._find_needle("files", path)
            except AnsibleError:
                pass
        if not (os.path.isdir(found) if directory else os.path.isfile(found)):
            raise InputError("%s %s not found" % (what, path))
        return os.path.abspath(found)

    def _validate(self, pairs) -> tuple:
        return [(spec, None) for spec in pairs], []

    # -- the job -----------------------------------------------------------------------------------

    def pair_job(self, args: dict, runnable: list):
        self._written: dict = {}
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

        def job(spec, links):
            try:
                sources = pair_import.read_files(self._files) if self._files else \
                    pair_import.read_live(spec.chassis, links)
                adoption = build.adopt(*sources.values(), name=spec.name)
            except (InputError, ValueError) as exc:
                return pair_import.failed(spec.name, spec.chassis, "nothing imported: %s" % exc)
            try:
                mode, vault_lines = self._key(args, adoption)
            except (AnsibleError, ValueError) as exc:
                return pair_import.failed(spec.name, spec.chassis, "nothing written: %s" % to_text(exc))
            lines = render.render(adoption, mode, vault_lines, stamp=stamp)
            dest = args.get("dest")
            try:
                state = self._write_intent(dest, lines, adoption, mode, args) if dest else "shown"
            except (OSError, InputError) as exc:
                return pair_import.failed(spec.name, spec.chassis, "the intent could not be written to %s: %s"
                                          % (dest, exc))
            outcome = pair_import.outcome(adoption, dest, state)
            outcome.details["iccp_key"] = mode
            if adoption.key is not None and mode == "placeholder":
                outcome.summary += " once the ICCP key is in: it is a PLACEHOLDER"
            if adoption.key is not None:
                outcome.lines.insert(1, "ICCP key: %s" % {
                    "vault": "vaulted with this run's vault secret",
                    "clear": "written as the chassis show it (asked for with iccp_key: clear)",
                    "placeholder": "a PLACEHOLDER the collection refuses: put the key in (vaulted) before deploying, "
                                   "or import again with a vault secret (--ask-vault-pass, --vault-password-file)"}[mode])
            self._written[spec.name] = {"lines": lines, "intent": render.plain_intent(adoption, "placeholder")}
            return outcome
        return job

    def _key(self, args: dict, adoption: build.Adoption) -> tuple:
        """(how the key is written, the vault text for ``vault``)."""
        mode = args["iccp_key"]
        if adoption.key is None:
            return ("placeholder" if mode == "auto" else mode), None
        if mode in ("vault", "auto"):
            from ansible.parsing.vault import VaultLib, match_encrypt_secret

            secrets = getattr(getattr(self._loader, "_vault", None), "secrets", None) or []
            try:
                found = match_encrypt_secret(secrets, encrypt_vault_id=args.get("vault_id")) if secrets else None
            except AnsibleError:
                found = None
            if not found:
                if mode == "vault":
                    raise ValueError("iccp_key: vault needs a vault secret (--ask-vault-pass, --vault-password-file or "
                                     "--vault-id%s)" % (" matching vault_id %s" % args["vault_id"]
                                                        if args.get("vault_id") else ""))
                return "placeholder", None
            vault_id, secret = found
            text = VaultLib(secrets).encrypt(adoption.key.plaintext(), secret=secret, vault_id=vault_id)
            return "vault", to_text(text).splitlines()
        return mode, None

    def _same(self, path: str, adoption: build.Adoption, mode: str) -> bool:
        """Whether the file already holds this intent (the key compared by meaning, vault decrypted)."""
        try:
            held = plain_copy(self._loader.load_from_file(path), path=path)
        except (AnsibleError, OSError, ValueError):
            return False
        wanted = copy.deepcopy(adoption.intent)
        if not isinstance(held, dict):
            return False
        for data, key in ((held, None), (wanted, adoption.key if mode != "placeholder" else MASK)):
            iccp = data.get("iccp")
            if isinstance(iccp, dict) and "authentication_key" in iccp:
                value = key if key is not None else iccp["authentication_key"]
                iccp["authentication_key"] = Secret(value) if isinstance(value, (str, Secret)) else value
        return held == wanted

    def _write_intent(self, dest: str, lines: list, adoption: build.Adoption, mode: str, args: dict) -> str:
        path = os.path.abspath(os.path.expanduser(dest))
        if os.path.exists(path):
            if self._same(path, adoption, mode):
                return "unchanged"
            if not args["force"]:
                raise InputError("it exists and holds something else (an earlier import, edited since?); set force: "
                                 "true to overwrite it")
        if self._task.check_mode:
            return "check"
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".mxha-srd-import-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(to_bytes("\n".join(lines) + "\n"))
            os.chmod(temporary, 0o600 if mode == "clear" else 0o644)
            os.replace(temporary, path)
        except OSError:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return "written"

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        written = getattr(self, "_written", {})
        report = getattr(self, "last_report", None)
        if report is not None and len(report.pairs) == 1 and report.pairs[0].outcome != FAILED:
            pair = report.pairs[0]
            result.update(dest=pair.details.get("intent_file"), exact=pair.details.get("exact"),
                          findings=pair.details.get("findings", []), unmodelled=pair.details.get("unmodelled", {}),
                          inactive=pair.details.get("inactive", {}), iccp_key=pair.details.get("iccp_key"),
                          intent=written.get(pair.pair, {}).get("intent"),
                          intent_lines=written.get(pair.pair, {}).get("lines", []))
        return result
