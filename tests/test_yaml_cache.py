"""The parse cache gives back exactly what the parser gives, across runs."""

from __future__ import annotations

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


def test_a_file_with_non_text_keys_is_parsed_each_time(tmp_path: Path) -> None:
    text = "keputusan: {1: 2, 3: 4}\n"
    cache = ParseCache(tmp_path / "cache.json")
    assert cache.parse(text) == {"keputusan": {1: 2, 3: 4}}
    cache.save()
    assert not (tmp_path / "cache.json").exists()


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    assert ParseCache(path).parse(TEXT) == parse_yaml(TEXT)
