# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos XML of the SRD hierarchies: ``render`` (model to canonical XML), ``parse`` (reply to model)
and ``groups`` (what a real reply holds that we never render: namespaces, ``junos:`` attributes,
``groups`` with ``apply-groups``).

May import: ``srd.errors``, ``srd.model``, ``srd.junos.syntax``.
"""
