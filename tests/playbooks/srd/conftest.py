# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the SRD playbook tests (helpers in srd_play_helpers.py)."""

from __future__ import annotations

from mxsim.testing import srd_pair  # noqa: F401 pylint: disable=unused-import
from srd_play_helpers import background, plays  # noqa: F401 pylint: disable=unused-import
