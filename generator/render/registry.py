"""The typed registry of target languages and their variants (one template folder each)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.errors import RegistryError

if TYPE_CHECKING:
    from generator.model import Endpoint

# The request and answer shapes the grown spec format added (``Endpoint.shapes``), in the
# order a decline names the first one a variant lacks, with how a reason says it.
SHAPES: dict[str, str] = {
    "method": "methods other than GET, POST, PUT, PATCH and DELETE",
    "head": "HEAD requests",
    "http": "plain http:// base URLs",
    "port": "a port in the base URL",
    "base-path": "a base path in the base URL",
    "path-styles": "path parameters that hold lists or objects or use label or matrix",
    "query-styles": "query parameters that hold lists or objects or use another style than form",
    "header-params": "header parameters",
    "cookie-params": "cookie parameters",
    "auth-cookie": "an API key in a cookie",
    "auth-basic": "HTTP Basic authentication",
    "json-media-type": "JSON bodies of a media type other than application/json",
    "form-empty": "empty forms",
    "form-nested": "form fields that hold lists or objects",
    "multipart-json": "multipart parts of JSON",
    "empty-file": "empty files",
    "raw-text": "raw text bodies",
    "raw-file": "bodies read from a file",
    "sse": "plain server-sent events",
    "text": "text answers",
    "empty": "answers without a body",
    "redirect": "redirects",
}
ALL_SHAPES = frozenset(SHAPES)

OPENAI = "openai-compatible"
NATIVE = "dashscope-native"
BOTH = frozenset({OPENAI, NATIVE})


@dataclass(frozen=True)
class Language:
    """A programming language we render samples in."""

    key: str
    label: str
    info_string: str  # the Markdown code-fence info string


# -- SDKs whose calls come from a derived operation table (generator/sdk/tables) ---------------


@dataclass(frozen=True)
class Sdk:
    """An SDK a variant calls through, described as data: which operation table says what
    it can call, how a sample names and builds its client, and how it sends the key.

    Variants of one generator family (Stainless: openai, anthropic) share one template per
    language; the template reads everything SDK-specific from here.
    """

    table: str  # generator/sdk/tables/<table>.json
    label: str  # how the sample's header names it: "OpenAI Python SDK"
    module: str  # what the sample imports: the Python module, the npm package
    client: str  # the client class: OpenAI, Anthropic
    key_header: str = "Authorization"  # the header the SDK sends the key in
    key_scheme: str = "Bearer"  # what precedes the key in it ("" for none)
    # Path values the SDK raises on before it sends anything (Stainless SDKs check path
    # parameters: no empty value, no dot segment that would change the path).
    refused_path_values: frozenset[str] = frozenset({"", ".", ".."})

    def path_reason(self, endpoint: Endpoint) -> str | None:
        """Why this SDK cannot send a path parameter of ``endpoint`` (None: it sends all)."""
        for i, param in enumerate(endpoint.parameters):
            if param.location == "path" and param.text in self.refused_path_values:
                what = "an empty value" if param.text == "" else f"the dot segment {param.text!r}"
                return f"parameters[{i}]: the {self.label} refuses {what} in the path"
        return None

    def key_reason(self, endpoint: Endpoint) -> str | None:
        """Why this SDK cannot send ``endpoint``'s key (None when it sends it the same way)."""
        auth = endpoint.auth
        same = (
            auth.kind == "header"
            and auth.header.lower() == self.key_header.lower()
            and auth.scheme == self.key_scheme
        )
        if same:
            return None
        scheme = f"{self.key_scheme} <key>" if self.key_scheme else "<key>"
        return f"the SDK sends its key as {self.key_header}: {scheme}; this endpoint's differs"


def _java_sdk_limits(endpoint: Endpoint) -> str | None:
    """The Java SDK's params builders refuse a request without a value a required setter
    can take (``build()`` checks them): such an endpoint is declined with the setter."""
    from generator.render.filters.sdk_java import java_sdk_decline
    from generator.render.sdk_calls import call_row, plan

    if endpoint.response_kind == "text":
        return "the OpenAI Java SDK sample does not print text answers yet"
    row = call_row(OPENAI_JAVA.table, endpoint)
    return java_sdk_decline(plan(row, endpoint)) if row is not None else None


