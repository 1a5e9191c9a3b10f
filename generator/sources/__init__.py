"""Readers in front of the one model: samplegen YAML specs (and OpenAPI documents)."""

from generator.sources.yaml_spec import load_spec, load_specs

__all__ = ["load_spec", "load_specs"]
