"""mxsim: an emulated Juniper MX pair (NETCONF over SSH on loopback) for mxha.srd's tests."""
