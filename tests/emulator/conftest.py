"""Fixtures for tests against the live emulator: one shared emulator per session, reset per test
(mx), and a base:1.1 one (mx11). See mxsim.testing."""

from mxsim.testing import fast_ncclient, mx, mx11, mxsim_emulator, mxsim_emulator_base11  # noqa: F401 pylint: disable=unused-import

fast_ncclient()
