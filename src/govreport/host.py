"""The plugin host: loads built-in and external plugins and collects what they register.

Load order (documented in ``docs/plugins.md``):

1. names blocked by ``block=`` and by ``GOVREPORT_DISABLE_PLUGINS`` (a comma list);
2. the built-in plugins in :data:`BUILTIN_PLUGINS`, registered exactly like external ones;
3. entry points of the ``govreport`` group, unless ``load_entrypoints=False`` or
   ``GOVREPORT_DISABLE_PLUGIN_AUTOLOAD`` is set;
4. plugin objects passed in ``plugins=``;
5. a check that every hook implementation matches a spec, so a misspelled hook fails loudly,
   and a refusal of hook wrappers;
6. every ``register_*`` hook called, and the pipeline compiled from what they registered
   (:class:`Pipeline`): marker styles, unit table, extractors in order, each configurable
   extractor compiled for the units and vocabularies. All of it happens once, when the host is
   built (or :meth:`PluginHost.register` adds a plugin), so :attr:`PluginHost.faults` is
   complete from the start.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from govreport import hookspecs
from govreport._regex import PATTERN_CACHE
from govreport.boundary import call_plugin
from govreport.errors import InputError, PluginError
from govreport.indicators import IndicatorLexicon, IndicatorLinker, IndicatorTerm
from govreport.model import DEFAULT_UNITS, Report, SourceText, Unit, UnitTable, Vocabulary
from govreport.protocols import (
    ConfigurableExtractor,
    Configuration,
    Exporter,
    MentionExtractor,
)
from govreport.structure.markers import STYLES, Markers, MarkerStyle

if TYPE_CHECKING:
    from importlib.metadata import Distribution

ENTRY_POINT_GROUP = "govreport"
"""Entry-point group external plugins register under."""

BUILTIN_PLUGINS: Mapping[str, str] = MappingProxyType(
    {
        "builtin.readers": "govreport.builtin.readers",
        "builtin.html": "govreport.builtin.readers:HTML",
        "builtin.docx": "govreport.builtin.readers:DOCX",
        "builtin.doc": "govreport.builtin.readers:DOC",
        "builtin.pdf": "govreport.builtin.readers:PDF",
        "builtin.extractors": "govreport.builtin.extractors",
        "builtin.indicators": "govreport.builtin.indicators",
        "builtin.json": "govreport.exporters.json",
        "builtin.outline": "govreport.exporters.outline",
        "builtin.markdown": "govreport.exporters.markdown",
        "builtin.csv": "govreport.exporters.csv",
        "builtin.jsonl": "govreport.exporters.jsonl",
        "builtin.parquet": "govreport.exporters.parquet",
    }
)
"""Plugin name → where every built-in plugin is: a module, or ``module:attribute`` for a plugin
object (:func:`builtin_plugin` gives the plugin)."""

T = TypeVar("T")


def builtin_plugin(name: str) -> object:
    """The built-in plugin called ``name`` (a key of :data:`BUILTIN_PLUGINS`), imported."""
    module, _, attribute = BUILTIN_PLUGINS[name].partition(":")
    plugin: object = importlib.import_module(module)
    return getattr(plugin, attribute) if attribute else plugin


@attrs.frozen(kw_only=True)
class Registered:
    """Something a plugin registered, with the plugin's name."""

    plugin: str
    """Name of the registering plugin."""
    value: Any
    """The extractor, exporter or unit."""


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One loaded plugin, as ``govreport plugins`` lists it."""

    name: str
    """The name it is registered under."""
    builtin: bool
    """True for plugins that ship inside govreport."""
    distribution: str | None
    """The installed distribution that provides it, for entry-point plugins."""
    version: str | None
    """That distribution's version (govreport's own for built-ins)."""
    hooks: tuple[str, ...]
    """The hooks it implements."""
    provides: tuple[str, ...]
    """Names of the extractors and exporters it registered."""


@attrs.frozen(kw_only=True)
class Stage:
    """One extractor of the pipeline, compiled for its host, with the plugin that registered it."""

    plugin: str
    """Name of the registering plugin."""
    extractor: MentionExtractor
    """The extractor, compiled for the host's configuration when it is configurable."""


@attrs.frozen(kw_only=True)
class Pipeline:
    """Everything a parse needs from the plugins, compiled once per host."""

    markers: Markers
    """The marker styles (built-in, then registered), indexed for matching."""
    configuration: Configuration
    """The unit table and the vocabularies."""
    stages: tuple[Stage, ...]
    """The extractors in the order they run (ascending ``order``, then name)."""


