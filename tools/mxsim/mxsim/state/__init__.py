"""Chassis state: what one emulated MX holds, below every protocol and daemon.

- datastore.py: configuration databases (committed history, shared candidate, private copies, lock);
- faultset.py: the fault registry and the faults active on a chassis (known through a Protocol);
- chassis.py: one chassis (identity, datastore, open sessions, active faults, RPC log, events,
  the pending confirmed commit), with the Protocols and hooks the layers above plug into;
- session.py: a client session as the chassis sees it (its candidate, the lock rules).

May import: the foundation (xmlutil, errors, options, rpclog) and the configuration language
(confops, baseline). Nothing above: the SSH listener, srd and the emulator are given at wiring
time (Chassis.listen_with, pair_with, daemons).
"""
