"""The serial-range parser and validator (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.errors import ValidationError
from workbench.register.serials import MAX_SERIAL_DIGITS, SerialRange, parse_serial_range

prefixes = st.one_of(st.just(""), st.from_regex(r"[A-Z]([A-Z0-9]{0,3}[A-Z])?", fullmatch=True))


@st.composite
def ranges(draw):
    width = draw(st.integers(1, 12))
    start = draw(st.integers(0, 10**width - 1))
    end = draw(st.integers(start, 10**width - 1))
    return SerialRange(draw(prefixes), start, end, width)


@given(ranges(), st.sampled_from(["-", "~", " - ", "至", "到", ".."]))
def test_written_ranges_parse_back(rng, sep):
    text = f"{rng.label(rng.start)}{sep}{rng.label(rng.end)}"
    parsed = parse_serial_range(text)
    assert (parsed.prefix, parsed.start, parsed.end) == (rng.prefix, rng.start, rng.end)
    assert parsed.count == rng.end - rng.start + 1
    assert parse_serial_range(str(parsed)) == parsed


@given(ranges(), st.data())
def test_short_end_is_right_aligned_onto_the_start(rng, data):
    first = f"{rng.start:0{rng.width}d}"
    full = f"{rng.end:0{rng.width}d}"
    tail = full[data.draw(st.integers(0, len(full) - 1)):]
    expected = int(first[: len(first) - len(tail)] + tail)
    text = f"{rng.label(rng.start)}-{tail}"
    if expected < rng.start:
        with pytest.raises(ValidationError):
            parse_serial_range(text)
    else:
        parsed = parse_serial_range(text)
        assert (parsed.prefix, parsed.start, parsed.end) == (rng.prefix, rng.start, expected)


@given(ranges())
def test_reversed_ranges_are_refused(rng):
    if rng.start == rng.end:
        return
    with pytest.raises(ValidationError) as err:
        parse_serial_range(f"{rng.label(rng.end)}-{rng.label(rng.start)}")
    assert err.value.key == "deliveries.error.serial_reversed"


@given(st.text(max_size=40))
def test_any_text_gives_a_range_or_a_validation_error(text):
    try:
        parsed = parse_serial_range(text)
    except ValidationError as err:
        assert err.field == "serials"
        return
    assert parsed.start <= parsed.end and parsed.count >= 1


def test_examples():
    assert str(parse_serial_range("a2026000101-0150")) == "A2026000101-A2026000150"
    assert parse_serial_range("A000101").count == 1
    assert parse_serial_range("000101 ~ 000150").count == 50
    for bad in ("A0001-B0005", "A-B", "12-34-56", "1" * (MAX_SERIAL_DIGITS + 1), "", "A01--"):
        with pytest.raises(ValidationError):
            parse_serial_range(bad)


@given(ranges())
def test_a_short_range_reads_back_as_the_same_range(rng):
    short = rng.short()
    assert parse_serial_range(short) == parse_serial_range(str(rng))
    assert len(short) <= len(str(rng))


@pytest.mark.parametrize(("start", "end", "shown"), [
    (2026002151, 2026002200, "A2026002151-2200"),   # differs from the 4th-last digit
    (2026002151, 2026002160, "A2026002151-2160"),   # fewer differ: still four digits
    (2026002151, 2026012150, "A2026002151-12150"),  # five differ: five shown
    (2026002151, 2026002151, "A2026002151"),        # one form
])
def test_a_short_range_keeps_at_least_four_digits_of_its_end(start, end, shown):
    assert SerialRange("A", start, end, 10).short() == shown


def test_a_short_range_of_few_digits_shows_the_whole_end():
    assert SerialRange("", 5, 12, 2).short() == "05-12"
