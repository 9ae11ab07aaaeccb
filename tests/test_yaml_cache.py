"""The parse cache gives back exactly what the parser gives, across runs."""

from __future__ import annotations

import json
from pathlib import Path

from macros.yamlio import ParseCache, SourceInt, parse_yaml

TEXT = """nama: Pengiriman Surat
nomor: 070
nilai: 1.50
kosong:
aktif: true
"$aneh": {"$int": x}
langkah:
  - {kegiatan: Mengirim, pelaksana: [Staf, Kasi], keputusan: {Ya: 2, Tidak: 1}}
"""


def test_cached_data_equals_parsed_data_with_number_sources(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    first = ParseCache(path)
    assert first.parse(TEXT) == parse_yaml(TEXT)
    first.save()
    assert path.is_file()
    second = ParseCache(path)
    cached = second.parse(TEXT)
    assert cached == parse_yaml(TEXT)
    assert isinstance(cached["nomor"], SourceInt) and cached["nomor"].source == "070"
    assert cached["nilai"].source == "1.50"
    assert cached["$aneh"] == {"$int": "x"}
    cached["nama"] = "diubah"  # the loader merges unit defaults into the data it gets
    assert ParseCache(path).parse(TEXT)["nama"] == "Pengiriman Surat"


def test_keys_are_text_as_written_and_cached(tmp_path: Path) -> None:
    text = "keputusan: {1: 2, 03: 4, true: 5, ~: 6}\n"
    cache = ParseCache(tmp_path / "cache.json")
    parsed = {"keputusan": {"1": 2, "03": 4, "true": 5, "~": 6}}
    assert cache.parse(text) == parsed
    cache.save()
    assert ParseCache(tmp_path / "cache.json").parse(text) == parsed
    assert json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))["isi"]


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    assert ParseCache(path).parse(TEXT) == parse_yaml(TEXT)


def test_reloading_in_one_process_reuses_unchanged_sops_and_keeps_the_cache(tmp_path: Path) -> None:
    """A preview server loads every SOP after each edit: unchanged files give the same
    validated record (nothing parsed or validated again), the edited one a new one,
    and the cache on disk still holds every file for the next process."""
    import shutil

    from macros.loader import CACHE, load_sources

    project = tmp_path / "project"
    shutil.copytree(Path(__file__).resolve().parent.parent / "sop_src", project / "sop_src")
    first = {r.id: r for r in load_sources(project).records}
    stored = json.loads((project / CACHE).read_text(encoding="utf-8"))["isi"]
    edited = next(iter(first))
    source = project / "sop_src" / f"{edited}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("nama: ", "nama: Baru ", 1), encoding="utf-8"
    )

    second = {r.id: r for r in load_sources(project).records}
    assert second[edited] is not first[edited] and second[edited].sop.nama.startswith("Baru ")
    assert all(second[i] is first[i] for i in first if i != edited)
    again = json.loads((project / CACHE).read_text(encoding="utf-8"))["isi"]
    assert len(again) == len(stored) and set(again) != set(stored)  # the edited file's entry replaced
    assert load_sources(project, use_cache=False).records[0] is not second[next(iter(second))]
