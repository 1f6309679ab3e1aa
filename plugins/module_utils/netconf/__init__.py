# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The services layer's one NETCONF choke point.

``transport`` is the only code that sends an RPC (counted, every ``<rpc-error>`` parsed);
``ncclient_sender`` opens controller-side sessions from inventory variables; ``config_session``
holds the Junos configuration RPCs and the transaction that never leaves a lock or a dirty
candidate; ``live_reader`` spends the fewest RPCs on a chassis' live SRD state.

May import: ``srd`` (the domain) and ``ansible.module_utils``; never ``resource``, ``jobs`` or plugins.
"""
