# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The failure audit of an SRD pair: every single failure (and every pair of them), decided by the engine.

Why a package of its own: the audit asks the engine thousands of questions about one design and
judges the answers; the engine stays the one place that knows what srd does, and this package only
enumerates what can happen, chains it, and says what is wrong with the outcome. Its parts, one job
each:

- ``design``: the pair split into independent components (sets that share no event, signal route
  or VRRP group), each compiled as a small pair, and what each failure touches;
- ``scenarios``: the starting states and every failure and operator action, projected onto the
  components they act on;
- ``apply``: one failure applied to one component (the engine's ``decide``, plus the readings for
  what the engine has no vocabulary for: ICCP down, a chassis held in wait or warned);
- ``outcome``: what a chain of failures did to each set (switches, stays, refused, flaps, lost),
  the signal routes, VRRP winners, advertisement and stateful-sync roles;
- ``findings``: the audit rules (stable ids, severity, source, fix hint) and their checks;
- ``run``: the audit itself (depth 1 and 2) and its result;
- ``matrix``: sets x failure classes, for the reports;
- ``render`` (table, JSON, JUnit) and ``report`` (HTML, Markdown).

May import: ``srd.errors``, ``srd.model``, ``srd.engine``, ``srd.live``. Standard library only, no I/O.
"""
