"""mxsim: emulated Juniper MX pairs speaking NETCONF over SSH on loopback, for mxha.srd's tests.

See tools/mxsim/README.md; `mxsim up` starts it, mxsim.testing holds the pytest fixtures.
Its layers import one way (README, Layers; tests/unit/layers/test_mxsim_layers.py); this
package's own __init__ imports nothing.
"""
