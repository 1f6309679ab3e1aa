# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action of mxha.srd.redundancy_sets: the shared SRD resource action (plugin_utils.resource_action)."""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.plugin_utils.resource_action import ResourceAction


class ActionModule(ResourceAction):
    """Runs mxha.srd.redundancy_sets in the controller's worker, over the persistent NETCONF connection."""
