"""Harnesses shared by the tests and the benchmark: start the app, run nginx in front of it.

Not part of the app (the container image holds none of it) and not tests themselves:
``tests/`` and ``bench/`` both import from here, and neither imports the other.
"""
