"""Policies: event handlers that carry on a use case in the same transaction (a registered
book gets its copy #1).

Scanned by ``core.bootstrap`` with the handlers and projections (not by a bus that scans only
``core.service.handlers``, such as the tutorial's, whose unit of work has no copies).
"""
