# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The configuration model of SRD and its rules.

``config`` holds the frozen dataclasses keyed by Junos keys; ``rules`` the seed's limits and
membership rules as data with stable ids; ``validate`` checks one chassis or a pair against them;
``serialize`` reads and writes the plain-dict form with a path for every problem; ``paths``,
``vocabulary`` and ``secret`` are the addressing, the spellings and the ICCP key that never prints.

May import: ``srd.errors``, ``srd.plain``.
"""
