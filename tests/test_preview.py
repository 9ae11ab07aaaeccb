"""The dirty preview's fingerprints (macros/edge/preview.py): after an edit, exactly the
pages that show the edited SOP are written again. The server itself is tested in
test_serve.py; here the mechanism alone, on a copy of the fixture portal."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, git

from macros.edge.pages import KABAR_SRC_URI, PortalSite, sop_src_uri
from macros.edge.preview import Fingerprints, page_context, shows_sops
from macros.history import history_files
from macros.versi import versi_record

KALIPARE = "kab-malang/kec-kalipare"
EDITED = f"{KALIPARE}/penerimaan-surat-masuk"
REFERRING = f"{KALIPARE}/pengiriman-surat"  # names it under "SOP Terkait"
UNRELATED = "prov-jambi/bpkpd/penyusunan-lkj"
UNIT_PAGE = "katalog/pemerintah-kabupaten-malang/kantor-kecamatan-kalipare/index.md"
OTHER_UNIT_PAGE = (
    "katalog/pemerintah-provinsi-jambi/badan-pengelolaan-keuangan-dan-pendapatan-daerah/index.md"
)
CONTEXT = page_context("site_name: Portal SOP\n", [])


@pytest.fixture
def site(tmp_path: Path) -> PortalSite:
    shutil.copytree(FIXTURES / "good-portal", tmp_path / "project")
    site = PortalSite(tmp_path / "project")
    site.load()
    site.fingerprint_pages(CONTEXT)
    site.fingerprints.built()
    return site


def edit(site: PortalSite, sop_id: str) -> None:
    source = site.project / "sop_src" / f"{sop_id}.md"
    text = source.read_text(encoding="utf-8")
    nama = next(line for line in text.splitlines() if line.startswith("nama:"))
    source.write_text(text.replace(nama, f"{nama} Edisi Uji", 1), encoding="utf-8")


def changed(site: PortalSite) -> set[str]:
    return {src_uri for src_uri in site.generated() if site.changed(src_uri)}


def test_a_first_build_writes_every_page_and_a_rebuild_none() -> None:
    site = PortalSite(FIXTURES / "good-portal")
    site.load()
    site.fingerprint_pages(CONTEXT)
    # 7 SOP pages, 3 unit pages, their 3 monitoring pages and the portal's, and (issue
    # 15) the page of the newest changes (perubahan/). The verification pages v/<versi>/
    # are whole documents the site publishes as files, written again on every build.
    assert changed(site) == set(site.generated()) and len(site.generated()) == 15
    site.fingerprints.built()
    site.load()
    site.fingerprint_pages(CONTEXT)
    assert changed(site) == set()
    assert not site.fingerprints.context_changed


def test_an_edit_changes_the_pages_that_show_the_sop_and_no_other(site: PortalSite) -> None:
    edit(site, EDITED)
    site.load()
    site.fingerprint_pages(CONTEXT)
    assert {sop_src_uri(EDITED), sop_src_uri(REFERRING), UNIT_PAGE} <= changed(site)
    assert sop_src_uri(UNRELATED) not in changed(site)
    assert OTHER_UNIT_PAGE not in changed(site)
    assert not site.fingerprints.context_changed


def test_a_change_of_configuration_or_print_settings_changes_every_page(site: PortalSite) -> None:
    site.load()
    site.fingerprint_pages(page_context("site_name: Portal Uji\n", []))
    assert site.fingerprints.context_changed
    assert changed(site) == set(site.generated())


def test_a_deleted_sop_is_gone(site: PortalSite) -> None:
    site.load()
    versi = versi_record(site.loaded.get(UNRELATED))  # its verification page goes too (no git here)
    assert f"v/{versi}/index.html" in site.published_files()
    (site.project / "sop_src" / f"{UNRELATED}.md").unlink()
    site.load()
    site.fingerprint_pages(CONTEXT)
    other_monitoring = OTHER_UNIT_PAGE.replace("/index.md", "/pemantauan/index.md")
    gone = [OTHER_UNIT_PAGE, other_monitoring, sop_src_uri(UNRELATED)]
    assert site.gone() == sorted(gone)
    assert f"v/{versi}/index.html" not in site.published_files()
    feed = OTHER_UNIT_PAGE.replace("/index.md", "/perubahan.xml")  # (its unit is gone too)
    assert site.unpublished == [feed, f"v/{versi}/index.html"]  # the preview deletes them
    site.fingerprints.built()
    assert site.gone() == []


def test_a_commit_that_changes_no_source_rewrites_the_pages_showing_its_history(tmp_path: Path) -> None:
    """The edit was saved (and previewed) before it was committed: committing it changes
    no source, only the history, which the SOP's Riwayat, its unit's changes and the page
    of the newest changes show. The same day: the last-change date stays the same."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "good-portal", project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Awal", when="2025-01-10T09:00:00+07:00")
    site = PortalSite(project)
    edit(site, EDITED)
    site.load()
    site.fingerprint_pages(CONTEXT)
    site.fingerprints.built()
    assert site.riwayat.by_sop[EDITED].versions[-1].commit is None  # not committed yet
    git(project, "commit", "-qam", "Nama baru", when="2025-01-10T10:00:00+07:00")
    site.load()
    site.fingerprint_pages(CONTEXT)
    assert site.riwayat.by_sop[EDITED].versions[-1].pesan == "Nama baru"
    assert {sop_src_uri(EDITED), UNIT_PAGE, KABAR_SRC_URI} <= changed(site)
    assert sop_src_uri(REFERRING) not in changed(site)  # it shows the SOP, not its history
    assert sop_src_uri(UNRELATED) not in changed(site) and OTHER_UNIT_PAGE not in changed(site)
    assert not site.fingerprints.context_changed
    site.fingerprints.built()
    git(project, "commit", "-q", "--allow-empty", "-m", "Tanpa SOP", when="2025-01-10T11:00:00+07:00")
    site.load()
    site.fingerprint_pages(CONTEXT)
    assert changed(site) == set()  # a commit that leaves every SOP's history as it was


