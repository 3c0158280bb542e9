"""Demo data: a small organisation with named personas, and a large one for benchmarks.

Both are built by ``manage.py demo`` and are deterministic from a seed.
"""