def _sdk_decline(sdk: Sdk, endpoint: Endpoint) -> str | None:
    """Why ``sdk`` does not render ``endpoint``: its table has no call for it, the call
    cannot send this request or give this answer, or the key travels elsewhere."""
    from generator.render.sdk_calls import decline  # the tables load on first use only

    return decline(sdk.table, endpoint) or sdk.key_reason(endpoint) or sdk.path_reason(endpoint)


@dataclass(frozen=True)
class Variant:
    """One way of calling the API in a language (an SDK or a plain HTTP client).

    A plain-HTTP variant (``family`` None) renders any endpoint its capabilities allow. An
    SDK variant names the API ``family`` it talks to and the ``operations`` it can call
    (data, not template logic); any other endpoint it declines, with a reason.
    """

    language: str
    key: str
    label: str
    filename: str
    family: str | None = None  # the API family an SDK speaks; None: plain HTTP, any API
    operations: frozenset[str] = frozenset()  # what an SDK variant can call
    streaming: bool = True  # can it render endpoints that answer with server-sent events?
    tasks: bool = True  # can it poll an asynchronous task?
    binary: bool = True  # can it save a binary answer?
    why_not: tuple[tuple[str, str], ...] = ()  # capability or operation -> why it is missing
    # The shapes of the grown spec format (SHAPES) its template renders; an endpoint with
    # any other one is declined, naming it. Table-driven SDK variants check their own
    # (generator/render/sdk_calls.py: SDK_SHAPES); hand-written ones render none of them.
    shapes: frozenset[str] = frozenset()
    # Limits of the language on the request's values: each returns why it cannot send them.
    limits: tuple[Callable[[Endpoint], str | None], ...] = ()
    sdk: Sdk | None = None  # a table-driven SDK: what it can call comes from its table
    template_dir: str = ""  # the template folder, when it is another variant's (shared)

    @property
    def name(self) -> str:
        """The sample name used on the command line and in doc markers: ``python-openai``."""
        return f"{self.language}-{self.key}"

    @property
    def template(self) -> str:
        """The template path, relative to the templates folder."""
        return f"{self.template_dir or self.language + '/' + self.key}/{self.filename}.j2"

    @property
    def is_sdk(self) -> bool:
        """Whether this variant calls the API through an SDK."""
        return self.family is not None

    @property
    def styles(self) -> frozenset[str]:
        """The API families this variant can call (every known one for plain HTTP)."""
        return frozenset({self.family}) if self.family else BOTH

    def _missing(self, capability: str, default: str) -> str:
        return dict(self.why_not).get(capability, default)

    def decline_reason(self, endpoint: Endpoint) -> str | None:
        """Why this variant does not render ``endpoint``, or None when it does."""
        if self.family is not None:
            if endpoint.style != self.family:
                return f"it calls {self.family} APIs only"
            if self.sdk is not None:
                # A table-driven SDK decides everything from its table and the shapes its
                # template renders (see generator/render/sdk_calls.py), then its limits.
                return _sdk_decline(self.sdk, endpoint) or self._limit(endpoint)
            if endpoint.operation not in self.operations:
                can = f"it can call only {', '.join(sorted(self.operations))}"
                return self._missing(endpoint.operation, can)  # a reason of its own, if any
            if not (endpoint.auth.kind == "header" and endpoint.auth.header == "Authorization"):
                return "the SDK sends its key as an Authorization header; this endpoint's differs"
            if not endpoint.reply_path and endpoint.response_kind in ("json", "sse", "task"):
                return (
                    "it prints the value at a reply path, and this endpoint's is the whole answer"
                )
        shapes = endpoint.shapes  # computed, not stored: once here, not once per shape
        for shape in SHAPES:
            if shape in shapes and shape not in self.shapes:
                return self._missing(shape, f"its template does not render {SHAPES[shape]} yet")
        if (reason := self._limit(endpoint)) is not None:
            return reason
        if endpoint.streams and not self.streaming:
            return self._missing("streaming", "it cannot render streamed answers")
        if endpoint.task is not None and not self.tasks:
            return self._missing("tasks", "it cannot poll asynchronous tasks")
        if endpoint.binary and not self.binary:
            return self._missing("binary", "it cannot save binary answers")
        return None

    def _limit(self, endpoint: Endpoint) -> str | None:
        """The first limit of the language that ``endpoint`` hits, if any."""
        for limit in self.limits:
            if (reason := limit(endpoint)) is not None:
                return reason
        return None

    def supports(self, target: Endpoint | str) -> bool:
        """Whether this variant can call ``target``: an endpoint, or an API family (style)."""
        if isinstance(target, str):
            return self.family is None or target == self.family
        return self.decline_reason(target) is None


