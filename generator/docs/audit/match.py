"""Which endpoint a code block on a page calls, and which of samplegen's variants it is.

A block between sync markers is the endpoint its marker names (:func:`marked_match`).
Any other block is matched by the operation its code performs (:func:`match_block`):

1. **Candidates by operation.** The first API URL whose path fits a spec's path *template*
   (``/files/{file_id}`` fits ``/files/file-abc``, and ``".../files/" + id`` fits too: the
   literal stops where a path parameter starts) gives the endpoints of that path; those
   whose method the code uses are kept (:func:`http_methods`, read per language). A plain
   HTTP block may join the path to a base URL in code (``BASE + "/files/" + id``): the
   base and each quoted path in the block are tried together. A URL that is an SDK's base
   path gives the endpoints behind it, and the SDK call the code makes
   (:data:`SDK_CALLS`, one table per SDK family) keeps those of its operation. Without a
   URL, the section heading's API family (else that of the SDK the block imports) gives
   the candidates, narrowed by the SDK call the same way.
2. **The closest candidate** (:func:`closest`): see its docstring for the ranking.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from generator.model import Endpoint
from generator.render.registry import VARIANTS, Variant
from generator.sdk.tables import canonical, route_of, table

# -- signs: what tells endpoints of one operation apart -----------------------------------

STREAM = "stream"
IMAGE = "image"
TOOLS = "tools"
_SIGNS: dict[str, re.Pattern[str]] = {
    STREAM: re.compile(
        r"""(?ix)
        \bstream["']*\s*(?::|=>|=)\s*true\b   # "stream": true, stream=True, 'stream' => true
        | \.stream\(\s*true\s*\)              # a builder's .stream(true)
        | \bx-dashscope-sse\b                  # DashScope's SSE header
        | \btext/event-stream\b
        | \b(?:createStreaming|streamCall)\b    # Java SDKs' streaming calls
        """
    ),
    IMAGE: re.compile(
        r"""(?ix)
        \bimage_?url\b                          # OpenAI image_url content parts (imageUrl)
        | ["']image["']+\s*(?::|=>|,)           # DashScope {"image": ...}, Map.of("image", ...)
        | \bimage\s*:\s*["'`]                   # a JavaScript object key
        | \bmultimodal(?:conversation|message)\b | \bmultimodal-generation\b
        """
    ),
    TOOLS: re.compile(
        r"""(?x)
        ["']tools["']                           # "tools": [...], 'tools' => [...]
        | (?<![\w$])[Tt]ools\s*(?::|=(?!=))     # tools=[...], tools: [...], Tools: ...
        | \.(?:add\w*Tool|tools|toolChoice)\(    # Java builders: .addFunctionTool(...)
        """
    ),
}
_IMAGE_KEYS = {"image", "image_url"}


def _has_key(value: Any, keys: set[str]) -> bool:
    if isinstance(value, dict):
        return bool(keys & set(value)) or any(_has_key(v, keys) for v in value.values())
    if isinstance(value, list):
        return any(_has_key(v, keys) for v in value)
    return False


def endpoint_signs(endpoint: Endpoint) -> frozenset[str]:
    """What a sample of ``endpoint`` shows: STREAM if it streams, IMAGE if it sends images,
    TOOLS if it offers the model tools."""
    signs = set()
    if endpoint.streams:
        signs.add(STREAM)
    if endpoint.operation == "multimodal-generation" or _has_key(
        endpoint.request_example, _IMAGE_KEYS
    ):
        signs.add(IMAGE)
    if _has_key(endpoint.request_example, {"tools"}):
        signs.add(TOOLS)
    return frozenset(signs)


def sample_signs(code: str) -> frozenset[str]:
    """The signs (STREAM, IMAGE, TOOLS) found in ``code``, which should be free of comments."""
    return frozenset(sign for sign, pattern in _SIGNS.items() if pattern.search(code))


# -- request keys ------------------------------------------------------------------------


def _example_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_example_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_example_keys(v) for v in value))
    return set()


def endpoint_keys(endpoint: Endpoint) -> frozenset[str]:
    """The names a sample of ``endpoint`` writes: every key of the request example (nested
    ones too), its form and file fields, and its query parameters."""
    keys = _example_keys(endpoint.request_example)
    keys |= {f.field for f in endpoint.files}
    keys |= {p.name for p in endpoint.query_params}
    return frozenset(keys)


def _spellings(key: str) -> set[str]:
    """``top_p`` as code spells it: ``top_p``, ``topP`` (JavaScript, Java) and ``TopP`` (Go, C#)."""
    words = [w for w in re.split(r"[_\-]", key) if w]
    camel = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:]) if words else key
    return {key, camel, camel[:1].upper() + camel[1:]}


def shown_keys(keys: Iterable[str], code: str) -> frozenset[str]:
    """The ``keys`` that ``code`` writes as keys: quoted and given a value or paired
    (``"top_p":``, ``'top_p' =>``, ``""top_p"":``, ``("purpose", ...)``), but not a quoted
    value (``"role": "user"`` does not show ``user``); or as a name given a value
    (``top_p=``, ``topP:``, ``.topP(``, ``TopP:``, ``--form 'purpose=...'``)."""
    shown = set()
    for key in keys:
        names = "|".join(sorted(map(re.escape, _spellings(key)), key=len, reverse=True))
        quoted = rf"""(?<![:>]\s)(?<![:>])["'`](?:{names})\\?["'`]+\s*(?::|=>|=|,|\))"""
        named = rf"""(?<![\w$.-])(?:{names})\s*(?::(?!:)|=(?!=)|\()|\.(?:{names})\("""
        if re.search(quoted, code) or re.search(named, code):
            shown.add(key)
    return frozenset(shown)


def _example_pairs(value: Any) -> set[tuple[str, str | int | float | bool]]:
    if isinstance(value, dict):
        pairs = {(k, v) for k, v in value.items() if isinstance(v, str | int | float | bool)}
        return pairs.union(*(_example_pairs(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_example_pairs(v) for v in value))
    return set()


def endpoint_values(endpoint: Endpoint) -> frozenset[tuple[str, str | int | float | bool]]:
    """The (key, value) pairs of the request example's scalars, query parameters included:
    what tells apart endpoints whose requests differ only in a value
    (``incremental_output: true`` or ``false``)."""
    pairs = _example_pairs(endpoint.request_example)
    pairs |= {(p.name, p.example) for p in endpoint.query_params}
    return frozenset(pairs)


def _value_forms(value: str | int | float | bool) -> list[str]:
    if isinstance(value, bool):
        return ["true", "True"] if value else ["false", "False"]
    if isinstance(value, int | float):
        return [repr(value)]
    return [rf"""["'`]{re.escape(value)}\\?["'`]"""]


def shown_values(pairs: Iterable[tuple[str, str | int | float | bool]], code: str) -> int:
    """How many of the (key, value) ``pairs`` the code writes, the value right after its key
    (``"incremental_output": false``, ``incremental_output=False``,
    ``.incrementalOutput(false)``)."""
    count = 0
    for key, value in pairs:
        names = "|".join(sorted(map(re.escape, _spellings(key)), key=len, reverse=True))
        forms = "|".join(f if isinstance(value, str) else re.escape(f) for f in _value_forms(value))
        if re.search(rf"""(?:{names})[\s"'`\\:=>(,]{{0,8}}(?:{forms})(?![\w.])""", code):
            count += 1
    return count


# -- HTTP methods ------------------------------------------------------------------------

_METHOD = r"(GET|POST|PUT|PATCH|DELETE)"
# How each language names the request's method (None: any language); a group holds the method.
METHOD_CALLS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    # http.NewRequest("DELETE", ...), method: "GET", new HttpMethod("DELETE"), send('GET', ...)
    (None, re.compile(rf"""["']{_METHOD}["']""")),
    ("curl", re.compile(rf"""(?:-X|--request)\s*["']?{_METHOD}\b""")),
    ("python", re.compile(r"\b(?:requests|httpx|session|aiohttp)\.(get|post|put|patch|delete)\(")),
    ("node", re.compile(r"\b(?:axios|got|ky)\.(get|post|put|patch|delete)\(")),
    ("java", re.compile(rf"\.{_METHOD}\(")),
    ("csharp", re.compile(r"\bHttpMethod\.(Get|Post|Put|Patch|Delete)\b")),
    ("csharp", re.compile(r"\.(Get|Post|Put|Patch|Delete)(?:Async|StringAsync|StreamAsync)\(")),
    (
        "go",
        re.compile(r"\bhttp\.(Get|Post|PostForm)\(|\bhttp\.Method(Get|Post|Put|Patch|Delete)\b"),
    ),
    ("php", re.compile(r"\bCURLOPT_(POST)\b")),
)
# Without a named method: curl sends POST when it sends data, else GET; fetch() sends GET.
_CURL_DATA = re.compile(r"(?:^|\s)(?:-d|-F|--data(?:-\w+)?|--form|--json)\b", re.MULTILINE)


def http_methods(language: str, code: str) -> frozenset[str]:
    """The HTTP methods ``code`` (free of comments) uses; empty when it names none."""
    found = set()
    for lang, pattern in METHOD_CALLS:
        if lang in (None, language):
            for m in pattern.finditer(code):
                named = next(g for g in m.groups() if g)
                found.add(named.upper().replace("POSTFORM", "POST"))
    if not found and language == "curl" and re.search(r"\bcurl\b", code):
        found.add("POST" if _CURL_DATA.search(code) else "GET")
    if not found and language == "node" and re.search(r"\bfetch\(", code):
        found.add("GET")
    return frozenset(found)


# -- SDKs: which family a block uses, and the operation its call performs ------------------

# What tells an SDK sample from a plain HTTP one, per language: (SDK family, import pattern).
# The family is the registry's variant key (python-openai, java-dashscope).
SDK_IMPORTS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "python": (
        ("openai", re.compile(r"^\s*(?:from openai\b|import openai\b)", re.MULTILINE)),
        ("dashscope", re.compile(r"^\s*(?:from dashscope\b|import dashscope\b)", re.MULTILINE)),
    ),
    "node": (("openai", re.compile(r"""(?:from\s+|require\(\s*)["']openai["']""")),),
    "java": (
        ("openai", re.compile(r"^\s*import\s+com\.openai\.", re.MULTILINE)),
        ("dashscope", re.compile(r"^\s*import\s+com\.alibaba\.dashscope\.", re.MULTILINE)),
    ),
}

_DOT = r"\s*(?:\(\))?\s*\.\s*"  # client.chat.completions (Python, Node.js), chat().completions()
# The calls of each SDK family and the registry operation each performs. A block may make
# several calls (submit a task, then fetch it): the first row that matches wins, so a row
# that starts work comes before one that follows up on it.
SDK_CALLS: dict[str, tuple[tuple[str, str], ...]] = {
    "openai": (  # Python and Node.js: client.chat.completions.create; Java: builder classes
        ("chat-completions", rf"\bchat{_DOT}completions{_DOT}(?:create\w*|stream)\b"),
        ("chat-completions", r"\bChatCompletionCreateParams\b"),
        ("embeddings", rf"\bembeddings{_DOT}create\b|\bEmbeddingCreateParams\b"),
        ("files.create", rf"\bfiles{_DOT}(?:create|upload)\b|\bFileCreateParams\b"),
        ("files.list", rf"\bfiles{_DOT}list\b|\bFileListParams\b"),
        ("files.delete", rf"\bfiles{_DOT}(?:delete|del)\b|\bFileDeleteParams\b"),
    ),
    "dashscope": (  # Python: dashscope.Generation.call; Java: new Generation(), GenerationParam
        ("multimodal-generation", r"\bMultiModalConversation(?:\.call\b|Param\b|\(\))"),
        ("image-synthesis", r"\bImageSynthesis(?:\.(?:async_call|asyncCall|call)\b|Param\b)"),
        ("video-synthesis", r"\bVideoSynthesis(?:\.(?:async_call|asyncCall|call)\b|Param\b)"),
        ("text-embedding", r"\bTextEmbedding(?:\.call\b|Param\b|\(\))"),
        ("text-rerank", r"\bTextReRank(?:\.call\b|Param\b|\(\))"),
        ("application", r"\bApplication(?:\.call\b|Param\b|\(\))"),
        ("text-generation", r"\bGeneration(?:\.(?:call|streamCall)\b|Param\b|\(\))"),
        ("tasks.get", r"\.(?:fetch|wait)\(|\bTasks?\.(?:fetch|get)\b"),
    ),
}


def sdk_family(language: str, code: str) -> str | None:
    """The SDK family a block imports (``openai``, ``dashscope``), or None for plain HTTP."""
    for family, pattern in SDK_IMPORTS.get(language, ()):
        if pattern.search(code):
            return family
    return None


def sdk_operation(family: str | None, code: str) -> str | None:
    """The operation the first matching call of ``family``'s table performs, if any."""
    for operation, pattern in SDK_CALLS.get(family or "", ()):
        if re.search(pattern, code):
            return operation
    return None


def _call_pattern(call: str) -> re.Pattern[str]:
    """``call`` (``batches.retrieve``, ``batches().retrieve``) as a block writes it: after a
    dot, blanks and line breaks allowed around the dots, followed by its argument list."""
    parts = [re.escape(part).replace(r"\(\)", r"\(\s*\)") for part in call.split(".")]
    return re.compile(r"\.\s*" + r"\s*\.\s*".join(parts) + r"\s*\(")


@cache
def _table_calls(family: str, language: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(call, HTTP method, route) of every row of the derived operation tables of
    ``family``'s SDKs in ``language``, the longest call first (``beta.chat.completions.create``
    before ``chat.completions.create``)."""
    rows: dict[str, tuple[str, str]] = {}
    for variant in VARIANTS:
        if variant.key != family or variant.language != language or variant.sdk is None:
            continue
        for row in table(variant.sdk.table).rows:
            route = canonical(row["route"]).split("?", 1)[0]
            rows.setdefault(row["call"], (row["method"], route))
            if row.get("stream_call"):
                head = row["call"].rsplit(".", 1)[0]
                rows.setdefault(f"{head}.{row['stream_call']}", (row["method"], route))
    ordered = sorted(rows.items(), key=lambda item: -len(item[0]))
    return tuple((_call_pattern(call), method, route) for call, (method, route) in ordered)


def sdk_route(family: str | None, language: str, code: str) -> tuple[str, str] | None:
    """The (method, route under the SDK's base path) of the first call of a derived SDK
    table the block makes, if the block's SDK has such a table."""
    if family is None:
        return None
    for pattern, method, route in _table_calls(family, language):
        if pattern.search(code):
            return method, route
    return None


def _route_key(endpoint: Endpoint) -> tuple[str, str] | None:
    route = route_of(endpoint)
    return None if route is None else (endpoint.method, canonical(route).split("?", 1)[0])


def variant_of(
    language: str, code: str, endpoint: Endpoint, allowed: Iterable[Variant] = VARIANTS
) -> Variant | None:
    """The variant (of ``allowed``) a block of ``language`` is, for ``endpoint``: the one of
    the SDK it imports, else the plain HTTP one (else any that can call the endpoint)."""
    usable = [v for v in allowed if v.language == language and v.supports(endpoint)]
    family = sdk_family(language, code)
    chosen = [v for v in usable if v.key == family] if family else []
    plain = [v for v in usable if not v.is_sdk]
    candidates = chosen or plain or usable
    return candidates[0] if candidates else None


# -- paths -------------------------------------------------------------------------------


_PARAM = re.compile(r"\{[^}/]+\}")
# A quoted path a block joins to a base URL: "/files/", '/chat/completions'.
# (After a quote, or an interpolated base: f"{BASE}/files/", `${base}/files/`, "$BASE/files/".)
_PATH_LITERAL = re.compile(r"""["'`](?:\$?\{\w+\}|\$\w+)?(/[\w{}$.~%/-]*)""")


@cache
def _template(path: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A spec path as a pattern (each ``{name}`` one segment), and its literal prefixes that
    end where a parameter starts (``/files/`` of ``/files/{file_id}``)."""
    pattern = re.compile("^" + "[^/]+".join(map(re.escape, _PARAM.split(path))) + "$")
    return pattern, tuple(path[: m.start()] for m in _PARAM.finditer(path))


def path_fits(url_path: str, template: str) -> bool:
    """Whether a URL's path is ``template`` (a spec path with ``{parameters}``): the whole
    path, or a literal that stops where a parameter starts (``".../files/" + id``)."""
    if not template:
        return False
    pattern, prefixes = _template(template)
    return bool(pattern.match(url_path.rstrip("/") or "/")) or url_path in prefixes


# -- matching ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """The endpoint a block calls, how it calls it, and which variant of samplegen's it is."""

    endpoint: Endpoint | None
    raw: bool  # it calls the endpoint's full path over plain HTTP (not through an SDK)
    variant: Variant | None = None


def _is_chat(endpoint: Endpoint) -> bool:
    return endpoint.operation in ("chat-completions", "text-generation")


def closest(candidates: list[Endpoint], signs: frozenset[str], code: str) -> Endpoint:
    """The candidate a block's code agrees with best, by, in this order:

    1. the signs (STREAM, IMAGE, TOOLS): most shared with the endpoint's, then fewest the
       endpoint has and the code lacks (a plain chat sample is not the streamed endpoint);
    2. its request keys, form fields and query names (snake_case, camelCase or PascalCase)
       the code shows, less those it does not show: a sample of chat-completions' keys
       scores them all against the few chat-completions-params shows and the many it
       does not; a sample of chat-completions-params' sixteen outscores the plain four;
    3. the most of its request example's values the code writes after their keys, for
       endpoints whose requests differ only in a value (``incremental_output`` true in
       one spec, false in another);
    4. a chat call (chat-completions, text-generation: what pages show most) before other
       operations, when the candidates come from an API family alone;
    5. the first spec id, so that the choice never depends on the order of the specs.
    """

    def rank(endpoint: Endpoint) -> tuple[int, int, int, int, bool, str]:
        own = endpoint_signs(endpoint)
        keys = endpoint_keys(endpoint)
        shown = shown_keys(keys, code)
        return (
            -len(own & signs),
            len(own - signs),
            len(keys - shown) - len(shown),
            -shown_values(endpoint_values(endpoint), code),
            not _is_chat(endpoint),
            endpoint.id,
        )

    return min(candidates, key=rank)


def _narrow(
    candidates: list[Endpoint], keep: set[str] | frozenset[str], attr: str
) -> list[Endpoint]:
    """The candidates whose ``attr`` is in ``keep``; all of them when none is, or no ``keep``."""
    kept = [e for e in candidates if getattr(e, attr) in keep]
    return kept if kept else candidates


def match_block(
    language: str,
    code: str,
    urls: list[str],
    endpoints: list[Endpoint],
    style: str | None,
) -> Match:
    """The endpoint a block calls, matched by operation (the module docstring's steps).

    ``code`` is the block free of comments, ``urls`` its API-like URLs in code order and
    ``style`` the API family its section heading names.
    """
    signs = sample_signs(code)
    family = sdk_family(language, code)
    operation = sdk_operation(family, code)
    called = sdk_route(family, language, code)
    methods = http_methods(language, code)
    for url in urls:
        path = urlsplit(url).path
        by_path = [e for e in endpoints if path_fits(path, e.path)]
        if not by_path and family is None:  # base + "/files/" + id: the path is joined in code
            joined = {path.rstrip("/") + rest for rest in _PATH_LITERAL.findall(code)}
            by_path = [e for e in endpoints if any(path_fits(p, e.path) for p in joined)]
        if by_path:
            chosen = closest(_narrow(by_path, methods, "method"), signs, code)
            return Match(chosen, True, variant_of(language, code, chosen))
        by_sdk = [e for e in endpoints if e.sdk_base_path and path.rstrip("/") == e.sdk_base_path]
        if by_sdk:
            narrowed = _by_call(by_sdk, operation, called)
            chosen = closest(narrowed, signs, code)
            return Match(chosen, False, variant_of(language, code, chosen))
    # No API path: the heading's API family, else the family of the SDK the block imports.
    style = style or next((v.family for v in VARIANTS if v.is_sdk and v.key == family), None)
    by_style = [e for e in endpoints if e.style == style]
    if by_style:
        narrowed = _by_call(by_style, operation, called)
        chosen = closest(narrowed, signs, code)
        return Match(chosen, bool(urls), variant_of(language, code, chosen))
    return Match(None, False)


def _by_call(
    candidates: list[Endpoint], operation: str | None, called: tuple[str, str] | None
) -> list[Endpoint]:
    """The candidates the block's SDK call names: by the route of a derived table's call,
    else by a hand-listed SDK's operation (all of them when neither narrows)."""
    if called is not None:
        kept = [e for e in candidates if _route_key(e) == called]
        if kept:
            return kept
    return _narrow(candidates, {operation} if operation else set(), "operation")


def marked_match(
    language: str,
    code: str,
    endpoint: Endpoint,
    variants: tuple[Variant, ...],
) -> Match:
    """A block in a sync-marked region: the marker's endpoint, and the marker's variant of
    the block's language (of several, the one whose SDK the block imports)."""
    variant = variant_of(language, code, endpoint, variants)
    return Match(endpoint, variant is None or not variant.is_sdk, variant)


# -- requests no endpoint answers ----------------------------------------------------------


def allowed_paths(endpoint: Endpoint) -> list[str]:
    """The paths (templates) a sample of ``endpoint`` may call: its own, its SDK's base path,
    and the poll path of its asynchronous task."""
    paths = [endpoint.path, endpoint.sdk_base_path]
    if endpoint.task is not None:
        paths.append(endpoint.task.poll_path)
    return [p for p in paths if p]


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def starts(url_path: str, template: str) -> bool:
    """Whether ``url_path`` is the first whole segments of ``template`` (a base URL that code
    joins the rest to): ``/api/v1/services`` of ``/api/v1/services/aigc/...``."""
    have, want = _segments(url_path), _segments(template)
    if not have or len(have) >= len(want):
        return False
    return all(h == w or _PARAM.fullmatch(w) for h, w in zip(have, want, strict=False))


@dataclass(frozen=True)
class Stray:
    """A request to the API's host that no endpoint answers: its path fits no spec's path,
    or no spec with that path takes its method. ``closest`` is the endpoint it most likely
    meant."""

    url: str
    line: int  # 0-based line of the URL in the block
    methods: frozenset[str]  # the methods the block uses (empty: it names none)
    closest: Endpoint
    path_known: bool  # the path fits an endpoint; the method is what no endpoint takes


def closest_endpoint(
    path: str, methods: frozenset[str], code: str, endpoints: list[Endpoint]
) -> Endpoint:
    """The endpoint a request to ``path`` most likely meant: the most similar path (spelled
    nearly as closely as the most similar one), then one that takes the block's method,
    then :func:`closest` (signs, request keys)."""

    def similarity(endpoint: Endpoint) -> float:
        return max(
            difflib.SequenceMatcher(None, path, candidate).ratio()
            for candidate in allowed_paths(endpoint)
        )

    scored = {e.id: similarity(e) for e in endpoints}
    best = max(scored.values())
    near = [e for e in endpoints if scored[e.id] >= best - 0.02]
    same_method = [e for e in near if e.method in methods]
    return closest(same_method or near, sample_signs(code), code)


# A path the code joins to a base URL: ``BASE + "/chat/completions"``, ``$base . '/files'``,
# f"{BASE}/files/{id}", `${base}/tasks/${id}`, "$BASE/tasks/$TASK_ID".
_JOINED = re.compile(
    r"""(?:(?:\+|(?<![\w)])\.)\s*["'`]|["'`](?:\$?\{\w+\}|\$\w+))(/[\w{}$.~%/-]+)"""
)


def _base_url_requests(
    language: str, code: str, url: str, line: int, path: str, endpoints: list[Endpoint]
) -> list[Stray]:
    """A plain HTTP block that joins paths to a base URL: the joined paths that fit no
    endpoint (reported at the base URL's line)."""
    if sdk_family(language, code) is not None:
        return []  # an SDK adds its own paths to the base URL
    joined = [path + rest for rest in _JOINED.findall(code)]
    if not joined or any(
        path_fits(j, t) for j in joined for e in endpoints for t in allowed_paths(e)
    ):
        return []
    methods = http_methods(language, code)
    scored = [(closest_endpoint(j, methods, code, endpoints), j) for j in joined]
    chosen, wrong = scored[0]
    parts = urlsplit(url)
    return [Stray(f"{parts.scheme}://{parts.netloc}{wrong}", line, methods, chosen, False)]


def stray_requests(
    language: str, code: str, urls: list[tuple[str, int]], endpoints: list[Endpoint]
) -> list[Stray]:
    """The block's requests to the API (a spec region's host, or one that names the API's
    vendor) that no endpoint answers.

    A URL that is only a base (the host, an SDK's base path, the first segments of a path)
    is not a request of its own, but the paths a plain HTTP block joins to it are
    (``BASE + "/files/" + id``).
    """
    methods = http_methods(language, code)
    found: list[Stray] = []
    for url, line in urls:
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        if not path:
            found.extend(_base_url_requests(language, code, url, line, path, endpoints))
            continue
        tried = (path, *(path + rest for rest in _PATH_LITERAL.findall(code)))
        # Endpoints whose own path (or task poll path) the request has; an SDK's base path
        # says nothing about the method (the SDK picks it).
        called = [
            (e, t)
            for e in endpoints
            for t in (e.path, e.task.poll_path if e.task else "")
            if any(path_fits(p, t) for p in tried)
        ]
        if called:
            takes = {e.method if t == e.path else "GET" for e, t in called}
            if methods and not takes & methods:
                near = [e for e, t in called if t == e.path] or [e for e, _ in called]
                found.append(
                    Stray(url, line, methods, closest(near, sample_signs(code), code), True)
                )
            continue
        if any(path_fits(p, t) for p in tried for e in endpoints for t in allowed_paths(e)) or any(
            starts(path, t) for e in endpoints for t in allowed_paths(e)
        ):  # an SDK's base URL, or a base URL the block joins the rest of the path to
            found.extend(_base_url_requests(language, code, url, line, path, endpoints))
            continue
        chosen = closest_endpoint(path, methods, code, endpoints)
        found.append(Stray(url, line, methods, chosen, False))
    return found
