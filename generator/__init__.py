"""samplegen: one spec per API endpoint, runnable samples in seven languages."""

__version__ = "0.2.0"
