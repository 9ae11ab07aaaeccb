"""`make bench`: build the portal and a plain-Markdown baseline at several sizes, measure.

For each size N (default 100, 1,000 and 5,000 SOPs):

1. `bench.generate` writes N synthetic SOPs (seeded) into two projects under the work
   folder (default /tmp/portal-bench/nN/): the portal (a copy of this repository's
   mkdocs.yml, docs/, overrides/, macros/, taken once per run, with the generated
   sop_src/) and the baseline (the same pages as plain Markdown, mkdocs.yml without the
   hook and the macros plugin, Material's own search).
2. Each project is built with `mkdocs build --strict` in a fresh process, alternately,
   RUNS times (default 3 up to 1,000 SOPs, 1 above): wall seconds, CPU seconds
   (user + system, child processes included) and peak resident memory of the largest
   process (`os.wait4`), medians.
3. The built sites are weighed: total size, size per SOP, the search index.
4. In Chromium (Playwright, the system's /usr/bin/chromium) through a local HTTP server
   that records every file it sends: what an SOP page (the one of median size) makes a
   browser download on first view with an empty cache, each file's size gzip-compressed
   (level 6, as a web server would send it); the Mermaid files fetched when the diagram
   tab is opened, separately; and what a query in Material's search box fetches, typed
   and pasted (Material's lunr index, or the portal's Pagefind files).
5. At 1,000 SOPs (when measured): `mkdocs serve` on the portal project, one SOP file
   edited, the seconds until the new text is served and until the open browser page
   shows it (plain serve and `--dirty`).

Results go to WORK/results.json; the tables are printed at the end (`--lang id` for the
Indonesian labels of docs/kinerja.md). `--measure-only` measures the pages of the sites
left in WORK again without building; `--profile N` adds a cProfile of the build at N.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import pstats
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from bench import report
from bench.generate import REPO, SEED, SynthSop, generate, make_plain_project, make_portal_project
from macros.pdf import CHROMIUM, CHROMIUM_ARGS  # the system Chromium and its closed-network flags

PYTHON = sys.executable
QUERIES = ("surat keterangan domisili", "laporan kinerja", "cuti pegawai", "kecamatan kalipare")
DEFAULT_SIZES = (100, 1000, 5000)
GZIP_LEVEL = 6


def _environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ building


def build(project: Path, site: Path) -> dict[str, Any]:
    """One `mkdocs build --strict` in a fresh process: wall and CPU seconds (with its
    child processes, e.g. Pagefind), peak memory."""
    shutil.rmtree(site, ignore_errors=True)
    command = [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "-d", str(site)],
        cwd=project,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {project} failed ({process.returncode}):\n{output[-4000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}


def profile_build(project: Path, site: Path, out: Path, top: int = 40) -> str:
    """The portal build under cProfile (`--profile N`); returns the top functions."""
    shutil.rmtree(site, ignore_errors=True)
    command = [PYTHON, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict", "-q"]
    done = subprocess.run(
        [*command, "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"profiled build failed:\n{done.stdout.decode()[-4000:]}")
    stream = _Capture()
    stats = pstats.Stats(str(out), stream=stream)  # type: ignore[arg-type]
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top // 2)
    return stream.text()


class _Capture:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)


# ------------------------------------------------------------------ weighing the site


def weigh(site: Path) -> dict[str, Any]:
    total = files = 0
    parts: dict[str, int] = {"sop": 0, "mermaid": 0, "search": 0, "pagefind": 0, "katalog": 0}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        rel = path.relative_to(site).as_posix()
        if rel.startswith("sop/"):
            parts["sop"] += size
        elif rel.startswith("assets/vendor/mermaid/"):
            parts["mermaid"] += size
        elif rel.startswith("search/"):
            parts["search"] += size
        elif rel.startswith("pagefind/"):
            parts["pagefind"] += size
        elif rel.startswith("katalog/"):
            parts["katalog"] += size
    index = site / "search" / "search_index.json"
    catalog = site / "katalog" / "index.html"
    return {
        "site_bytes": total,
        "files": files,
        "parts": parts,
        "lunr_index_bytes": index.stat().st_size if index.is_file() else None,
        "lunr_index_gz": gz_size(index) if index.is_file() else None,
        "catalog_html_bytes": catalog.stat().st_size if catalog.is_file() else None,
        "catalog_html_gz": gz_size(catalog) if catalog.is_file() else None,
    }


_GZ: dict[Path, int] = {}


def gz_size(path: Path) -> int:
    """What a server sends for a file: gzip level 6, or as is when that is not smaller
    (Pagefind's files are compressed already)."""
    if path not in _GZ:
        data = path.read_bytes()
        _GZ[path] = min(len(data), len(gzip.compress(data, GZIP_LEVEL, mtime=0)))
    return _GZ[path]


def median_sop_page(site: Path) -> str:
    """The URL path of the SOP page of median HTML size."""
    pages = sorted(
        (p.stat().st_size, p.parent.relative_to(site).as_posix()) for p in (site / "sop").rglob("index.html")
    )
    return "/" + pages[len(pages) // 2][1] + "/"


# ------------------------------------------------------------------ the browser


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        super().do_GET()
        server: _Server = self.server  # type: ignore[assignment]
        with server.lock:
            server.served.append((self.path.split("?")[0], path))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Path) -> None:
        self.served: list[tuple[str, Path]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), partial(_Handler, directory=str(site)))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def mark(self) -> int:
        with self.lock:
            return len(self.served)

    def since(self, mark: int) -> list[tuple[str, Path]]:
        with self.lock:
            return list(self.served[mark:])


