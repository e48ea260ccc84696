"""A YAML reader for untrusted text that remembers the line of every key.

It walks libyaml's event stream itself instead of constructing documents, so
it can refuse what has no place in a librarian's file (tags, anchors and
aliases, which allow "billion laughs"), stop absurd nesting without
recursion, reject repeated keys, and keep dates as the text that was written:
the schema checks them with its "date" format. (``yamlread`` goes past a slip
on one line and reads the rest.)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml

from .yamlerrors import YamlProblem, syntax_problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 30
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_PLAIN_NUMBER = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"
                           r"|^[-+]?0?\.[0-9]+$")

KeyPath = tuple  # of str keys and int indexes


@dataclass
class Parsed:
    data: object
    lines: dict  # Path -> 1-based line of the key or list item
    # Path -> the text as written, for every plain value that was read as a number:
    # "1.800" becomes 1.8, and only the text tells the thousands separator apart.
    numbers: dict = field(default_factory=dict)
    skipped: set = field(default_factory=set)  # keys of lines left out after an error


_STR = "tag:yaml.org,2002:str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _plain(tag: str, raw: str):
    """A plain value, written ``raw`` and resolved to ``tag``, as it is read."""
    if tag == _STR or tag == _TIMESTAMP or (tag in _NUMBERS and not _PLAIN_NUMBER.match(raw)):
        # A date is checked by the schema; "021234567", "0x1F" or "1:30" stay as
        # written rather than becoming a number nobody typed (octal, hex, base 60).
        return raw
    try:
        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, raw))
    except Exception:  # a value libyaml accepts but Python cannot build
        return raw
    if isinstance(value, float) and not math.isfinite(value):
        return raw  # 1.0e400 is no amount of euro or hours
    return value


def _is_number(value) -> bool:
    """A value read as a number: only its text as written tells 1.800 from 1.8."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Builder:
    """Turns events into plain values: dict, list, str, int, float, bool, None."""

    def __init__(self, loader):
        self.loader = loader
        self.stack: list = []  # frames: [container, path, pending key]
        self.lines: dict = {}
        self.numbers: dict = {}
        self.root = None
        self.documents = 0

    def line(self, event) -> int:
        return event.start_mark.line + 1

    def refuse_tags(self, event):
        if getattr(event, "tag", None) not in (None, "!"):
            raise YamlProblem(self.line(event), f"i tag YAML non sono ammessi ({event.tag})",
                              "togli il tag e scrivi il valore semplice")

    def scalar(self, event):
        self.refuse_tags(event)
        return _plain(self.loader.resolve(yaml.ScalarNode, event.value, event.implicit),
                      event.value)

    def add(self, value, event):
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            self.lines[path + (len(container),)] = self.line(event)
            container.append(value)
        elif frame[2] is None:
            raise YamlProblem(self.line(event), "una chiave non può essere un elenco o un gruppo",
                              "i nomi dei campi sono parole semplici seguite da ':'",
                              isolated=False)
        else:
            container[frame[2]] = value
            frame[2] = None

    def key(self, event) -> bool:
        """Handle a scalar that stands in key position; False if it is a value."""
        if not self.stack or not isinstance(self.stack[-1][0], dict) or self.stack[-1][2] is not None:
            return False
        container, path = self.stack[-1][0], self.stack[-1][1]
        key = event.value
        if key in container:
            raise YamlProblem(self.line(event), f"il campo '{key}' è scritto due volte",
                              "tieni una sola riga per ogni campo")
        self.stack[-1][2] = key
        self.lines[path + (key,)] = self.line(event)
        return True

    def child_path(self) -> KeyPath:
        if not self.stack:
            return ()
        container, path, key = self.stack[-1]
        return path + ((len(container),) if isinstance(container, list) else (key,))

    def open(self, container, event):
        self.refuse_tags(event)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(self.line(event), f"troppi livelli annidati (più di {MAX_DEPTH})",
                              "le schede usano al massimo tre o quattro livelli di rientro",
                              isolated=False)
        path = self.child_path()
        self.add(container, event)
        self.stack.append([container, path, None])

    def feed(self, event):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(self.line(event), "gli alias YAML (*nome) non sono ammessi",
                              "scrivi il valore per intero, senza & e *")
        if getattr(event, "anchor", None):
            raise YamlProblem(self.line(event), "le ancore YAML (&nome) non sono ammesse",
                              "scrivi il valore per intero, senza & e *")
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(self.line(event), "il testo contiene più di un documento YAML",
                                  "togli la riga '---' in più", isolated=False)
        elif isinstance(event, yaml.ScalarEvent):
            if not self.key(event):
                value = self.scalar(event)
                if _is_number(value):
                    self.numbers[self.child_path()] = event.value
                self.add(value, event)
        elif isinstance(event, yaml.MappingStartEvent):
            self.open({}, event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open([], event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()


# Only these characters start a tag (!), an anchor (&) or an alias (*): a text without
# them has none, and libyaml's own composer can build it.
_MARKS = ("!", "&", "*")
# SafeLoader's implicit types by a value's first character, those for any first
# character after: what Resolver.resolve tries, in the same order.
_IMPLICIT = {first: tuple(found) + tuple(Loader.yaml_implicit_resolvers.get(None, ()))
             for first, found in Loader.yaml_implicit_resolvers.items() if first is not None}
_ANY_FIRST = tuple(Loader.yaml_implicit_resolvers.get(None, ()))


class _Composer(Loader):
    """libyaml's composer with SafeLoader's types, resolved as Resolver.resolve does but
    without its lookups of path resolvers, which SafeLoader has none of."""

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _ANY_FIRST):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


def _composed(text: str) -> Parsed | None:
    """``parse(text)`` by libyaml's composer, in C, for a text that has nothing to refuse.

    The composer builds nodes with their lines and resolves each plain value's type
    exactly as the event walk does; this walks the nodes into the same values, lines
    and numbers. Whatever the event walk would refuse or report (a tag, an anchor or an
    alias, a repeated key, a key that is a group, deep nesting, a syntax error, more
    than one document) returns None instead, so the event walk reads the text again and
    says what is wrong, in the same words.
    """
    if Loader is yaml.SafeLoader or any(mark in text for mark in _MARKS):
        return None  # without libyaml, the composer is Python's own and no faster
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
    except (yaml.YAMLError, ValueError):
        return None
    finally:
        loader.dispose()
    lines: dict = {}
    numbers: dict = {}
    out = [None]
    # nodes still to build, in the written order: (node, path, container, slot, line);
    # a key's or an item's line is recorded as it comes, before what it holds
    stack = [(root, (), out, 0, None)] if root is not None else []
    while stack:
        node, path, container, slot, line = stack.pop()
        if line is not None:
            lines[path] = line
        if isinstance(node, yaml.ScalarNode):
            value = container[slot] = _plain(node.tag, node.value)
            if _is_number(value):
                numbers[path] = node.value
            continue
        if len(path) >= MAX_DEPTH - 1:
            return None
        if isinstance(node, yaml.MappingNode):
            value = {}
            for key, _item in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.value in value:
                    return None
                value[key.value] = None  # the written order; the value comes below
            stack.extend((item, path + (key.value,), value, key.value, key.start_mark.line + 1)
                         for key, item in reversed(node.value))
        else:
            value = [None] * len(node.value)
            stack.extend((item, path + (i,), value, i, item.start_mark.line + 1)
                         for i, item in reversed(list(enumerate(node.value))))
        container[slot] = value
    return Parsed(out[0], lines, numbers)


def parse(text: str) -> Parsed:
    """Read one YAML document; raise YamlProblem for anything not accepted.

    Nearly every text has nothing to refuse, and libyaml's composer reads it; any
    other goes through the event walk, which names what is wrong and where.
    """
    fast = _composed(text)
    return fast if fast is not None else walked(text)


def walked(text: str) -> Parsed:
    """``parse(text)`` by walking libyaml's events, one by one."""
    loader = None
    try:
        loader = Loader(text)
        builder = _Builder(loader)
        while loader.check_event():
            builder.feed(loader.get_event())
    except YamlProblem:
        raise
    except (yaml.YAMLError, ValueError) as exc:
        raise syntax_problem(exc, text) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Parsed(builder.root, builder.lines, builder.numbers)
