"""Performance benchmark of the portal (issue 7): synthetic SOPs, timed builds, page weight.

`make bench` runs `python -m bench.run`; see docs/kinerja.md for the figures and the method.
"""
