"""mxsim: emulated Juniper MX pairs speaking NETCONF over SSH on loopback, for mxha.srd's tests.

See tools/mxsim/README.md; `mxsim up` starts it, mxsim.testing holds the pytest fixtures.
"""
