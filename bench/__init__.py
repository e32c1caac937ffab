"""Performance benchmark of the dashboard (not part of the test suite): ``python -m bench.run``."""
