# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options shared by the SRD resource modules (the text lives in module_utils so the modules'
argument_spec is built from the same words)."""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.resource_docs import SHARED_DOC


class ModuleDocFragment:
    DOCUMENTATION = SHARED_DOC
