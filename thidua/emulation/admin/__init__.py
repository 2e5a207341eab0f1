"""The admin of a cluster's year, one module per stage (Django imports this package to register them)."""

from thidua.emulation.admin import launch, meeting, review, scoring, year

__all__ = ["launch", "meeting", "review", "scoring", "year"]
