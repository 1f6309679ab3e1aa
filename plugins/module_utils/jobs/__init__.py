# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The jobs that span a pair: the manual switchover (``switchover``), the state read behind the
health gate (``state_task``), and the result shape of a decision (``decision_result``).

May import: ``srd``, ``netconf``, ``resource``.
"""
