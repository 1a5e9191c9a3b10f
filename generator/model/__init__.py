"""The one validated model of an endpoint, which every reader builds and every template,
the mock and the harness read (see :mod:`generator.model.endpoint`)."""

from generator.model.endpoint import (
    DEFAULT_FILE_TEXT,
    JSON,
    Auth,
    Endpoint,
    ErrorResponse,
    Parameter,
    Region,
    TaskPolling,
    UploadFile,
    value_at,
)
from generator.model.params import FieldEncoding, encode_segment, scalar_text

__all__ = [
    "DEFAULT_FILE_TEXT",
    "JSON",
    "Auth",
    "Endpoint",
    "ErrorResponse",
    "FieldEncoding",
    "Parameter",
    "Region",
    "TaskPolling",
    "UploadFile",
    "encode_segment",
    "scalar_text",
    "value_at",
]
