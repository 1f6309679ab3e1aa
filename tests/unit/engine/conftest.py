# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the engine tests: the doc's tables become test parameters."""

from __future__ import annotations

import pytest

from .engine_cases import build_pair, doc_table


@pytest.fixture
def pair_configs():
    return build_pair


def pytest_generate_tests(metafunc):
    tables = {
        "case_row": "8. Case table",
        "plan_row": "9. Planning a switchover",
        "device_row": "2.1 Device state mapping",
    }
    for fixture, heading in tables.items():
        if fixture in metafunc.fixturenames:
            rows = doc_table(heading)
            ids = [r.get("id") or r.get("device text") for r in rows]
            metafunc.parametrize(fixture, rows, ids=ids)