LANGUAGES: tuple[Language, ...] = (
    Language("python", "Python", "python"),
    Language("node", "Node.js", "javascript"),
    Language("curl", "curl", "bash"),
    Language("php", "PHP", "php"),
    Language("csharp", "C#", "csharp"),
    Language("go", "Go", "go"),
    Language("java", "Java", "java"),
)

# The Stainless-generated SDKs: what each can call is its derived table (make sdk-tables).
OPENAI_PYTHON = Sdk("openai-python", "OpenAI Python SDK", "openai", "OpenAI")
# openai-node sends an empty path value (its path`` tag refuses only dot segments).
OPENAI_NODE = Sdk(
    "openai-node",
    "OpenAI Node.js SDK",
    "openai",
    "OpenAI",
    refused_path_values=frozenset({".", ".."}),
)
OPENAI_JAVA = Sdk("openai-java", "OpenAI Java SDK", "com.openai", "OpenAIOkHttpClient")
# anthropic 2.x sends an API key as Authorization: Bearer (its _client.py _api_key_auth).
ANTHROPIC_PYTHON = Sdk("anthropic-python", "Anthropic Python SDK", "anthropic", "Anthropic")
ANTHROPIC = "anthropic"  # the API family (style) of Anthropic's API

# What each hand-written SDK variant can call: the operations its template renders.
JAVA_DASHSCOPE_OPERATIONS = frozenset(
    {
        "text-generation",
        "multimodal-generation",
        "image-synthesis",
        "text-embedding",
        "text-rerank",
        "application",
        "tasks.get",
        "video-synthesis",
    }
)
PYTHON_DASHSCOPE_OPERATIONS = frozenset(
    {
        "text-generation",
        "multimodal-generation",
        "text-embedding",
        "text-rerank",
        "image-synthesis",
        "tasks.get",
    }
)
_DASHSCOPE_PY_WHY_NOT = (
    (
        "application",
        'dashscope.Application.call always sends "model": "" and never the debug object',
    ),
    (
        "video-synthesis",
        "dashscope.VideoSynthesis.async_call always adds input.function and "
        "input.extend_prompt, which the request does not send",
    ),
)


def _multipart_names(endpoint: Endpoint) -> list[tuple[str, str]]:
    """A multipart body's field names, each with the spec key that gives it."""
    if endpoint.body_kind != "multipart":
        return []
    names = [("request.example", name) for name in endpoint.request_example or {}]
    return names + [(f"request.files[{i}].field", f.field) for i, f in enumerate(endpoint.files)]


def _curl_limits(endpoint: Endpoint) -> str | None:
    """What a curl command line cannot send exactly: NUL (no shell word holds it) in a
    multipart field or a raw text body, and a multipart field name ``--form`` cannot write (empty,
    or holding ``=``, where curl splits name from value); then the HTML standard's names."""
    for name, value in endpoint.form_pairs if endpoint.body_kind == "multipart" else ():
        if "\0" in name or "\0" in value:
            return f"request.example: field {name!r} holds NUL, which no shell word can hold"
    if "\0" in (endpoint.raw_text or ""):
        return "request.example: the body holds NUL, which no shell word can hold"
    for where, name in _multipart_names(endpoint):
        if name == "":
            return f"{where}: curl --form cannot send a field whose name is empty"
        if "=" in name:
            return f"{where}: curl --form cannot send a field named {name!r} (it holds =)"
    return _form_name_limits(endpoint)


