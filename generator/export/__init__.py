"""Exports of the model to other formats (one OpenAPI document with code samples)."""
