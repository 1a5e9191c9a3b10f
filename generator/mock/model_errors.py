"""The "model not found" error texts, naming the model that the request sent."""

from __future__ import annotations

from generator.model import JSON

# Public captures of the DashScope native API answer an unknown model with 400
# InvalidParameter and the bare text "Model not exist.", which does not say which model.
# The mock names the model after the service's own words ("Model not exist: qwen-foo."):
# the sample's stderr then shows which model was wrong, and code that recognises the
# service's text by its start ("Model not exist") still recognises it. The OpenAI-compatible
# family names the model itself; its documented text carries a ``{model}`` placeholder.
NATIVE_TEXT = "Model not exist."


def model_message(message: str, model: str) -> str:
    """``message`` naming ``model``: ``{model}`` filled in, and the native family's bare
    ``Model not exist.`` as ``Model not exist: <model>.`` (unchanged without a model)."""
    if not model:
        return message.replace("{model}", "")
    if message == NATIVE_TEXT:
        return f"{NATIVE_TEXT[:-1]}: {model}."
    return message.replace("{model}", model)


def name_model(body: JSON, model: str) -> JSON:
    """An error ``body`` whose every text names ``model`` as ``model_message`` does."""
    if isinstance(body, str):
        return model_message(body, model)
    if isinstance(body, dict):
        return {k: name_model(v, model) for k, v in body.items()}
    if isinstance(body, list):
        return [name_model(v, model) for v in body]
    return body
