# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the SRD domain tests: the shipped CGNAT pair example, as intent and as models."""

from __future__ import annotations

import copy

import pytest

from .helpers import example_data, load_example


@pytest.fixture
def intent_data():
    """A fresh copy of docs/examples/cgnat-pair.yml as plain data."""
    return copy.deepcopy(example_data())


@pytest.fixture
def pair():
    """The example's PairIntent (configs per hostname)."""
    return load_example()


@pytest.fixture
def mx1(pair):
    return pair.configs["pair1-mx1"]


@pytest.fixture
def mx2(pair):
    return pair.configs["pair1-mx2"]
