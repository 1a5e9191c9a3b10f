"""The ``samplegen mock`` and ``samplegen verify`` commands (thin layers over the harness)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import click

from generator.cli.main import (
    DEFAULT_OUT,
    locale_option,
    project_config,
    region_option,
    specs_option,
)
from generator.harness.runner import FAILED, CaseResult, default_cache
from generator.harness.verify import (
    available_cores,
    format_table,
    parse_shard,
    shown_status,
    skip_reasons,
    write_junit,
)
from generator.harness.verify import verify as run_verify
from generator.mock import (
    DEFAULT_API_KEY,
    DEFAULT_DENIED_KEY,
    DEFAULT_REPLY,
    InterceptingProxy,
    Mock,
    MockConfig,
    MockServer,
    RecordedRequest,
    TestCA,
)
from generator.mock.server import is_loopback
from generator.render.registry import LANGUAGES
from generator.render.selection import Selection
from generator.sources import load_specs


@click.command()
@specs_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback address to bind.")
@click.option("--port", type=int, default=8080, show_default=True, help="Plain-HTTP mock port.")
@click.option(
    "--proxy-port",
    type=int,
    default=0,
    show_default="any free port",
    help="Port of the TLS-intercepting CONNECT proxy in front of the same mock.",
)
@click.option(
    "--api-key",
    default=DEFAULT_API_KEY,
    show_default=True,
    help="The only key accepted; any other key gets the spec's invalid_api_key error.",
)
@click.option("--reply", default=DEFAULT_REPLY, show_default=True, help="Reply text.")
def mock(specs: Path, host: str, port: int, proxy_port: int, api_key: str, reply: str) -> None:
    """Serve the mock API in the foreground until Ctrl-C (loopback only).

    \b
    Key policy: the mock accepts exactly one key, --api-key (default
    sk-samplegen-mock, never a real key). The key sk-samplegen-mock-denied is
    answered with the spec's access_denied error (403); every other key, or a
    missing Authorization header, with invalid_api_key (401). A body failing the
    spec's request schema gets invalid_parameter; a model the spec does not list,
    model_not_found; an unknown path, a 404 JSON error.

    Point a sample at http://HOST:PORT, or run it unmodified with the printed
    HTTPS_PROXY and CA variables: the proxy mints a certificate for whatever host
    the sample connects to. Each request is printed with what did not match the spec.
    """
    if not is_loopback(host):
        raise click.BadParameter(f"{host} is not a loopback address", param_hint="--host")
    endpoints = load_specs(specs)

    def show(record: RecordedRequest) -> None:
        click.echo(record.summary())
        for mismatch in record.mismatches:
            click.echo(f"  - {mismatch}")
        sys.stdout.flush()

    config = MockConfig(api_key=api_key, denied_key=DEFAULT_DENIED_KEY, reply=reply)

    def note(text: str) -> None:  # a transport problem (a client that went away): one line
        click.echo(f"  transport: {text}", err=True)

    the_mock = Mock(endpoints, config, on_request=show, on_event=note)
    with tempfile.TemporaryDirectory(prefix="samplegen-mock-") as tmp:
        ca = TestCA(Path(tmp))
        with (
            MockServer(the_mock, host, port) as server,
            InterceptingProxy(the_mock, ca, host, proxy_port) as proxy,
        ):
            click.echo(f"mock: {server.url} ({', '.join(e.path for e in endpoints)})")
            click.echo(f"proxy: HTTPS_PROXY={proxy.url}  (test CA: {ca.pem})")
            click.echo(
                f"  e.g. HTTPS_PROXY={proxy.url} NO_PROXY= CURL_CA_BUNDLE={ca.pem} "
                f"SSL_CERT_FILE={ca.pem} REQUESTS_CA_BUNDLE={ca.pem} "
                f"NODE_EXTRA_CA_CERTS={ca.pem}"
            )
            click.echo("Ctrl-C stops it.")
            sys.stdout.flush()  # the addresses are needed now, also when stdout is a pipe
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                click.echo("stopped")


@click.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder of generated samples to run.",
)
@specs_option
@click.option(
    "--lang",
    "languages",
    multiple=True,
    type=click.Choice([lang.key for lang in LANGUAGES]),
    help="Only this language (repeatable). Default: all.",
)
@click.option("--junit", type=click.Path(path_type=Path, dir_okay=False), help="Write JUnit XML.")
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on any skip (a missing toolchain), except skips a runtime marks as allowed "
    "(the .NET run of C# without dotnet).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    show_default=f"the machine's cores, here {available_cores()}",
    help="Samples run at once.",
)
@click.option(
    "--shard",
    metavar="K/N",
    default=None,
    help="Run only shard K of N: a stable split by sample path, for a CI matrix; "
    "merge the shards' --junit reports with samplegen junit-merge.",
)
@region_option
@locale_option
@click.option(
    "--cache",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Dependency cache folder (SDKs, npm packages, Maven artifacts, Go build cache). "
    "[default: $SAMPLEGEN_CACHE, else the user cache folder, e.g. ~/.cache/samplegen]",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Run every sample, also those whose inputs did not change since they passed "
    "(the results are still remembered in the cache folder's verify/).",
)
def verify(
    out: Path,
    specs: Path,
    languages: tuple[str, ...],
    junit: Path | None,
    strict: bool,
    jobs: int | None,
    shard: str | None,
    region: str | None,
    locale: str | None,
    cache: Path | None,
    no_cache: bool,
) -> None:
    """Run every generated sample, unmodified, against the mock; exit 0 only if all pass.

    Each sample runs twice through a TLS-intercepting proxy: with a valid key (it must
    exit 0, send exactly the spec's request and print the mock's reply) and with an
    invalid key (it must exit non-zero and print the spec's error message).

    A sample whose inputs did not change since all its cases passed (its bytes, its
    endpoint as the mock sees it, the runtime and SDK versions, samplegen's harness and
    mock code) is not run again: it is reported as cached. --no-cache runs it anyway.
    """
    started = time.monotonic()
    chosen_shard = parse_shard(shard) if shard is not None else None

    def progress(results: list[CaseResult]) -> None:
        for r in results:
            click.echo(f"{shown_status(r):7} {r.test_id} ({r.duration:.1f}s)", err=True)

    report = run_verify(
        out,
        specs,
        languages or None,
        workers=jobs,
        strict=strict,
        cache=cache or default_cache(),
        progress=progress,
        region=region,
        locale=locale,
        selection=Selection(
            variants=project_config().variants or None,
            regions=project_config().regions,
            locales=project_config().locales,
            origin=project_config().origins(),
        ),
        shard=chosen_shard,
        reuse=not no_cache,
    )
    for r in report.results:
        if r.status == FAILED:
            click.echo(f"\nFAILED {r.test_id}\n{r.message}")
    click.echo("")
    click.echo(format_table(report.results))
    for line in skip_reasons(report.results):
        click.echo(line)
    for line in report.batch_lines():
        click.echo(line)
    if junit is not None:
        write_junit(report.results, junit)
        click.echo(f"JUnit XML: {junit}")
    click.echo(f"took {time.monotonic() - started:.1f}s")
    click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@click.command("junit-merge")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
def junit_merge(out: Path, inputs: tuple[Path, ...]) -> None:
    """Merge the JUnit reports of verify --shard runs (INPUTS) into OUT.

    OUT equals the report of one unsharded run up to timings: the same testcases in the
    same order (by sample file), the same counts. A testcase found in two inputs is an
    error; OUT is written only when every input is valid.
    """
    from generator.harness.junit_merge import write_merged

    count = write_merged(out, inputs)
    click.echo(f"junit-merge: {count} testcases from {len(inputs)} reports -> {out}")
