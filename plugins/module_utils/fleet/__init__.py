# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet: many pairs in one task, each pair isolated, at NETCONF speed.

``links`` holds a chassis' controller-side NETCONF session (opened from its inventory variables,
reopened after a drop, RPCs counted across both); ``executor`` runs one job per pair with bounded
concurrency and turns anything a job raises into that pair's failure; ``report`` is the fleet
report (table, versioned JSON, JUnit) and the merge of reports from several runs (job slices).

May import: ``srd``, ``netconf``.
"""