def _node_json_limits(endpoint: Endpoint) -> str | None:
    """A number of the JSON body (or of a multipart part of JSON) that a JavaScript number
    cannot carry exactly."""
    from generator.render.filters.node import node_number_limit

    values = [(f"request.example.{name}", value) for name, value in endpoint.json_parts]
    if endpoint.body_kind == "json":
        values.append(("request.example", endpoint.request_example))
    for where, value in values:
        if (reason := node_number_limit(value)) is not None:
            return f"{where}: {reason}"
    return None


_DOT_SEGMENTS = frozenset({".", "..", "%2e", "%2e%2e", ".%2e", "%2e."})


def _path_dot_limits(endpoint: Endpoint, client: str) -> str | None:
    """A path parameter that makes a whole segment ``.`` or ``..`` (percent-encoded or
    not): ``client`` resolves it as a dot segment (RFC 3986, 5.2.4; the WHATWG URL
    standard reads ``%2e`` as a dot) and sends another path."""
    from generator.model import params

    for i, param in enumerate(endpoint.parameters):
        if param.location != "path":
            continue
        text = params.path_text(param.name, param.example, param.serialization, param.exploded)
        if text.lower() in _DOT_SEGMENTS and "/{" + param.name + "}/" in endpoint.path + "/":
            return f"parameters[{i}]: {client} removes the dot segment {param.text!r} from the path"
    return None


def _fetch_limits(endpoint: Endpoint) -> str | None:
    """What Node.js fetch cannot send exactly: a method the Fetch standard forbids, a
    JSON number beyond a JavaScript number, a path segment ``.`` or ``..``, a lone CR or
    LF in a multipart name or text value (FormData turns it into CRLF), then the HTML
    standard's names."""
    if reason := (
        _fetch_method_limits(endpoint)
        or _node_json_limits(endpoint)
        or _path_dot_limits(endpoint, "the WHATWG URL parser of fetch()")
    ):
        return reason
    from generator.render.filters.node import node_line_break_limit

    for where, name in _multipart_names(endpoint):
        if node_line_break_limit(name):
            return f"{where}: FormData turns the lone CR or LF of field name {name!r} into CRLF"
    for name, value in endpoint.form_pairs if endpoint.body_kind == "multipart" else ():
        if node_line_break_limit(value):
            return f"request.example.{name}: FormData turns a lone CR or LF of the text into CRLF"
    return _form_name_limits(endpoint)


def _csharp_url_limits(endpoint: Endpoint) -> str | None:
    """System.Uri (Mono's) rewrites some paths and queries before HttpClient sends them:
    %2E becomes a dot (and /%2E%2E/ then goes away), escaped bidi formatting characters
    (U+200E, U+200F, U+202A..U+202E) are dropped."""
    from generator.render.filters.csharp import cs_uri_change

    for region in endpoint.regions:
        url = endpoint.url(region.key)
        if (sent := cs_uri_change(url)) is not None:
            path = url.split("://", 1)[1]
            path = path[path.find("/") :] if "/" in path else "/"
            return f"System.Uri (Mono) would send {sent!r} instead of {path!r}"
    return None


# The HTML standard writes a multipart field name quoted, with CR, LF and '"' as %0D, %0A and
# %22 (what browsers send and servers decode); a name that holds one of these three texts
# itself cannot be told apart from one that holds the character.
_MULTIPART_ESCAPES = ("%0D", "%0A", "%22", "%0d", "%0a")


def _multipart_name_limits(endpoint: Endpoint) -> str | None:
    """Field names the HTML standard's multipart encoding cannot carry exactly."""
    if endpoint.body_kind != "multipart":
        return None
    names = [*(endpoint.request_example or {}), *(f.field for f in endpoint.files)]
    for name in names:
        if any(escape in name for escape in _MULTIPART_ESCAPES):
            return (
                f"the multipart field name {name!r} holds a %-escape the HTML standard's "
                "encoding of names uses (%0D, %0A, %22): a server would decode it"
            )
    return None