@contextlib.contextmanager
def serving(site: Path) -> Iterator[_Server]:
    server = _Server(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def category(url_path: str) -> str:
    path = url_path.lower()
    if "/vendor/mermaid/" in path:
        return "mermaid"
    if path.startswith("/search/") or "pagefind" in path or "/workers/search" in path:
        return "search"
    if path.endswith(("/", ".html")):
        return "html"
    ext = path.rsplit(".", 1)[-1]
    if ext == "css":
        return "css"
    if ext in ("js", "mjs"):
        return "js"
    if ext in ("woff", "woff2", "ttf", "otf"):
        return "font"
    if ext in ("png", "svg", "jpg", "jpeg", "gif", "webp", "ico"):
        return "img"
    return "other"


def tally(served: list[tuple[str, Path]]) -> dict[str, Any]:
    """Bytes (gzip-compressed) per category; a file fetched twice counts twice."""
    out: dict[str, Any] = {"requests": 0, "files": []}
    for url, path in served:
        if not path.is_file():
            continue
        kind = category(url)
        size = gz_size(path)
        out[kind] = out.get(kind, 0) + size
        out["requests"] += 1
        out["files"].append([url, kind, size])
    out["total"] = sum(v for k, v in out.items() if k not in ("requests", "files", "mermaid"))
    return out


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def first_view(browser: Any, server: _Server, page_path: str, diagram: bool) -> dict[str, Any]:
    """What the page makes an empty-cache browser download; then the diagram tab's files."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        mark = server.mark()
        page.goto(server.base + page_path, wait_until="networkidle", timeout=600_000)
        page.wait_for_timeout(1500)  # late requests (the search worker)
        view = tally(server.since(mark))
        if diagram and page.locator("label[for='__tabbed_sop_3']").count():
            mark = server.mark()
            page.click("label[for='__tabbed_sop_3']")
            # sop-bagan.js draws a diagram when it scrolls into view, as a reader would.
            with contextlib.suppress(Exception):
                page.locator("figure.sop-bagan").scroll_into_view_if_needed(timeout=10_000)
            with contextlib.suppress(Exception):
                page.wait_for_selector("figure.sop-bagan[data-status]", state="attached", timeout=120_000)
            page.wait_for_load_state("networkidle")
            status = page.get_attribute("figure.sop-bagan", "data-status")
            extra = tally(server.since(mark))
            view["mermaid"] = extra.get("mermaid", 0)
            view["mermaid_requests"] = sum(1 for f in extra["files"] if f[1] == "mermaid")
            view["diagram_status"] = status
        return view
    finally:
        context.close()


def search_cost(browser: Any, server: _Server, page_path: str) -> list[dict[str, Any]]:
    """Per query, in a fresh browser (empty cache): the search files fetched from the
    page load until Material's search box shows the results (lunr: its worker and the
    whole index; Pagefind: the portal's worker, Pagefind's code and language module,
    the index chunks and the fragments of the results). Twice: typed letter by letter
    (the box searches as one types, so every prefix is a query too) and pasted whole
    (one query)."""
    out = []
    for query in QUERIES:
        entry: dict[str, Any] = {"query": query}
        for how in ("typed", "pasted"):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            try:
                mark = server.mark()
                page.goto(server.base + page_path, wait_until="networkidle", timeout=600_000)
                page.click("input.md-search__input")
                if how == "typed":
                    page.keyboard.type(query, delay=60)  # a fast typist: ~16 letters a second
                else:
                    page.keyboard.insert_text(query)  # no key events: nothing searched yet
                    page.keyboard.press("End")  # one keyup: Material searches the whole text
                with contextlib.suppress(Exception):
                    page.wait_for_selector(".md-search-result__item", timeout=120_000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(1000)
                spent = tally(server.since(mark))
                entry[how] = spent.get("search", 0)
                entry[f"{how}_requests"] = sum(1 for f in spent["files"] if f[1] == "search")
                entry[f"{how}_results"] = page.locator(".md-search-result__item").count()
            finally:
                context.close()
        out.append(entry)
    return out


def measure_browser(portal_site: Path, plain_site: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    page_path = median_sop_page(portal_site)
    pagefind = (portal_site / "pagefind" / "pagefind.js").is_file()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            with serving(portal_site) as server:
                portal = first_view(browser, server, page_path, diagram=True)
                queries = search_cost(browser, server, page_path)
            with serving(plain_site) as server:
                plain = first_view(browser, server, page_path, diagram=False)
        finally:
            browser.close()
    search = {
        "engine": "pagefind" if pagefind else "lunr",
        "queries": queries,
        "per_query": report.median([q["typed"] for q in queries]),
        "per_query_pasted": report.median([q["pasted"] for q in queries]),
    }
    return {"page": page_path, "portal": portal, "plain": plain}, search


# ------------------------------------------------------------------ mkdocs serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def serve_flags(repo: Path = REPO) -> list[str]:
    """The flags `make serve` gives `mkdocs serve` (read from the Makefile)."""
    line = next(x for x in (repo / "Makefile").read_text().splitlines() if "mkdocs serve" in x)
    return line.split("mkdocs serve", 1)[1].split()


SERVE_MODES = {"make serve": serve_flags(), "mkdocs serve --strict": ["--strict"]}


def serve_latency(
    project: Path, sop_id: str, work: Path, edits: int = 3, modes_wanted: Sequence[str] = ("make serve",)
) -> list[dict[str, Any]]:
    """The preview as `make serve` runs it (and, when asked, plain `mkdocs serve
    --strict`, which rebuilds everything): edit one SOP's nama and time until the page
    served (HTTP) and the page open in Chromium (live reload) show it."""
    from playwright.sync_api import sync_playwright

    source = project / "sop_src" / f"{sop_id}.md"
    original = source.read_text(encoding="utf-8")
    modes = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for mode in modes_wanted:
                port = _free_port()
                command = [PYTHON, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *SERVE_MODES[mode]]
                logfile = (work / f"serve-{port}.log").open("wb")
                start = time.perf_counter()
                process = subprocess.Popen(
                    command, cwd=project, env=_environment(), stdout=logfile, stderr=subprocess.STDOUT
                )
                url = f"http://127.0.0.1:{port}/sop/{sop_id}/"
                try:
                    while _fetch(url) is None:
                        if process.poll() is not None or time.perf_counter() - start > 3600:
                            raise SystemExit(f"mkdocs serve did not start; see {logfile.name}")
                        time.sleep(0.5)
                    startup = time.perf_counter() - start
                    log(f"{mode}: first build served after {startup:.1f} s")
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url, wait_until="load")
                    timings = []
                    for edit in range(edits):
                        token = f"Revisi Uji {edit + 1} {mode.split()[0].title()}"
                        text = source.read_text(encoding="utf-8")
                        line = next(x for x in text.splitlines() if x.startswith("nama: "))
                        changed = text.replace(line, f"{line} {token}", 1)
                        begin = time.perf_counter()
                        source.write_text(changed, encoding="utf-8")
                        http = seen = None
                        while http is None or seen is None:
                            if time.perf_counter() - begin > 3600:
                                break
                            # The server may hold a request while it rebuilds: time the answer.
                            if http is None and token in (_fetch(url) or ""):
                                http = time.perf_counter() - begin
                            if seen is None:
                                with contextlib.suppress(Exception):
                                    if token in page.evaluate("document.title"):
                                        seen = time.perf_counter() - begin
                            time.sleep(0.1)
                        timings.append({"http": http, "browser": seen})
                        log(f"{mode}: edit {edit + 1} served after {http} s, shown after {seen} s")
                        source.write_text(original, encoding="utf-8")
                        if edit + 1 < edits:  # the next edit starts from a rebuilt original
                            time.sleep(1)
                            while token in (_fetch(url) or token):
                                if time.perf_counter() - begin > 3600:
                                    break
                                time.sleep(0.5)
                    context.close()
                    modes.append(
                        {
                            "mode": mode,
                            "startup": startup,
                            "edits": timings,
                            "http": report.median([t["http"] for t in timings if t["http"] is not None]),
                            "browser": report.median(
                                [t["browser"] for t in timings if t["browser"] is not None]
                            ),
                        }
                    )
                finally:
                    source.write_text(original, encoding="utf-8")
                    process.send_signal(signal.SIGINT)
                    try:
                        process.wait(timeout=60)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
                    logfile.close()
        finally:
            browser.close()
    return modes


# ------------------------------------------------------------------ orchestration


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError, ValueError):
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "jinja2", "pydantic", "pyyaml"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
        "versions": versions,
        "load_before": os.getloadavg(),
    }


def snapshot(work: Path) -> Path:
    """A copy of the repository's site sources (mkdocs.yml, docs/, overrides/, macros/)
    taken once, so every size is built from the same code while the tree changes."""
    copy = work / "repo"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", copy / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("docs", "overrides", "macros"):
        shutil.copytree(REPO / folder, copy / folder, ignore=ignore)
    return copy


def _commit() -> str:
    """The repository's commit, with '+' when the working tree has changes."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+" if dirty else "")


