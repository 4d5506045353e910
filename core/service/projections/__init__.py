"""Projections: event handlers that keep the read models, in the transaction of the write.

Scanned with the handlers by ``core.bootstrap`` (not by a bus that scans only
``core.service.handlers``, such as the tutorial's, whose unit of work has no read models).
"""
