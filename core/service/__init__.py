"""The service layer: repository and unit-of-work ports, and the handlers of the use cases."""
