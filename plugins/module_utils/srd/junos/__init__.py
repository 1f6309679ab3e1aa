# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos syntax for the SRD hierarchies.

``xml/`` renders the model as canonical Junos XML and parses what a box returns (namespaces,
groups, inactive statements); ``syntax/`` converts XML, ``set`` lines and curly-brace text and prints
``show | compare``; ``scope`` says where each resource lives (read filters, foreign statements).

May import: ``srd.errors``, ``srd.plain``, ``srd.model``.
"""
