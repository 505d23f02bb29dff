"""Benchmarks of Workbench at a heavy user's scale; every figure is a ratio (see README.md)."""
