# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The runner every SRD resource module shares: offline validation, one read, the state logic
(``states``), the minimal payload (``payload``), one transaction; the shared documentation
(``docs``) and the argument spec derived from it (``argspec``).

May import: ``srd``, ``netconf``.
"""
