"""Chassis state: what one emulated MX holds, below every protocol and daemon.

- datastore.py: configuration databases (committed history, shared candidate, private copies, lock);
- chassis.py: one chassis (identity, datastore, open sessions, active faults, RPC log, events,
  the pending confirmed commit), with the Protocols and hooks the layers above plug into.

May import: the foundation (xmlutil, errors, options, rpclog) and the configuration language
(confops, baseline). Nothing above: the SSH server, srd and the rest are given at wiring time.
"""
