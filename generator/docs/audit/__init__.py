"""Audit hand-written samples in docs pages: static rules, matching, running them."""