# Headers java.net.http sets itself and refuses from the caller ("restricted header name").
_JAVA_RESTRICTED = frozenset({"connection", "content-length", "expect", "host", "upgrade"})


def _java_header_limits(endpoint: Endpoint) -> str | None:
    """java.net.http's HttpRequest.Builder.header throws on the headers it manages."""
    for name, _value in endpoint.headers:
        if name.lower() in _JAVA_RESTRICTED:
            return f"java.net.http refuses to send a {name} header of the caller's"
    return None


def _fetch_method_limits(endpoint: Endpoint) -> str | None:
    """The Fetch standard forbids some methods: fetch() throws on them."""
    if endpoint.method in ("CONNECT", "TRACE", "TRACK"):
        return f"fetch() refuses the method {endpoint.method} (the Fetch standard forbids it)"
    return None


def _form_name_limits(endpoint: Endpoint) -> str | None:
    """Browsers, PHP's curl and the Go sample write a multipart field or file name as the HTML
    standard says (a quote, CR and LF as %22, %0D and %0A; a % left as it is), so a name
    that holds one of those three texts itself reads back as a quote or a line break."""
    if endpoint.body_kind != "multipart":
        return None
    names = [("request.example", name) for name in endpoint.request_example or {}]
    for i, upload in enumerate(endpoint.files):
        names += [(f"request.files[{i}].field", upload.field)]
        names += [(f"request.files[{i}].path", upload.path)]
    for where, name in names:
        if re.search("%(22|0D|0A)", name):
            return (
                f"{where}: the multipart name {name!r} holds %22, %0D or %0A, which read back "
                "as a quote or a line break (the HTML form encoding of names)"
            )
    return None


def _header_key(endpoint: Endpoint, name: str) -> str:
    """Where the spec gives header ``name``: ``headers.<name>``, ``parameters[i]``, or
    the cookie parameters that make the ``Cookie`` header."""
    for i, param in enumerate(endpoint.parameters):
        if param.location == "header" and param.name.lower() == name.lower():
            return f"parameters[{i}]"
    if name.lower() == "cookie" and endpoint.params_in("cookie"):
        return "the cookie parameters"
    return f"headers.{name}"


def _php_limits(endpoint: Endpoint) -> str | None:
    """What PHP's curl extension cannot send exactly: a header of blanks only, and an
    integer of the JSON body beyond PHP's 64-bit int (it would become a float)."""
    from generator.render.filters.php import php_header_limit, php_int_limit

    for name, value in endpoint.headers:
        if (reason := php_header_limit(name, value)) is not None:
            return f"{_header_key(endpoint, name)}: {reason}"
    json_values = [value for _, value in endpoint.json_parts]
    if endpoint.body_kind == "json":
        json_values.append(endpoint.request_example)
    for value in json_values:
        if (number := php_int_limit(value)) is not None:
            return f"request.example: PHP's integers are 64-bit, and {number} would become a float"
    return _form_name_limits(endpoint)


def _go_limits(endpoint: Endpoint) -> str | None:
    """What Go's net/http cannot send exactly: a header value with blanks at either end."""
    from generator.render.filters.go import go_header_limit

    for name, value in endpoint.headers:
        if (reason := go_header_limit(name, value)) is not None:
            return f"{_header_key(endpoint, name)}: {reason}"
    return _form_name_limits(endpoint)


def _dashscope_python_limits(endpoint: Endpoint) -> str | None:
    """``dashscope``'s ``fetch()`` raises on an empty task id (BaseAsyncApi._get_task_id)."""
    if endpoint.operation != "tasks.get":
        return None
    for i, param in enumerate(endpoint.parameters):
        if param.location == "path" and param.text == "":
            return f"parameters[{i}]: the DashScope SDK's fetch() refuses an empty task id"
    return None


