# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SRD domain: pure Python, standard library only, no I/O, no Ansible.

Everything else in the collection (NETCONF services, resource modules, jobs, plugins) and the
emulator build on it; it imports nothing from them. Its parts, bottom first:

- ``errors``: violations as data, input errors as sentences;
- ``plain``: user input as plain Python data, bounded (an aliased YAML structure cannot blow up);
- ``model/``: the configuration model, its rules and validation, the plain-dict form;
- ``junos/``: Junos XML, ``set`` and curly-brace text in both directions, and where each resource lives;
- ``engine/``: the SRD decision engine (what srd does on an event or a manual request);
- ``live/``: operational replies and the facts shape of the live state;
- ``diff``, ``intent/``: per-resource diffs, the pair intent;
- ``adopt/``: a running pair's two configurations -> the pair intent that reproduces them, proved;
- ``drift/``: drift of a pair;
- ``audit/``: the failure audit (every failure and request decided by the engine, and judged).

A part imports only the parts listed above it (a test holds the order).
"""