def _misshapen(value: object) -> str | None:
    """Why a registered item of the right kind still cannot be used, or None when it can.

    A protocol check sees only that the attributes exist: a name that is not a str, or an
    extractor ``order`` that is not an int, would fail later, outside any plugin call.
    """
    name = getattr(value, "name", "")
    if not isinstance(name, str):
        return f"registered the name {name!r}, not a str"
    order = getattr(value, "order", 0)
    if isinstance(order, bool) or not isinstance(order, int):
        return f"registered {name!r} with the order {order!r}, not an int"
    return None


def _env_list(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


_OUTPUT_HOOKS = frozenset({"register_exporters"})
"""Hooks whose failures change what can be written, not what a parse finds."""


class PluginHost:
    """A fresh plugin manager with everything its plugins registered.

    :param plugins: extra plugin objects (modules or instances) to register.
    :param load_entrypoints: load plugins installed under the ``govreport`` entry-point group.
    :param block: plugin names not to load (built-ins included).
    :param strict: raise :class:`~govreport.errors.PluginError` when a plugin fails to load or
        to register, or registers something invalid; when False, leave out what that plugin
        registered in that hook and keep the failure in :attr:`faults` (a tolerant parse copies
        it into the report).
    """

    def __init__(
        self,
        *,
        plugins: Iterable[object] = (),
        load_entrypoints: bool = True,
        block: Iterable[str] = (),
        strict: bool = True,
    ) -> None:
        self.strict = strict
        """Whether registration failures raise (True) or are kept in :attr:`faults`."""
        with PATTERN_CACHE.keeping():  # what the imports and the build compile
            self._faults: list[PluginError] = []
            self._build_faults: list[PluginError] = []
            self._building = False
            self.manager = pluggy.PluginManager(hookspecs.PROJECT)
            self.manager.add_hookspecs(hookspecs)
            self._blocked = set(block) | _env_list("GOVREPORT_DISABLE_PLUGINS")
            for name in self._blocked:
                self.manager.set_blocked(name)
            for name in BUILTIN_PLUGINS:
                if name not in self._blocked:
                    self.manager.register(builtin_plugin(name), name=name)
            self._distributions: dict[str, Distribution] = {}
            """The distribution of each entry-point plugin; its name and version are read
            (from its metadata file) only when the plugins are listed."""
            if load_entrypoints and not os.environ.get("GOVREPORT_DISABLE_PLUGIN_AUTOLOAD"):
                self._load_entry_points()
            for plugin in plugins:
                self._register(plugin, None)
            self._validate()
            self._build()

    def register(self, plugin: object, *, name: str | None = None) -> None:
        """Add ``plugin`` to this host and compile the pipeline again.

        :raises PluginError: on a strict host, when the plugin cannot be registered or what it
            registers is invalid.
        """
        with PATTERN_CACHE.keeping():
            self._register(plugin, name)
            self._validate()
            self._build()

    def _register(self, plugin: object, name: str | None) -> None:
        """Register ``plugin``; a hook whose arguments the spec does not know is a failure.

        A plugin object given without a name is named after itself (its ``__name__``, else its
        class), never after its id as pluggy would, so every message can name it; a second
        plugin of that name gets ``#2``, and so on.
        """
        label = name or getattr(plugin, "__name__", None) or type(plugin).__name__
        if name is None:
            base, count = label, 1
            while self.manager.has_plugin(label) or self.manager.is_blocked(label):
                count += 1
                label = f"{base}#{count}"
        try:
            self.manager.register(plugin, name=label)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self._fail(PluginError(label, "register", str(exc)), exc)

    def _validate(self) -> None:
        """Drop (or, strict, refuse) each plugin with a misspelled hook or a hook wrapper."""
        while True:  # a tolerant host drops each plugin with a misspelled hook, then checks again
            try:
                self.manager.check_pending()
                break
            except pluggy.PluginValidationError as exc:
                name = self.manager.get_name(exc.plugin) or "?"
                self._fail(PluginError(name, "check_pending", str(exc)), exc)
                self.manager.unregister(exc.plugin)
        for caller in self.manager.hook.__dict__.values():
            for impl in caller.get_hookimpls():
                if impl.hookwrapper or impl.wrapper:
                    message = "hook wrappers are not supported; implement the hook plainly"
                    self._fail(PluginError(impl.plugin_name, caller.name, message))
                    self.manager.unregister(impl.plugin)

    def _load_entry_points(self) -> None:
        """Register the ``govreport`` entry points (only those named in GOVREPORT_PLUGINS, when
        that variable is set: an empty value loads none)."""
        from importlib import metadata  # noqa: PLC0415 - deferred: costs ~25 ms at import

        wanted = os.environ.get("GOVREPORT_PLUGINS")
        allowed = None if wanted is None else {p.strip() for p in wanted.split(",") if p.strip()}
        points = metadata.entry_points(group=ENTRY_POINT_GROUP)
        for point in sorted(points, key=lambda p: p.name):
            if self.manager.is_blocked(point.name) or self.manager.has_plugin(point.name):
                continue
            dist = point.dist
            if (
                allowed is not None
                and point.name not in allowed
                and (dist.name if dist is not None else None) not in allowed
            ):
                continue
            try:
                plugin = point.load()
            except Exception as exc:  # a broken third-party plugin must name itself
                self._fail(PluginError(point.name, "load", f"{type(exc).__name__}: {exc}"), exc)
                continue
            self._register(plugin, point.name)
            if dist is not None:
                self._distributions[point.name] = dist

    # -- faults ----------------------------------------------------------------------------
    @property
    def faults(self) -> tuple[PluginError, ...]:
        """Load and registration failures a tolerant host (``strict=False``) has kept: all of
        them, since every plugin registers when the host is built."""
        return (*self._faults, *self._build_faults)

    @property
    def parse_faults(self) -> tuple[PluginError, ...]:
        """The kept failures that change what a parse finds: all but those of hooks that only
        serve output (``register_exporters``). A tolerant parse copies these into its report."""
        return tuple(error for error in self.faults if error.hook not in _OUTPUT_HOOKS)

    def _fail(self, error: PluginError, cause: BaseException | None = None) -> None:
        """Raise ``error`` on a strict host; keep it on a tolerant one (with the failures of
        loading, or of the current build)."""
        if self.strict:
            raise error from cause
        (self._build_faults if self._building else self._faults).append(error)

    # -- collection ------------------------------------------------------------------------
    def _build(self) -> None:
        """Call every ``register_*`` hook and compile the pipeline from what they registered."""
        self._building, self._build_faults = True, []
        try:
            self._extractors = self._unique("register_mention_extractors", MentionExtractor)  # type: ignore[type-abstract]
            self._exporters = self._unique("register_exporters", Exporter)
            self._vocabularies = self._unique("register_vocabularies", Vocabulary)
            vocabularies = tuple(r.value for _, r in sorted(self._vocabularies.items()))
            extra: list[Unit] = [unit for vocabulary in vocabularies for unit in vocabulary.units]
            extra += (unit for _, unit in self._valid("register_units", Unit))
            configuration = Configuration(
                units=DEFAULT_UNITS.extended(extra), vocabularies=vocabularies
            )
            styles = (*STYLES, *(s for _, s in self._valid("register_heading_styles", MarkerStyle)))
            self.pipeline = Pipeline(
                markers=Markers(styles),
                configuration=configuration,
                stages=tuple(self._stages(configuration)),
            )
            terms = (term for _, term in self._valid("register_indicators", IndicatorTerm))
            self._indicator_lexicon = IndicatorLexicon.of(terms)
            self._indicator_linker = self._chosen_linker()
        finally:
            self._building = False

    def _stages(self, configuration: Configuration) -> Iterator[Stage]:
        """The extractors in order, each configurable one compiled for ``configuration``."""
        for item in sorted(self._extractors.values(), key=lambda r: (r.value.order, r.value.name)):
            extractor: MentionExtractor = item.value
            if isinstance(extractor, ConfigurableExtractor):
                try:
                    extractor = call_plugin(
                        item.plugin,
                        extractor.name,
                        extractor.configured,
                        {"configuration": configuration},
                    )
                except PluginError as exc:
                    self._fail(exc, exc.__cause__)
                    continue
            yield Stage(plugin=item.plugin, extractor=extractor)

    def _chosen_linker(self) -> Registered | None:
        """The last linker a non-built-in plugin registered, else the last built-in one."""
        kind: type[IndicatorLinker] = IndicatorLinker  # type: ignore[type-abstract]
        linkers = list(self._valid("register_indicator_linkers", kind))
        chosen = next((item for item in reversed(linkers) if item[0] not in BUILTIN_PLUGINS), None)
        chosen = chosen or (linkers[-1] if linkers else None)
        return None if chosen is None else Registered(plugin=chosen[0], value=chosen[1])

    def _collect(self, hook_name: str) -> tuple[Registered, ...]:
        caller = getattr(self.manager.hook, hook_name)
        collected: list[Registered] = []
        # Built-ins first, then others in registration order: never rely on pluggy's LIFO order.
        for impl in caller.get_hookimpls():
            plugin_name = impl.plugin_name
            own: list[Registered] = []

            def register(
                value: object, _plugin: str = plugin_name, _own: list[Registered] = own
            ) -> None:
                _own.append(Registered(plugin=_plugin, value=value))

            try:
                call_plugin(
                    plugin_name, hook_name, impl.function, dict.fromkeys(impl.argnames, register)
                )
            except PluginError as exc:
                # All or nothing: a plugin that failed half-way registers none of its items.
                self._fail(exc, exc.__cause__)
                continue
            collected.extend(own)
        return tuple(collected)

    def _valid(self, hook_name: str, kind: type[T]) -> Iterator[tuple[str, T]]:
        """(plugin name, value) of each item registered in ``hook_name`` that is a ``kind``."""
        for item in self._collect(hook_name):
            if not isinstance(item.value, kind):
                message = f"registered {item.value!r}, not a {kind.__name__}"
            elif (problem := _misshapen(item.value)) is not None:
                message = problem
            else:
                yield item.plugin, item.value
                continue
            self._fail(PluginError(item.plugin, hook_name, message))

    def _unique(self, hook_name: str, kind: type[T]) -> dict[str, Registered]:
        by_name: dict[str, Registered] = {}
        for plugin, value in self._valid(hook_name, kind):
            name = value.name  # type: ignore[attr-defined]
            if name in by_name:
                message = f"{name!r} is already registered by {by_name[name].plugin!r}"
                self._fail(PluginError(plugin, hook_name, message))
                continue
            by_name[name] = Registered(plugin=plugin, value=value)
        return by_name

    @property
    def extractors(self) -> tuple[MentionExtractor, ...]:
        """Registered extractors in the order they run (ascending ``order``, then name), as
        they were registered (the pipeline holds them compiled)."""
        items = sorted(self._extractors.values(), key=lambda r: (r.value.order, r.value.name))
        return tuple(r.value for r in items)

    def extractor_plugin(self, extractor: MentionExtractor) -> str:
        """Name of the plugin that registered ``extractor``."""
        return self._extractors[extractor.name].plugin

    def exporter_plugin(self, name: str) -> str:
        """Name of the plugin that registered the exporter for format ``name``."""
        return self._exporters[name].plugin

    @property
    def exporters(self) -> Mapping[str, Exporter]:
        """Registered exporters by format name."""
        return MappingProxyType({name: r.value for name, r in sorted(self._exporters.items())})

    def exporter(self, name: str) -> Exporter:
        """The exporter for format ``name``; :class:`InputError` names the known formats."""
        try:
            return self._exporters[name].value  # type: ignore[no-any-return]
        except KeyError:
            known = ", ".join(sorted(self._exporters))
            raise InputError(f"unknown format {name!r} (known: {known})") from None

    def export(self, name: str, report: Report) -> str | bytes:
        """``report`` written by the exporter for format ``name``.

        :raises InputError: for an unknown format.
        :raises PluginError: naming the exporter's plugin, when it fails or answers with
            something that is neither str nor bytes.
        """
        exporter, plugin = self.exporter(name), self._exporters[name].plugin
        output = call_plugin(plugin, "export", exporter.export, {"report": report})
        if not isinstance(output, str | bytes):
            message = f"returned {type(output).__name__}, not str or bytes"
            raise PluginError(plugin, "export", message)
        return output

    @property
    def vocabularies(self) -> tuple[Vocabulary, ...]:
        """Registered vocabularies, by name."""
        return self.pipeline.configuration.vocabularies

    @property
    def units(self) -> UnitTable:
        """The built-in unit table extended with the units plugins registered."""
        return self.pipeline.configuration.units

    @property
    def heading_styles(self) -> tuple[MarkerStyle, ...]:
        """The built-in marker styles followed by those plugins registered."""
        return self.pipeline.markers.styles

    @property
    def indicator_lexicon(self) -> IndicatorLexicon:
        """Every indicator term plugins registered, compiled into one lexicon."""
        return self._indicator_lexicon

    @property
    def indicator_linker(self) -> IndicatorLinker | None:
        """The linker parses use: the last one a non-built-in plugin registered, else the
        built-in one; None when every linker is blocked."""
        return None if self._indicator_linker is None else self._indicator_linker.value

    @property
    def indicator_linker_plugin(self) -> str:
        """Name of the plugin that registered :attr:`indicator_linker`."""
        return "" if self._indicator_linker is None else self._indicator_linker.plugin

    def read(self, data: bytes, source: str, encoding: str | None = None) -> SourceText:
        """Read ``data`` with the first reader plugin that accepts it.

        Readers are asked in pluggy's call order (``tryfirst`` ones first, the built-in one
        last); the first answer that is not None wins. A reader that fails is named, whatever
        the host's strictness: without text there is nothing to be tolerant with.

        :param encoding: the encoding the user named, for readers that take ``encoding``.
        :raises InputError: when no reader accepts it (the built-in one raises DecodeError).
        :raises PluginError: when a reader fails or answers with something that is neither a
            :class:`~govreport.model.SourceText` nor a str.
        """
        arguments = {"data": data, "source": source, "encoding": encoding}
        for impl in reversed(self.manager.hook.read_source.get_hookimpls()):
            wanted = {arg: arguments[arg] for arg in impl.argnames}
            text = call_plugin(
                impl.plugin_name, "read_source", impl.function, wanted, passes=(InputError,)
            )
            if text is None:
                continue
            if isinstance(text, str):
                return SourceText(text=text, reader=impl.plugin_name)
            if not isinstance(text, SourceText):
                message = f"returned {type(text).__name__}, not SourceText or str"
                raise PluginError(impl.plugin_name, "read_source", message)
            return text
        raise InputError(f"{source}: no reader plugin accepts this input")

    def call_report_parsed(
        self, report: object, *, on_error: Callable[[PluginError], None]
    ) -> None:
        """Notify every ``report_parsed`` implementation; failures go to ``on_error``."""
        for impl in self.manager.hook.report_parsed.get_hookimpls():
            try:
                call_plugin(
                    impl.plugin_name,
                    "report_parsed",
                    impl.function,
                    dict.fromkeys(impl.argnames, report),
                )
            except PluginError as error:
                on_error(error)

    # -- listing ---------------------------------------------------------------------------
    def plugins(self, *, include_builtin: bool = False) -> list[PluginInfo]:
        """Every loaded plugin with its version, hooks and what it registered."""
        provides: dict[str, list[str]] = {}
        registered = (
            *self._extractors.values(),
            *self._exporters.values(),
            *self._vocabularies.values(),
        )
        for item in registered:
            provides.setdefault(item.plugin, []).append(item.value.name)
        infos: list[PluginInfo] = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:  # blocked
                continue
            builtin = name in BUILTIN_PLUGINS
            if builtin and not include_builtin:
                continue
            dist = self._distributions.get(name)
            hooks = sorted(c.name for c in self.manager.get_hookcallers(plugin) or ())
            infos.append(
                PluginInfo(
                    name=name,
                    builtin=builtin,
                    distribution=dist.name if dist is not None else None,
                    version=dist.version
                    if dist is not None
                    else (_own_version() if builtin else None),
                    hooks=tuple(hooks),
                    provides=tuple(sorted(provides.get(name, ()))),
                )
            )
        return sorted(infos, key=lambda i: (not i.builtin, i.name))


def _own_version() -> str:
    from importlib import metadata  # noqa: PLC0415 - deferred: costs ~25 ms at import

    try:
        return metadata.version("govreport")
    except metadata.PackageNotFoundError:
        return "unknown"


_DEFAULT_HOSTS: dict[bool, PluginHost] = {}
"""The default hosts made so far, by strictness."""


def default_host(*, strict: bool = True) -> PluginHost:
    """The host :func:`govreport.parse` uses when none is given, created on first use.

    :param strict: the strict host raises registration failures; the tolerant one, which
        tolerant parses use, keeps them in :attr:`PluginHost.faults`.
    """
    # A dict, not functools.cache: default_host() and default_host(strict=True) are one host.
    host = _DEFAULT_HOSTS.get(strict)
    if host is None:
        host = _DEFAULT_HOSTS[strict] = PluginHost(strict=strict)
    return host


def reset_default_hosts() -> None:
    """Forget the default hosts, so the next parse loads plugins afresh (for tests that change
    the environment variables the host reads)."""
    _DEFAULT_HOSTS.clear()
