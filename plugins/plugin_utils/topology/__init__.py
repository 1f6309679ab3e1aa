# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair topology picture: ``graph`` decides what is drawn, ``mermaid`` and ``svg`` draw it.

May import: ``module_utils``.
"""
