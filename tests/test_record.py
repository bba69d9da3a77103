"""The value classes a clean makes (``newsclean.record``): each names its fields in the order its
constructor takes them, and so repr, equality, hashing, copying, pickling and pattern matching
see every field, as they did when the classes were dataclasses."""

from __future__ import annotations

import copy
import inspect
import pickle

import pytest

from newsclean.core.document import Drop, LineVerdict, Result, SiteCounts
from newsclean.core.headline import Headline
from newsclean.inputs.charsets import Decoded
from newsclean.inputs.source import Source
from newsclean.pipeline import Cleaner
from newsclean.record import Fields, Frozen, Record
from newsclean.settings import Settings


def _all(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_all(direct))]


VALUES = [
    Drop(3, "ad_label", "Advertisement", "ads", ref=1),
    SiteCounts({1: 2}, {1: 1}, one_site=False),
    LineVerdict(0, "Advertisement", False, Drop(0, "ad_label"), note="n", p_body=0.25, role=""),
    Result("kept\n", [LineVerdict(0, "kept", True)], "en", title="T", author="A", date="2026-12-06"),
    Settings.make(skip=("judge",), options={"teasers": {"min_relatedness": 0.3}}, preset="recall"),
    Decoded("text", "utf-8", 2),
    Source("text", True, {"title": "T"}, url="https://example.org/a"),
    Headline("T", (0,), "A", "2026-12-06"),
]


def test_every_value_class_names_its_fields_as_its_constructor_takes_them():
    classes = [cls for cls in _all(Fields) if cls.__module__.startswith("newsclean.") and cls not in (Record, Frozen)]
    assert {type(value) for value in VALUES} <= set(classes)
    for cls in classes:
        parameters = list(inspect.signature(cls.__init__).parameters)[1:]
        assert tuple(parameters) == cls._fields, cls
        assert cls.__match_args__ == cls._fields, cls


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_survives_copy_and_pickle_whole(value):
    for made in (copy.copy(value), copy.deepcopy(value),
                 *(pickle.loads(pickle.dumps(value, protocol)) for protocol in range(pickle.HIGHEST_PROTOCOL + 1))):
        assert type(made) is type(value)
        assert made == value
        assert repr(made) == repr(value)


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_differs_by_any_field(value):
    for name in type(value)._fields:
        fields = dict(zip(type(value)._fields, value._values(), strict=True))
        fields[name] = object()
        assert type(value)(*fields.values()) != value, name


def test_frozen_values_hash_by_their_fields_and_refuse_assignment():
    assert hash(Drop(3, "ad_label")) == hash(Drop(3, "ad_label"))
    assert len({Drop(3, "ad_label"), Drop(3, "ad_label"), Drop(4, "ad_label")}) == 2
    with pytest.raises(AttributeError):
        Drop(3, "ad_label").index = 4
    with pytest.raises(TypeError):
        hash(Result("", []))  # mutable: unhashable
    result = Result("", [])
    result.text = "changed"
    assert result.text == "changed"


def test_a_value_matches_a_class_pattern_by_position():
    match Drop(3, "ad_label", filter="ads"):
        case Drop(index, "ad_label"):
            assert index == 3
        case _:
            pytest.fail("a Drop did not match its own class pattern")


def test_mutable_defaults_are_not_shared():
    first, second = Source("a"), Source("b")
    first.metadata["x"] = 1
    assert second.metadata == {}
    assert SiteCounts().counts is not SiteCounts().counts


def test_the_cleaner_is_a_frozen_value():
    cleaner = Cleaner.from_settings(Settings())
    assert cleaner == Cleaner(cleaner.filters, cleaner.judge, cleaner.time_budget)
    with pytest.raises(AttributeError):
        cleaner.judge = None
