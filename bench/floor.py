"""The plain-Python floor: samples assembled with f-strings calling the very same filters.

Each function here writes, by hand, the text one template produces for a non-streaming
endpoint in English, from the same :func:`generator.render.context.make_context` and the same
filters the template calls. It is the fastest a renderer built on these filters can be;
``make bench`` times it beside the templates and first checks that both give the same bytes
(:func:`check_floor`), so the floor is the same work, not a shortcut.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.i18n import translations
from generator.model import Endpoint
from generator.render.context import make_context
from generator.render.filters.go import go_comment, go_raw_json, go_str
from generator.render.filters.python import py_docstring, py_str, py_value
from generator.render.registry import Variant

_ = translations("en").gettext


def python_requests(endpoint: Endpoint, variant: Variant) -> str:
    """templates/python/requests/main.py.j2, non-streaming."""
    c = make_context(endpoint, variant)
    env = py_str(c.auth.env)
    headers = "".join(f"    {py_str(name)}: {py_str(value)},\n" for name, value in c.headers)
    missing = _("Set the %(env)s environment variable to your API key.") % {"env": c.auth.env}
    return f"""{py_docstring(_("%(title)s (Python requests).") % {"title": c.title})}

import json
import os
import sys

import requests

URL = {py_str(c.url)}

# {_("Read the API key from the environment; never write it into the code.")}
api_key = os.environ.get({env})
if not api_key:
    sys.exit({py_str(missing)})

headers = {{
    {py_str(c.auth.header)}: {py_str(c.auth.value_prefix())} + api_key,
{headers}}}
body = {py_value(c.body)}

try:
    response = requests.{c.method.lower()}(URL, headers=headers, json=body, timeout=60)
except requests.RequestException as error:
    print({py_str(_("Request failed:"))}, error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # {_("The API answered with an error status: print its error body.")}
    print(f"HTTP {{response.status_code}}: {{response.text}}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
"""


def go_nethttp(endpoint: Endpoint, variant: Variant) -> str:
    """templates/go/nethttp/main.go.j2, non-streaming."""
    c = make_context(endpoint, variant)
    title = _("%(title)s (Go net/http).") % {"title": c.title}
    reads = _("Reads the API key from %(env)s; prints the reply, or the error body and exits "
              "non-zero.") % {"env": c.auth.env}  # fmt: skip
    missing = _("Set the %(env)s environment variable to your API key.") % {"env": c.auth.env}
    prefix = c.auth.value_prefix()
    auth = (
        f"\treq.Header.Set({go_str(c.auth.header)}, {go_str(prefix)}+apiKey)\n"
        if prefix
        else f"\treq.Header.Set({go_str(c.auth.header)}, apiKey)\n"
    )
    headers = "".join(f"\treq.Header.Set({go_str(n)}, {go_str(v)})\n" for n, v in c.headers)
    transport = _("The default transport honours HTTPS_PROXY; give up after 60 seconds.")
    send = _(
        "send sends req and returns the answer's body; on a failure it prints the error "
        "(the API's error body) and exits."
    )
    return f"""// {go_comment(title)}
// {go_comment(reads)}
package main

import (
\t"fmt"
\t"io"
\t"net/http"
\t"os"
\t"strings"
\t"time"
)

const apiURL = {go_str(c.url)}

// {go_comment(_("The JSON request body."))}
const requestBody = {go_raw_json(c.body)}

func main() {{
\t// {go_comment(_("Read the API key from the environment; never write it into the code."))}
\tapiKey := os.Getenv({go_str(c.auth.env)})
\tif apiKey == "" {{
\t\tfmt.Fprintln(os.Stderr, {go_str(missing)})
\t\tos.Exit(1)
\t}}

\treq, err := http.NewRequest({go_str(c.method)}, apiURL, strings.NewReader(requestBody))
\tif err != nil {{
\t\tfmt.Fprintln(os.Stderr, {go_str(_("Cannot build the request:"))}, err)
\t\tos.Exit(1)
\t}}
{auth}{headers}
\t// {go_comment(transport)}
\tclient := &http.Client{{Timeout: 60 * time.Second}}
\treply := send(client, req)
\tfmt.Println(string(reply))
}}

// {go_comment(send)}
func send(client *http.Client, req *http.Request) []byte {{
\tresp, err := client.Do(req)
\tif err != nil {{
\t\tfmt.Fprintln(os.Stderr, {go_str(_("Request failed:"))}, err)
\t\tos.Exit(1)
\t}}
\treply, err := io.ReadAll(resp.Body)
\tresp.Body.Close()
\tif err != nil {{
\t\tfmt.Fprintln(os.Stderr, {go_str(_("Cannot read the response:"))}, err)
\t\tos.Exit(1)
\t}}
\tif resp.StatusCode < 200 || resp.StatusCode > 299 {{
\t\t// {go_comment(_("The API answered with an error status: print its error body."))}
\t\tfmt.Fprintf(os.Stderr, "HTTP %d: %s\\n", resp.StatusCode, reply)
\t\tos.Exit(1)
\t}}
\treturn reply
}}
"""


# Variant name -> its floor.
FLOORS: dict[str, Callable[[Endpoint, Variant], str]] = {
    "python-requests": python_requests,
    "go-nethttp": go_nethttp,
}


def check_floor(
    endpoint: Endpoint, variant: Variant, rendered: str
) -> Callable[[Endpoint, Variant], str]:
    """The floor of ``variant``, after checking it gives exactly the template's ``rendered``."""
    floor = FLOORS[variant.name]
    text = floor(endpoint, variant)
    if text != rendered:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                rendered.splitlines(True), text.splitlines(True), "template", "floor"
            )
        )
        raise SystemExit(f"the f-string floor of {variant.name} differs from its template:\n{diff}")
    return floor