def _java_image_synthesis_limits(endpoint: Endpoint) -> str | None:
    """The DashScope Java SDK's ``ImageSynthesis`` builds its URLs itself (the task group
    ``aigc``, the function ``image-synthesis``, ``/tasks/{id}`` for polling), needs a text
    ``input.prompt``, and answers ``output.results``, a list of objects of texts."""
    if endpoint.operation != "image-synthesis":
        return None
    base = endpoint.sdk_base_path.rstrip("/")
    if not re.fullmatch(re.escape(base) + r"/services/aigc/[^/]+/image-synthesis", endpoint.path):
        return "ImageSynthesis calls only <base>/services/aigc/<task>/image-synthesis"
    if endpoint.task is None or endpoint.task.poll_path != base + "/tasks/{task_id}":
        return "ImageSynthesis polls only <base>/tasks/{task_id}"
    body = endpoint.request_example
    fields = body.get("input") if isinstance(body, dict) else None
    if not isinstance(fields, dict) or not isinstance(fields.get("prompt"), str):
        return "ImageSynthesisParam needs input.prompt, a text"
    if not isinstance(body.get("model"), str):
        return "ImageSynthesisParam needs a model name"
    reply = endpoint.reply_path
    if len(reply) != 4 or reply[:2] != ("output", "results") or not isinstance(reply[3], str):
        return "ImageSynthesisResult holds the images as output.results[i].<field> only"
    return None


# What the DashScope Java SDK puts into a URL path as it is (it encodes nothing).
_JAVA_DASHSCOPE_PATH_TEXT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")


def _java_dashscope_call_limits(endpoint: Endpoint) -> str | None:
    """The DashScope Java SDK's ``TextEmbedding``, ``TextReRank`` and ``Application``
    build their route themselves (an application's id in it as it is), send a JSON body of
    (model,) input (the fields their setters take) and parameters with POST and nothing
    else, and answer at once with a typed result."""
    from generator.render.filters.java_params import DASHSCOPE_CALLS, dashscope_call_reason

    call = DASHSCOPE_CALLS.get(endpoint.operation)
    if call is None:
        return None
    if endpoint.method != "POST" or endpoint.body_kind != "json":
        return f"{call.api}.call sends a JSON body with POST only"
    wanted = 1 if call.path_setter else 0
    if len(endpoint.parameters) != wanted or len(endpoint.path_params) != wanted:
        if wanted:
            return (
                f"{call.api}.call sends the {call.path_setter} in the path and no other parameter"
            )
        return f"{call.api}.call sends no path, query or header parameters"
    for i, param in enumerate(endpoint.path_params):
        if not _JAVA_DASHSCOPE_PATH_TEXT.fullmatch(param.text):
            return (
                f"parameters[{i}]: {call.api} puts the {call.path_setter} into the path as it is: "
                "only letters, digits and - . _ ~ pass unchanged"
            )
    if endpoint.streams or endpoint.task is not None:
        return f"{call.api}.call answers at once: it neither streams nor polls a task"
    base = endpoint.sdk_base_path.rstrip("/")
    if not endpoint.path.startswith(base + "/"):
        return f"{call.api} calls only <base>{call.route}"
    under = endpoint.path[len(base) :]
    return dashscope_call_reason(
        endpoint.operation,
        under,
        endpoint.request_example,
        endpoint.reply_path,
        endpoint.request_defaults,
        endpoint.response_example,
    )


