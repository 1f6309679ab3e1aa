# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Drift of a pair against its intent, without a device: ``compare`` finds it (configuration,
symmetry, live state), ``render`` writes it as a table, JSON and JUnit.

May import: every other part of ``srd``.
"""
