"""Scorer: structured technical interviews, scored live, signed and merged."""

__version__ = "0.1.0"
