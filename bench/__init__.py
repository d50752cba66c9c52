"""Benchmarks: `make bench` (python -m bench) runs each and rewrites BENCHMARKS.md."""
