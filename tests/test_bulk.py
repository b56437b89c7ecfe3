"""desktop.bulk: the collector is paused inside bulk work and as it was after, whatever happens."""

import gc

import pytest

from desktop.bulk import bulk, collector_paused


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@bulk
def _state(fail: bool = False) -> bool:
    if fail:
        raise ValueError("boom")
    return gc.isenabled()


def test_paused_inside_and_back_on_after(collector_on):
    assert _state() is False
    assert gc.isenabled()


def test_back_on_after_an_exception(collector_on):
    with pytest.raises(ValueError):
        _state(fail=True)
    assert gc.isenabled()


def test_nested_blocks_leave_the_outer_one_paused(collector_on):
    with collector_paused():
        assert _state() is False
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off(collector_on):
    gc.disable()
    try:
        assert _state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_readers_pause_it(collector_on, tmp_path):
    from desktop.io import jsonio
    from desktop.io.samples import load_sample
    seen = []
    original = jsonio.document_from_json
    jsonio.document_from_json = lambda raw: seen.append(gc.isenabled()) or original(raw)
    try:
        jsonio.loads(jsonio.dumps(load_sample(1)))
    finally:
        jsonio.document_from_json = original
    assert seen and not any(seen) and gc.isenabled()
