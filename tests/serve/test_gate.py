"""The gate's rules at their boundaries: the token works once, a cookie must be one of
ours, Origin and Host must be exactly the served ones, which addresses are local."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.serve.gate import Gate, is_loopback, is_wildcard, origin_of


def test_the_token_is_exchanged_once() -> None:
    gate = Gate(origin_of("http", "127.0.0.1", 8000))
    session = gate.exchange(gate.token)
    assert session and gate.session(session) == session
    assert gate.exchange(gate.token) is None  # the same link a second time
    assert set(gate.sessions) == {session}


def test_a_session_ends_after_its_lifetime() -> None:
    now = [1000.0]
    gate = Gate("http://127.0.0.1:8000", clock=lambda: now[0])
    session = gate.exchange(gate.token)
    now[0] += gate.lifetime - 1
    assert gate.session(session) == session
    now[0] += 1  # the last second of a working day
    assert gate.session(session) is None and not gate.sessions
    assert gate.exchange(gate.renew()) is not None  # a new link opens another


@given(st.text(max_size=64))
def test_no_other_token_opens_a_session(guess: str) -> None:
    gate = Gate("http://127.0.0.1:8000")
    if guess != gate.token:
        assert gate.exchange(guess) is None
        assert not gate.spent and not gate.sessions


def test_a_near_miss_token_is_refused_and_leaves_the_real_one_usable() -> None:
    gate = Gate("http://127.0.0.1:8000")
    assert gate.exchange(gate.token[:-1]) is None
    assert gate.exchange(gate.token + "x") is None
    assert gate.exchange("") is None and gate.exchange(None) is None
    assert gate.exchange(gate.token) is not None


@given(st.text(max_size=64))
def test_only_a_session_of_ours_is_a_session(cookie: str) -> None:
    gate = Gate("http://127.0.0.1:8000")
    real = gate.exchange(gate.token)
    assert gate.session(cookie) == (real if cookie == real else None)


@pytest.mark.parametrize(("origin", "ok"), [
    ("http://127.0.0.1:8000", True),
    ("HTTP://127.0.0.1:8000", True),
    ("http://127.0.0.1:8001", False),
    ("http://127.0.0.1:80001", False),
    ("http://127.0.0.1:8000.evil.example", False),
    ("https://127.0.0.1:8000", False),
    ("http://localhost:8000", False),
    ("http://evil.example", False),
    ("null", False),
    ("", False),
    (None, False),
])
def test_the_origin_must_be_exactly_the_served_one(origin: str | None, ok: bool) -> None:
    assert Gate("http://127.0.0.1:8000").origin_ok(origin) is ok


@pytest.mark.parametrize(("host", "ok"), [
    ("127.0.0.1:8000", True), ("127.0.0.1", False), ("127.0.0.1:800", False),
    ("evil.example:8000", False), ("", False), (None, False),
])
def test_the_host_must_be_the_served_one(host: str | None, ok: bool) -> None:
    assert Gate("http://127.0.0.1:8000").host_ok(host) is ok


def test_origins_as_browsers_send_them() -> None:
    assert origin_of("http", "127.0.0.1", 80) == "http://127.0.0.1"
    assert origin_of("http", "127.0.0.1", 443) == "http://127.0.0.1:443"
    assert origin_of("https", "192.168.1.20", 443) == "https://192.168.1.20"
    assert origin_of("https", "::1", 8443) == "https://[::1]:8443"
    assert Gate(origin_of("https", "::1", 8443)).host == "[::1]:8443"
    assert Gate("https://192.168.1.20").secure and not Gate("http://127.0.0.1:1").secure


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.255.255.255", True), ("126.255.255.255", False),
    ("128.0.0.1", False), ("::1", True), ("[::1]", True), ("::2", False),
    ("localhost", True), ("LOCALHOST", True), ("localhost.example", False),
    ("192.168.1.20", False), ("0.0.0.0", False),
])
def test_which_addresses_are_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_every_interface_is_not_an_address() -> None:
    assert is_wildcard("0.0.0.0") and is_wildcard("::") and is_wildcard("[::]")
    assert not is_wildcard("0.0.0.1") and not is_wildcard("localhost")


def test_a_new_link_for_another_device_voids_the_unopened_one() -> None:
    gate = Gate("http://127.0.0.1:8000")
    first = gate.exchange(gate.token)
    unopened = gate.renew()
    second_token = gate.renew()
    assert gate.exchange(unopened) is None  # superseded before it was opened
    second = gate.exchange(second_token)
    assert second and second != first and set(gate.sessions) == {first, second}
    assert gate.exchange(second_token) is None  # and it too works once
