# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The live state of a pair as data: ``replies`` parses operational RPC replies (by element name,
anywhere in the reply) and builds the requests; ``facts`` is the shape plugins exchange.

May import: ``srd.errors``, ``srd.plain``, ``srd.model``, ``srd.engine``.
"""
