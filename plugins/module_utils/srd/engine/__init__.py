# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SRD decision engine: deterministic, pure, traced to the seed (docs/srd-semantics.md).

``state`` is the role vocabulary, ``index`` compiles a pair's configuration once, ``decide`` runs
events and requests through it, ``effects`` derives signal routes, VRRP and advertisement,
``result`` is the Decision callers read, ``plan`` picks the request for a wanted primary, and
``rules`` names every rule a decision can cite.

May import: ``srd.errors``, ``srd.plain``, ``srd.model``.
"""
