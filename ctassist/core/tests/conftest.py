"""Fixtures of the core tests: `instance`, a database of its own for the fault tests."""

from ctassist.core.tests.faults import instance

__all__ = ["instance"]
