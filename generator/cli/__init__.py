"""The command line: a thin click layer over the importable core."""
