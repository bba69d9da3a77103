"""What ``@dataclass`` gave the classes a plain clean makes, written once for all of them: a repr,
equality and a hash from the fields a class names in ``_fields``.

A dataclass costs a plain clean's start-up: ``dataclasses`` imports ``inspect`` (with ast, dis and
tokenize), and each ``@dataclass`` compiles the methods it writes (a quarter of the instructions of
a start, for the 13 a plain clean made). Each class here writes out its ``__init__`` and names its
fields in the order that takes them (as its ``__slots__`` too, but for Document, open to other
attributes as its dataclass was); these bases give the rest, as the dataclass did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NoReturn

# Sets a field of a Frozen class in its __init__ (its own __setattr__ refuses), as @dataclass(frozen=True) does.
set_field = object.__setattr__


def field_setters(cls: type[Fields]) -> tuple[Callable[[Any, Any], None], ...]:
    """What ``set_field`` does for each of a class's fields (in ``_fields`` order), without looking
    the field up by name: its slot's own setter, in a third of the time, for the classes made for
    every line (``Drop``, ``LineVerdict``)."""
    return tuple(cls.__dict__[name].__set__ for name in cls._fields)


class Fields:
    """A repr naming each field: ``Drop(index=3, reason='ad', ...)``. Equal only to itself."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # ``case Drop(i, "ad_label")`` matches, as it did a dataclass (mypy allows no plain assignment).
        type.__setattr__(cls, "__match_args__", cls._fields)

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __repr__(self) -> str:
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in self._fields])
        return f"{type(self).__qualname__}({shown})"


class Record(Fields):
    """A mutable value: equal to another of its class with equal fields, and so unhashable; copied
    and pickled through its constructor, which takes the fields in order."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__ and isinstance(other, Record):
            return self._values() == other._values()
        return NotImplemented

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), self._values()


class Frozen(Record):
    """An immutable value: hashed by its fields, its fields never assigned once made (``set_field``
    makes them)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__qualname__} is immutable: cannot assign {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__qualname__} is immutable: cannot delete {name!r}")
