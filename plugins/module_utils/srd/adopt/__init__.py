# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adopt a running pair: two chassis' SRD configurations in, the pair intent that reproduces them out.

- ``source``: one chassis' configuration as read (XML element, XML/set/text file) with what the model
  does not hold kept verbatim (unmodelled and inactive statements as ``set`` lines) and where each
  entry came from (configuration groups);
- ``pairing``: interface aliases from what differs between the two chassis;
- ``build``: the intent mapping, the findings (what the intent cannot express, said precisely) and the
  proof: the intent is loaded back and compared with both chassis, so "deploying it changes nothing"
  is checked, not assumed;
- ``render``: the intent as YAML text with comments (the ICCP key vaulted, a placeholder or, if asked,
  as the chassis shows it).

Pure: no device, no file, no YAML library (docs/adopt.md).

May import: every part of ``srd`` below ``drift`` (``errors``, ``plain``, ``model``, ``junos``, ``diff``,
``intent``).
"""
