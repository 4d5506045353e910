"""Packages that the scan tests import through ``AsyncMessageBus.scan``."""
