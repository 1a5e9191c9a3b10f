"""Find a language's runtime: the module ``generator.harness.runtimes.<language>``."""

from __future__ import annotations

import importlib
import inspect

from generator.harness.runtime import Runtime

PACKAGE = "generator.harness.runtimes"


class RuntimeUnavailable(Exception):
    """No usable runtime module: a skip when it does not exist yet, a failure when broken."""

    def __init__(self, reason: str, *, skip: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skip = skip


def find_runtime(language: str) -> Runtime:
    """The runtime of ``language``: the module's ``RUNTIME``, else its one Runtime subclass.

    Raises :class:`RuntimeUnavailable` (``skip=True``, reason "no runtime module") when the
    module does not exist, and with ``skip=False`` when it cannot be imported or holds no
    runtime.
    """
    name = f"{PACKAGE}.{language}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            raise RuntimeUnavailable(
                f"no runtime module (generator/harness/runtimes/{language}.py)", skip=True
            ) from None
        raise RuntimeUnavailable(
            f"runtime module {name} cannot be imported: {err}", skip=False
        ) from None
    except Exception as err:  # a broken runtime module fails its samples
        raise RuntimeUnavailable(
            f"runtime module {name} cannot be imported: {type(err).__name__}: {err}", skip=False
        ) from None
    runtime = getattr(module, "RUNTIME", None)
    if isinstance(runtime, Runtime):
        return runtime
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, Runtime)
        and not inspect.isabstract(obj)
        and obj.__module__ == name
    ]
    if len(classes) != 1:
        raise RuntimeUnavailable(
            f"runtime module {name} defines no RUNTIME and {len(classes)} Runtime classes",
            skip=False,
        )
    return classes[0]()
