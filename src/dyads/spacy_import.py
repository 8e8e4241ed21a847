"""spaCy without its command line at import: `import spacy` imports `spacy.cli` only when it is used.

Why: spaCy's `__init__` runs `from .cli.info import info`, and `spacy.cli` imports every command
(typer, weasel, httpx, requests, jinja2): about 0.3 s of CPU, a tenth of a cold `dyads code` on one
article (docs/performance.md), for a command line dyads never calls. Loading and running a
pipeline do not need it (nothing in `spacy.cli` registers a factory or a function).

How: `install()` (run by `import dyads`, before any dyads module imports spaCy) puts a finder in
front of Python's. While spaCy's own `__init__` runs, and only then, it answers the imports of
`spacy.cli` and `spacy.cli.info` with two small stand-ins; `spacy.info` becomes a function that
imports the real `spacy.cli.info` when called. At the next import after spaCy's `__init__` has
finished, the stand-ins leave `sys.modules` and the finder leaves `sys.meta_path`, and the `spacy`
module gets a module `__getattr__` that imports the real `spacy.cli` when `spacy.cli` is first
read. So `import spacy.cli`, `from spacy.cli.download import download`, `spacy.cli.info(...)` and
`spacy.info(...)` all work as without dyads (tests/test_nlp.py). If spaCy was imported before
dyads, nothing is changed.
"""

from __future__ import annotations

import importlib
import sys
from contextlib import suppress
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def _spacy_initialising() -> bool:
    spacy = sys.modules.get("spacy")
    return spacy is not None and bool(getattr(getattr(spacy, "__spec__", None), "_initializing", False))


def _real_cli() -> ModuleType:
    """The real `spacy.cli` (imported now if it is not yet)."""
    return importlib.import_module("spacy.cli")


def info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when called (see the module's docstring)."""
    return _real_cli().info(*args, **kwargs)


class _DeferSpacyCli(MetaPathFinder, Loader):
    def __init__(self) -> None:
        self.stood_in = False

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if fullname in _STAND_INS and _spacy_initialising():
            self.stood_in = True
            return ModuleSpec(fullname, self, is_package=fullname == "spacy.cli")
        if self.stood_in and not _spacy_initialising():
            self.finish()
        return None

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.__dict__["info"] = info  # spaCy's __init__ reads `info` of spacy.cli.info

    def finish(self) -> None:
        """spaCy is imported: take the stand-ins out and let `spacy.cli` import the real one on first use."""
        with suppress(ValueError):
            sys.meta_path.remove(self)
        for name in _STAND_INS:
            module = sys.modules.get(name)
            if module is not None and isinstance(module.__spec__.loader, _DeferSpacyCli):
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is None:
            return
        cli = spacy.__dict__.get("cli")
        if cli is not None and isinstance(getattr(cli.__spec__, "loader", None), _DeferSpacyCli):
            del spacy.__dict__["cli"]
        if "__getattr__" not in spacy.__dict__:
            spacy.__dict__["__getattr__"] = _spacy_getattr


def _spacy_getattr(name: str) -> Any:
    if name == "cli":
        return _real_cli()
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def install() -> None:
    """Defer `spacy.cli` for the spaCy import to come (nothing to do if spaCy is imported already)."""
    if "spacy" in sys.modules or any(isinstance(f, _DeferSpacyCli) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _DeferSpacyCli())
