# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the options every SRD resource module shares.

One text serves twice: the ``mxha.srd.resource`` doc fragment shows it in ``ansible-doc``, and the
modules build their argument_spec from it (:mod:`argspec`), so docs and spec cannot drift.
"""
from __future__ import annotations

SHARED_DOC = r"""
options:
  state:
    description:
      - What to do with I(config).
      - C(merged) merges I(config) into the device's SRD statements (lists are united, nothing is removed).
      - C(replaced) makes each entry named in I(config) exactly as given; entries not named stay as they are.
        ICCP is one object, so a given C(iccp) replaces ICCP as a whole.
      - C(overridden) makes the resource exactly I(config); SRD entries not in it are removed (only within SRD's own
        hierarchies; unrelated configuration, and the rest of partly owned objects such as a service set's rules or a
        VRRP group's virtual address, is never touched). Routing instances are only ever added or updated.
      - C(deleted) removes the entries named in I(config) (only their keys are read), or all of the resource when
        I(config) is omitted (an empty I(config) deletes nothing).
      - C(gathered) reads the device's SRD statements into C(gathered), in the format of I(config).
      - C(rendered) returns the Junos XML and set lines for I(config) in C(rendered) without contacting the device.
      - C(parsed) reads I(running_config) into C(parsed), in the format of I(config), without contacting the device.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
    default: merged
  running_config:
    description:
      - With I(state=parsed), the configuration to read, as C(show configuration) text, set lines
        (C(show configuration | display set)) or XML (C(| display xml)); only its SRD statements are read.
    type: str
  config_mode:
    description:
      - How a change edits the candidate configuration.
      - C(exclusive) locks the shared candidate (like C(configure exclusive)). The task fails, without changing
        anything, when another session holds the lock or the shared candidate already holds someone else's
        uncommitted changes.
      - C(private) edits a private copy of the configuration (like C(configure private)), so other users'
        uncommitted changes neither block nor join the commit. Commit confirmed (I(confirm_timeout)) is not
        possible in a private candidate.
    type: str
    choices: [exclusive, private]
    default: exclusive
  confirm_timeout:
    description:
      - Commit the change with C(commit confirmed), rolled back by Junos after this many minutes unless confirmed
        (1-65535). Confirm it with a later task that sets I(confirm=true).
      - The commit confirmed also ends with the NETCONF session that made it (Juniper documents the rollback
        for a session killed with C(kill-session); RFC 6241 8.4 for any end, which the emulator follows), so the
        persistent connection must outlive the gap until the confirming task. Ansible closes an idle one after
        C(persistent_connect_timeout) (30 s by default); over many hosts, raise it above the time between the two
        tasks. The pair jobs (C(mxha.srd.pair_deploy)) hold their sessions themselves and need none of this.
      - Applies only when the task changes something; the result's C(commit_confirmed) says a confirmation is pending.
      - Not possible with I(config_mode=private).
    type: int
  confirm:
    description:
      - Confirm a pending commit confirmed (made earlier with I(confirm_timeout)) with a plain commit, under an
        exclusive lock so that no one else's uncommitted change is committed with it. Give no I(config).
      - This is how a pair is deployed safely, both chassis or neither, push with I(confirm_timeout) to both,
        check health, then confirm both.
      - It first reads the commit history (C(show system commit)) and fails, committing nothing, unless the
        newest commit is a commit confirmed still waiting; after the automatic rollback a plain commit would
        report success for a change that is gone. In check mode it only does that read.
    type: bool
    default: false
  comment:
    description:
      - "The commit log comment (C(show system commit)). Defaults to C(mxha.srd.<module>: <task name>)."
    type: str
notes:
  - "RPC budget per chassis, once the connection is up: C(gathered), check mode and a run that changes nothing send
    one C(get-configuration), filtered to the SRD hierarchies of the resources involved, reading the committed
    configuration; they take no lock and leave the candidate untouched (the check-mode diff is computed from the
    model). A run that changes something adds one transaction of six RPCs: C(lock) (or C(open-configuration private)),
    one C(load-configuration) for all resources, C(commit-configuration check), C(get-configuration compare
    rollback 0), C(commit-configuration) with a log comment (and C(confirmed) with I(confirm_timeout)), C(unlock)
    (or C(close-configuration)). I(confirm=true) sends C(lock), C(commit-configuration), C(unlock)."
  - "A dirty shared candidate costs no extra RPC to detect: Junos refuses C(lock) while the candidate holds
    uncommitted changes, and the compare after the load must show changes only inside the SRD hierarchies the
    task manages, else the task discards and fails."
  - "On any error the task discards the candidate and unlocks before failing, and reports every C(rpc-error)
    (severity, path, element, message). If the session itself drops, Junos discards the uncommitted change and
    releases the lock when it notices the session is gone."
  - "Input is validated offline first: a violation fails the task before any RPC is sent. Rules that need the
    device's other SRD statements (for example a policy naming an event) are checked after the one read, before
    anything is changed."
  - "The ICCP authentication key is never shown: results, diffs and commands mask it as C(********)."
  - "Works with C(ansible_connection=ansible.netcommon.netconf) and C(ansible_network_os) set to C(mxha.srd.junos) or
    C(junipernetworks.junos.junos): the modules send raw Junos RPCs."
"""
