"""NETCONF over SSH: framing, one session (hello, dispatch, Junos-shaped replies) and the listener.

- framing.py: base:1.0 end-of-message and base:1.1 chunked framing (bytes only);
- session.py: one session, which hands each RPC to the dispatcher it was given;
- server.py: one asyncssh listener per chassis.

May import: chassis state (mxsim.state), the RPC reply markers (mxsim.rpc.replies) and the
foundation. Not the RPC handlers, commands, srd or the emulator.
"""