def test_the_preview_watches_the_files_git_rewrites_on_a_commit(tmp_path: Path) -> None:
    assert history_files(tmp_path) == []  # no git: nothing to watch
    git(tmp_path, "init", "-q", "-b", "utama")
    (tmp_path / "a.txt").write_text("a")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Awal")
    watched = history_files(tmp_path)
    dot_git = (tmp_path / ".git").resolve()
    assert watched == [dot_git / "HEAD", dot_git / "logs" / "HEAD", dot_git / "refs" / "heads" / "utama"]
    before = [path.stat().st_mtime_ns for path in watched[1:]]
    (tmp_path / "a.txt").write_text("b")
    time.sleep(0.01)
    git(tmp_path, "commit", "-qam", "Kedua")
    assert [path.stat().st_mtime_ns for path in watched[1:]] != before  # a commit rewrites them


def test_a_page_without_a_fingerprint_is_always_written() -> None:
    fingerprints = Fingerprints()
    assert fingerprints.changed("sop/galat/index.md")


@pytest.mark.parametrize(
    ("markdown", "shows"),
    [
        ("# Katalog\n\n{{ katalog() }}\n", True),
        ("{% if x %}y{% endif %}", True),
        ("<!-- material/tags -->", True),
        ("# Cara Mencari\n\nKetik kata kunci.", False),
    ],
)
def test_pages_in_docs_that_show_sops(markdown: str, shows: bool) -> None:
    assert shows_sops(markdown) is shows


def test_the_preview_shows_an_invalid_sop_at_its_address_but_not_a_bad_file_name() -> None:
    site = PortalSite(FIXTURES / "broken-yaml")
    site.load(lenient=True)
    assert list(site.broken) == ["sop/kab-contoh/kec-contoh/rusak/index.md"]
    source = site.page_source("sop/kab-contoh/kec-contoh/rusak/index.md")
    assert source.startswith("---\nrender_macros: false\n---\n")  # expanded by the hook
    assert '{{ sop_galat("sop/kab-contoh/kec-contoh/rusak/index.md") }}' in source
    site = PortalSite(FIXTURES / "broken-file-name")
    site.load(lenient=True)
    assert site.broken == {} and site.loaded.errors


def test_generated_pages_are_expanded_by_the_hook_not_by_mkdocs_macros() -> None:
    site = PortalSite(FIXTURES / "good-portal")
    site.load()
    assert site.generated()
    for src_uri in site.generated():
        source = site.page_source(src_uri)
        assert source.startswith("---\nrender_macros: false\n")  # mkdocs-macros leaves it alone
        url = src_uri.removesuffix("index.md")
        expanded = site.expand(source, url)
        assert "{{" not in expanded and "}}" not in expanded
        assert expanded.count("data-portal-part") == source.count("{{")
    with pytest.raises(ValueError, match="unknown macro 'os_system'"):
        site.expand('{{ os_system("x") }}', "sop/")


def test_the_dirty_preview_writes_again_only_the_published_files_that_changed() -> None:
    site = PortalSite(FIXTURES / "good-portal")
    site.load()
    published = site.published_files()
    assert all(site.published_modified(uri) for uri in published)  # nothing written yet
    site.published_built()
    site.published_files()
    assert not any(site.published_modified(uri) for uri in published)
    site.site_name = "Portal Lain"  # in the feeds and verification pages, not the open data
    site.published_files()
    changed = {uri for uri in published if site.published_modified(uri)}
    assert "perubahan.xml" in changed and any(uri.startswith("v/") for uri in changed)
    assert not changed & {"sop.json", "sop.csv", "pemantauan.json", "pemantauan.csv"}
