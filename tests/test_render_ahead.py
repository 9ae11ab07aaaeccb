"""Rendering SOP parts ahead in worker processes (macros/edge/ahead.py, started by
`PortalSite.render_ahead`) gives
exactly what rendering them in order gives, and is never done where forking is unsafe."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from macros.edge.ahead import workers
from macros.edge.pages import SOP_PARTS, PortalSite, root_of
from macros.render.print_parts import print_settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests may leave idle threads in this process; MkDocs' build has none."""
    monkeypatch.setattr("macros.edge.ahead.threading.active_count", lambda: 1)


def loaded_site() -> PortalSite:
    site = PortalSite(REPO)
    site.load()
    site.print = print_settings({}, "https://sop.contoh.go.id/")
    return site


@pytest.mark.usefixtures("single_threaded")
def test_parts_rendered_ahead_equal_parts_rendered_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("macros.edge.ahead.RenderAhead.BATCH", 1)  # one page per task: the window moves
    monkeypatch.setattr("macros.edge.ahead.RenderAhead.AHEAD", 1)
    site = loaded_site()
    urls = {record.id: f"sop/{record.id}/" for record in site.loaded.records}
    expected = {
        (part, sop_id, root_of(url)): site.render_part(part, sop_id, root_of(url))
        for sop_id, url in urls.items()
        for part in SOP_PARTS
    }
    assert site.render_ahead(urls, 2)
    try:
        got = {key: site._ahead.take(key) for key in expected}  # type: ignore[union-attr]
        # a part nobody asked for is rendered by the caller
        assert site._ahead.take(("prosedur", next(iter(urls)), "../")) is None  # type: ignore[union-attr]
    finally:
        site.stop_ahead()
    assert got == expected
    assert len(expected) == len(urls) * len(SOP_PARTS) >= 6 * len(SOP_PARTS)


@pytest.mark.usefixtures("single_threaded")
def test_sop_part_is_the_same_with_or_without_workers() -> None:
    site = loaded_site()
    record = site.loaded.records[0]
    url = f"sop/{record.id}/"
    alone = site.parts.put_back(site.sop_part("prosedur", record.id, url))
    assert site.render_ahead({record.id: url}, 2)
    try:
        ahead = site.parts.put_back(site.sop_part("prosedur", record.id, url))
    finally:
        site.stop_ahead()
    assert ahead == alone and "<table" in ahead


def test_no_workers_for_one_process_or_while_threads_run() -> None:
    site = loaded_site()
    urls = {site.loaded.records[0].id: "sop/x/"}
    assert not site.render_ahead(urls, 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not site.render_ahead(urls, 2)  # e.g. inside mkdocs serve's server
    finally:
        stop.set()
        thread.join()
    assert site._ahead is None


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), ("0", 0)])
def test_worker_count_from_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv("PORTAL_SOP_PROSES", value)
    assert workers() == expected


def test_worker_count_defaults_to_usable_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_SOP_PROSES", raising=False)
    assert workers() >= 1


@pytest.mark.usefixtures("single_threaded")
def test_when_a_worker_dies_the_caller_renders_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    monkeypatch.setattr("macros.edge.ahead.RenderAhead.BATCH", 1)
    monkeypatch.setattr("macros.edge.ahead.RenderAhead.AHEAD", 1)
    site = loaded_site()
    urls = {record.id: f"sop/{record.id}/" for record in site.loaded.records}
    assert site.render_ahead(urls, 2)
    try:
        ahead = site._ahead
        assert ahead is not None
        for pid in list(ahead.pool._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)
        for sop_id, url in urls.items():
            for part in SOP_PARTS:
                html = site.parts.put_back(site.sop_part(part, sop_id, url))
                assert html.strip() == site.render_part(part, sop_id, root_of(url)).strip()
    finally:
        site.stop_ahead()


@pytest.mark.usefixtures("single_threaded")
def test_a_part_failing_in_a_worker_is_rendered_again_by_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = loaded_site()
    records = site.loaded.records
    failing = records[-1].id
    original = PortalSite.render_part

    def render(self: PortalSite, part: str, sop_id: str, root: str) -> str:
        if sop_id == failing and part == "relasi":
            raise RuntimeError(f"rusak: {sop_id}")
        return original(self, part, sop_id, root)

    monkeypatch.setattr(PortalSite, "render_part", render)
    assert site.render_ahead({r.id: f"sop/{r.id}/" for r in records}, 2)
    try:
        assert "<" in site.parts.put_back(site.sop_part("kepala", records[0].id, f"sop/{records[0].id}/"))
        with pytest.raises(RuntimeError, match=failing):  # at its own page, not the batch's first
            site.sop_part("relasi", failing, f"sop/{failing}/")
    finally:
        site.stop_ahead()
