"""Build steps that read the pinned SDKs and write their operation tables (make sdk-tables)."""