def prepare(n: int, work: Path, seed: int, repo: Path = REPO) -> tuple[list[SynthSop], Path, Path]:
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    sops = generate(n, seed)
    portal = make_portal_project(sops, folder / "portal", repo, seed)
    plain = make_plain_project(sops, folder / "plain", repo, seed)
    return sops, portal, plain


def runs_for(n: int, runs: int | None) -> int:
    return runs if runs else (3 if n <= 1000 else 1)


def measure_pages(entry: dict[str, Any], sites: dict[str, Path]) -> None:
    """Weigh the built sites and measure them in the browser (no build)."""
    for side in ("portal", "plain"):
        entry[side].update(weigh(sites[side]))
    log(f"N={entry['n']}: browser measurements")
    entry["first_view"], entry["search"] = measure_browser(sites["portal"], sites["plain"])
    if entry["search"]["engine"] == "lunr":
        entry["search"]["index_gz"] = entry["portal"]["lunr_index_gz"]
    else:
        entry["search"]["index_gz"] = entry["portal"]["parts"]["pagefind"]


def remeasure(args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """`--measure-only`: the pages of the sites a previous run left in WORK, measured
    again (after a change to the measurement, or to compare with a page change)."""
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    for entry in results["sizes"]:
        if entry["n"] in args.sizes:
            folder = args.work / f"n{entry['n']}"
            measure_pages(entry, {"portal": folder / "portal-site", "plain": folder / "plain-site"})
            out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def measure_size(n: int, args: argparse.Namespace, results: dict[str, Any]) -> dict[str, Any]:
    log(f"N={n}: generating")
    sops, portal, plain = prepare(n, args.work, args.seed, args.repo)
    entry: dict[str, Any] = {"n": n, "portal": {"builds": []}, "plain": {"builds": []}}
    sites = {"portal": portal.parent / "portal-site", "plain": plain.parent / "plain-site"}
    for run in range(runs_for(n, args.runs)):
        for side, project in (("portal", portal), ("plain", plain)):
            done = build(project, sites[side])
            entry[side]["builds"].append(done)
            log(
                f"N={n} {side} run {run + 1}: {done['wall']:.1f} s, "
                f"CPU {done['cpu']:.1f} s, {done['maxrss_kb'] // 1024} MB"
            )
    if args.browser:
        measure_pages(entry, sites)
    else:
        for side in ("portal", "plain"):
            entry[side].update(weigh(sites[side]))
    if args.profile == n:
        log(f"N={n}: profiling the portal build")
        text = profile_build(portal, sites["portal"], args.work / f"profile-n{n}.prof")
        (args.work / f"profile-n{n}.txt").write_text(text, encoding="utf-8")
        entry["profile"] = str(args.work / f"profile-n{n}.txt")
    if n == args.serve_n and args.serve:
        log(f"N={n}: mkdocs serve, one edit")
        sop_id = sops[len(sops) // 2].id
        results["serve"] = {
            "n": n,
            "sop": sop_id,
            "modes": serve_latency(portal, sop_id, args.work, args.edits, args.serve_modes),
        }
    return entry


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=None, help="builds per size (default 3; 1 above 1,000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/portal-bench"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    parser.add_argument("--no-serve", dest="serve", action="store_false")
    parser.add_argument("--serve-n", type=int, default=1000, help="size for the mkdocs serve test")
    parser.add_argument("--edits", type=int, default=3, help="edits per serve mode (median reported)")
    parser.add_argument(
        "--serve-modes",
        nargs="+",
        choices=tuple(SERVE_MODES),
        default=["make serve"],
        help="previews to time (plain mkdocs serve rebuilds everything: slow)",
    )
    parser.add_argument("--profile", type=int, default=None, metavar="N", help="also profile the build at N")
    parser.add_argument("--lang", choices=("en", "id"), default="en")
    parser.add_argument("--out", type=Path, default=None, help="results file (default WORK/results.json)")
    parser.add_argument(
        "--measure-only", action="store_true", help="measure the sites a previous run left in WORK again"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    out = args.out or args.work / "results.json"
    if args.measure_only:
        print(report.render(remeasure(args, out), args.lang), end="")
        return
    args.repo = snapshot(args.work)
    results: dict[str, Any] = {"seed": args.seed, "machine": machine(), "sizes": [], "commit": _commit()}
    for n in args.sizes:
        results["sizes"].append(measure_size(n, args, results))
        out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    results["machine"]["load_after"] = os.getloadavg()
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    log(f"results: {out}")
    print(report.render(results, args.lang), end="")


if __name__ == "__main__":
    main()
