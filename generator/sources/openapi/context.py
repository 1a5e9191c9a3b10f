"""What reading one document's operations shares: references, schema converters, settings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from generator.sources.openapi.errors import Skip
from generator.sources.openapi.refs import Node, Resolver
from generator.sources.openapi.schemas import Converter, strip
from generator.sources.openapi.settings import ImportSettings
from generator.sources.openapi.values import Generator, NoValue


@dataclass
class Context:
    """One document being read."""

    resolver: Resolver
    version: str
    settings: ImportSettings
    converters: dict[str, Converter] = field(default_factory=dict)
    _validators: dict[int, tuple[Any, Any]] = field(default_factory=dict)
    _checked: dict[str, str | None] = field(default_factory=dict)  # schema -> problem
    _schemas: dict[tuple[str, str], Any] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)  # results shared by operations
    _stripped: dict[int, tuple[Any, Any]] = field(default_factory=dict)

    def deref(self, node: Node) -> Node:
        return self.resolver.deref(node)

    def schema(self, node: Node, mode: str) -> Any:
        """The full converted schema of ``node`` (``mode``: write for requests, read for
        answers); the same object for the same place (errors and bodies share components)."""
        key = (node.uri, mode)
        if key not in self._schemas:
            if mode not in self.converters:
                self.converters[mode] = Converter(self.resolver, self.version, mode)
            self._schemas[key] = self.converters[mode].schema(node)
        return self._schemas[key]

    def stripped(self, schema: Any) -> Any:
        """What a spec file holds of a full schema (each shared ``$defs`` entry stripped
        once: they are the same objects in every endpoint of the document)."""
        if not isinstance(schema, dict) or not isinstance(schema.get("$defs"), dict):
            return strip(schema)
        out = strip({k: v for k, v in schema.items() if k != "$defs"})
        defs = {}
        for name, part in schema["$defs"].items():
            known = self._stripped.get(id(part))
            if known is None or known[0] is not part:
                known = self._stripped[id(part)] = (part, strip(part))
            defs[name] = known[1]
        return {**out, "$defs": defs}

    def generate(self, schema: Any, mode: str, name: str = "", optional: bool | None = None) -> Any:
        """A value ``schema`` accepts (raises :class:`Skip` naming what is wrong)."""
        if optional is None:
            optional = self.settings.optional_fields
        tries = [optional] if optional else [False, True]
        problem = ""
        for with_optional in tries:
            try:
                value = Generator(schema, mode, with_optional).value(name)
            except NoValue as err:
                problem = str(err)
                continue
            error = self.problem(schema, value)
            if error is None:
                return value
            problem = error
        raise Skip(f"no value of {name or 'the schema'} that its schema accepts: {problem}")

    def problem(self, schema: Any, value: Any) -> str | None:
        """Why ``schema`` refuses ``value`` (None when it accepts it)."""
        import jsonschema

        self.check(schema)
        known = self._validators.get(id(schema))
        if known is None or known[0] is not schema:
            known = self._validators[id(schema)] = (schema, jsonschema.Draft202012Validator(schema))
        validator = known[1]
        try:
            error = jsonschema.exceptions.best_match(validator.iter_errors(value))
        except jsonschema.exceptions._WrappedReferencingError as err:
            raise Skip(f"the schema has a reference that leads nowhere: {err}") from None
        if error is None:
            return None
        where = "/".join(str(p) for p in error.absolute_path)
        return f"{where + ': ' if where else ''}{error.message}"[:200]

    def check(self, schema: Any) -> None:
        """Raise :class:`Skip` when ``schema`` is not valid JSON Schema. What the spec file
        will hold (the stripped schema) is checked, through the spec validator's own cache:
        each ``$defs`` entry once per process, and the spec validator later finds them
        checked (a document's endpoints share most of them)."""
        import jsonschema

        from generator.sources.spec_data import _check_schema_text

        if not isinstance(schema, dict):
            return
        parts = [("", {k: v for k, v in schema.items() if k != "$defs"})]
        parts += list((schema.get("$defs") or {}).items())
        for name, part in parts:
            key = name if name else str(id(schema))
            if key in self._checked:
                if self._checked[key] is None:
                    continue
                raise Skip(self._checked[key])
            try:
                text = json.dumps(
                    self.stripped({"$defs": {name: part}})["$defs"][name] if name else strip(part),
                    sort_keys=True,
                )
                _check_schema_text(text)
                self._checked[key] = None
            except jsonschema.SchemaError as err:
                where = "/".join(str(p) for p in err.absolute_path)
                message = f"the schema{' ' + name if name else ''} is not valid JSON Schema: "
                self._checked[key] = message + f"{where + ': ' if where else ''}{err.message}"
                raise Skip(self._checked[key]) from None