def _java_dashscope_fetch_limits(endpoint: Endpoint) -> str | None:
    """``ImageSynthesis.fetch(taskId, apiKey)`` GETs ``<base>/tasks/<taskId>`` with the id
    as it is, no other parameter or header, and answers with an ``ImageSynthesisResult``."""
    if endpoint.operation != "tasks.get":
        return None
    from generator.render.filters.java_params import dashscope_reply_reason

    base = endpoint.sdk_base_path.rstrip("/")
    path = endpoint.path_params[0].name if len(endpoint.path_params) == 1 else ""
    if endpoint.method != "GET" or endpoint.path != f"{base}/tasks/{{{path}}}":
        return "ImageSynthesis.fetch sends only GET <base>/tasks/{task_id}"
    if len(endpoint.parameters) != 1 or endpoint.body_kind != "none":
        return "ImageSynthesis.fetch sends the task id in the path and nothing else"
    if endpoint.headers or endpoint.streams or endpoint.task is not None:
        return "ImageSynthesis.fetch sends no headers of the caller's and answers at once"
    if not _JAVA_DASHSCOPE_PATH_TEXT.fullmatch(endpoint.path_params[0].text):
        return (
            "parameters[0]: ImageSynthesis.fetch puts the task id into the path as it is: "
            "only letters, digits and - . _ ~ pass unchanged"
        )
    return dashscope_reply_reason("tasks.get", endpoint.reply_path, endpoint.response_example)


def _java_video_synthesis_limits(endpoint: Endpoint) -> str | None:
    """The DashScope Java SDK's ``VideoSynthesis`` builds its URLs itself (the task group
    ``aigc``, the function ``video-synthesis``, ``/tasks/{id}`` for polling), sends model,
    input (``extend_prompt`` through its own setter only) and parameters, and answers a
    ``VideoSynthesisResult`` whose output holds texts."""
    if endpoint.operation != "video-synthesis":
        return None
    from generator.render.filters.java_params import (
        DASHSCOPE_VIDEO_SYNTHESIS_INPUT,
        dashscope_reply_reason,
        typed_calls,
    )
    from generator.render.filters.java_params import _null_at as null_at

    base = endpoint.sdk_base_path.rstrip("/")
    if not re.fullmatch(re.escape(base) + r"/services/aigc/[^/]+/video-synthesis", endpoint.path):
        return "VideoSynthesis calls only <base>/services/aigc/<task>/video-synthesis"
    if endpoint.task is None or endpoint.task.poll_path != base + "/tasks/{task_id}":
        return "VideoSynthesis polls only <base>/tasks/{task_id}"
    model = endpoint.request_example.get("model") if endpoint.body_kind == "json" else None
    if isinstance(model, str) and "kf2v" in model and "/aigc/image2video/" not in endpoint.path:
        return (
            "VideoSynthesis sends a kf2v model to <base>/services/aigc/image2video/video-synthesis"
        )
    if endpoint.parameters or endpoint.body_kind != "json":
        return "VideoSynthesis.asyncCall sends a JSON body and no parameters"
    body = endpoint.request_example
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        return "VideoSynthesisParam needs a model name"
    if extra := [key for key in body if key not in ("model", "input", "parameters")]:
        return f"VideoSynthesisParam never sends {' or '.join(extra)}"
    fields, params = body.get("input", {}), body.get("parameters", {})
    if not isinstance(fields, dict) or not isinstance(params, dict):
        return "VideoSynthesisParam sends input and parameters as objects only"
    for key in ("prompt", "negative_prompt", "img_url"):
        if fields.get(key) == "":
            return f"VideoSynthesisParam leaves out an empty input.{key}"
    if "extend_prompt" in fields:
        setter = DASHSCOPE_VIDEO_SYNTHESIS_INPUT["extend_prompt"]
        if typed_calls(setter, fields["extend_prompt"], set()) is None:
            return "VideoSynthesisParam sends input.extend_prompt only as a boolean"
    if (where := null_at(fields, "input") or null_at(params, "parameters")) is not None:
        return f"the SDK's JSON (Gson) leaves out null values, such as {where}"
    return dashscope_reply_reason("video-synthesis", endpoint.reply_path, endpoint.task.example)


