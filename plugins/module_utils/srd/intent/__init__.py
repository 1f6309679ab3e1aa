# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair intent: one document for both chassis (``pair``), mirrored into one model per chassis,
and the validation report of an intent or of two configurations (``report``).

May import: ``srd.errors``, ``srd.plain``, ``srd.model``, ``srd.junos``.
"""
