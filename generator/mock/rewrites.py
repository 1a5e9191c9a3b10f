"""Request rewrites that an SDK makes on the caller's behalf and declares on the wire."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from generator.model import JSON

# The DashScope SDKs (Python 1.24+, Java 2.21+) send a stream asked for with
# ``incremental_output: false`` as ``true``, merge the pieces back into the whole text so far
# themselves, and append this token to the User-Agent (``incremental_to_full/0`` when they
# did not rewrite). The sample still sees the whole text in every event.
MERGED_BY_SDK = "incremental_to_full/1"


def _user_agents(headers: Iterable[tuple[str, str]]) -> list[str]:
    return [value for name, value in headers if name.lower() == "user-agent"]


def as_asked(body: JSON, headers: Iterable[tuple[str, str]]) -> JSON:
    """``body`` as the sample asked its SDK to send it: with ``incremental_output`` false
    again when the User-Agent declares the DashScope SDK's rewrite (``MERGED_BY_SDK``).
    Any other body comes back unchanged (the same object)."""
    if not any(MERGED_BY_SDK in agent for agent in _user_agents(headers)):
        return body
    params = body.get("parameters") if isinstance(body, dict) else None
    if not isinstance(params, dict) or params.get("incremental_output") is not True:
        return body
    asked = copy.deepcopy(body)
    asked["parameters"]["incremental_output"] = False
    return asked