VARIANTS: tuple[Variant, ...] = (
    Variant("python", "openai", "OpenAI SDK", "main.py", OPENAI, sdk=OPENAI_PYTHON),
    Variant(
        "python",
        "dashscope",
        "DashScope SDK",
        "main.py",
        NATIVE,
        PYTHON_DASHSCOPE_OPERATIONS,
        why_not=_DASHSCOPE_PY_WHY_NOT,
        limits=(_dashscope_python_limits,),
    ),
    Variant(
        "python",
        "anthropic",
        "Anthropic SDK",
        "main.py",
        ANTHROPIC,
        sdk=ANTHROPIC_PYTHON,
        template_dir="python/openai",
    ),
    Variant(
        "python", "requests", "requests", "main.py", limits=(_form_name_limits,), shapes=ALL_SHAPES
    ),
    Variant(
        "node",
        "openai",
        "OpenAI SDK",
        "index.mjs",
        OPENAI,
        sdk=OPENAI_NODE,
        limits=(_node_json_limits,),
    ),
    Variant("node", "fetch", "fetch", "index.mjs", limits=(_fetch_limits,), shapes=ALL_SHAPES),
    Variant("curl", "curl", "curl", "request.sh", limits=(_curl_limits,), shapes=ALL_SHAPES),
    Variant("php", "curl", "curl extension", "index.php", limits=(_php_limits,), shapes=ALL_SHAPES),
    Variant(
        "csharp",
        "httpclient",
        "HttpClient",
        "Program.cs",
        limits=(_csharp_url_limits, _multipart_name_limits),
        shapes=ALL_SHAPES,
    ),
    Variant("go", "nethttp", "net/http", "main.go", limits=(_go_limits,), shapes=ALL_SHAPES),
    Variant(
        "java",
        "httpclient",
        "java.net.http",
        "Main.java",
        limits=(_java_header_limits, _multipart_name_limits),
        shapes=ALL_SHAPES,
    ),
    Variant(
        "java",
        "openai",
        "OpenAI Java SDK",
        "Main.java",
        OPENAI,
        sdk=OPENAI_JAVA,
        limits=(_java_sdk_limits,),
    ),
    Variant(
        "java",
        "dashscope",
        "DashScope Java SDK",
        "Main.java",
        NATIVE,
        JAVA_DASHSCOPE_OPERATIONS,
        limits=(
            _java_image_synthesis_limits,
            _java_video_synthesis_limits,
            _java_dashscope_call_limits,
            _java_dashscope_fetch_limits,
        ),
    ),
)


def _check_registry() -> None:
    keys = {lang.key for lang in LANGUAGES}
    names = [v.name for v in VARIANTS]
    if len(set(names)) != len(names):
        raise RegistryError(f"duplicate variant names in the registry: {names}")
    for variant in VARIANTS:
        if variant.language not in keys:
            raise RegistryError(f"variant {variant.name} names unknown language {variant.language}")
        if variant.is_sdk and not variant.operations and variant.sdk is None:
            raise RegistryError(f"SDK variant {variant.name} declares no operations")
        if unknown := variant.shapes - ALL_SHAPES:
            raise RegistryError(f"variant {variant.name} names unknown shapes: {sorted(unknown)}")


_check_registry()


def declines(
    endpoint: Endpoint, chosen: Iterable[Variant] | None = None
) -> list[tuple[Variant, str]]:
    """The variants (of ``chosen``, default all) that do not render ``endpoint``, and why."""
    result = []
    for v in VARIANTS if chosen is None else chosen:
        reason = v.decline_reason(endpoint)
        if reason is not None:
            result.append((v, reason))
    return result


def language(key: str) -> Language:
    """The language ``key``; an unknown key is an error that lists the valid ones."""
    for lang in LANGUAGES:
        if lang.key == key:
            return lang
    valid = ", ".join(lang.key for lang in LANGUAGES)
    raise RegistryError(f"unknown language {key!r} (valid: {valid})")


def variants(languages: Iterable[str] | None = None) -> list[Variant]:
    """All variants, or those of ``languages`` (each validated)."""
    if languages is None:
        return list(VARIANTS)
    wanted = {language(key).key for key in languages}
    return [v for v in VARIANTS if v.language in wanted]


def variant(name: str) -> Variant:
    """The variant called ``name`` (``python-openai``); unknown names list the valid ones."""
    for v in VARIANTS:
        if v.name == name:
            return v
    valid = ", ".join(v.name for v in VARIANTS)
    raise RegistryError(f"unknown sample variant {name!r} (valid: {valid})")
