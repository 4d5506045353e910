"""The service layer: repository and unit-of-work ports, and the handlers of the use cases."""

HANDLER_PACKAGES = ("core.service.handlers", "core.service.projections")
"""What a catalogue's bus scans: the use cases, and the projections of the read models."""
