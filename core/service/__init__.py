"""The service layer: repository and unit-of-work ports, and the handlers of the use cases."""

HANDLER_PACKAGES = (
    "core.service.handlers",
    "core.service.projections",
    "core.service.policies",
)
"""What a catalogue's bus scans: the use cases, the projections of the read models, and the
policies that carry a use case on."""
