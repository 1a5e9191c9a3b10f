"""The mock API (built from the specs) and the TLS-intercepting proxy the harness routes through."""

from generator.mock.core import (
    DEFAULT_API_KEY,
    DEFAULT_DENIED_KEY,
    DEFAULT_REPLY,
    IncomingRequest,
    Mock,
    MockConfig,
    MockResponse,
    RecordedRequest,
    json_differences,
)
from generator.mock.proxy import InterceptingProxy, ProxyPort, SharedProxy, TestCA
from generator.mock.server import MockServer

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_DENIED_KEY",
    "DEFAULT_REPLY",
    "IncomingRequest",
    "InterceptingProxy",
    "Mock",
    "MockConfig",
    "MockResponse",
    "MockServer",
    "ProxyPort",
    "RecordedRequest",
    "SharedProxy",
    "TestCA",
    "json_differences",
]
