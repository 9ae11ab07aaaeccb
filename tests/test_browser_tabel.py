"""The official table's flowchart as Chromium lays it out, on screen and in print:
every branch label whole, inside its pelaksana cell, clear of the cell's lines, its
symbol and the other labels; every crossing of two lines drawn with a hop.

The sites of test_browser_flowchart.py: the sample SOPs, and the hard cases (the
good-flow fixture, the 17-step and the 60-step SOPs).
"""

from __future__ import annotations

from typing import Any

import pytest
from test_browser_flowchart import Site, _all_pages, _open, hard_site, samples_site

__all__ = ["hard_site", "samples_site"]  # the fixtures, shared

MEASURE_JS = """() => {
  const box = (e) => e.getBoundingClientRect();
  const inter = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
    * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const clip = (r, c) => ({left: Math.max(r.left, c.left), right: Math.min(r.right, c.right),
    top: Math.max(r.top, c.top), bottom: Math.min(r.bottom, c.bottom)});
  const problems = [];
  let labels = 0, crossings = 0;
  for (const td of document.querySelectorAll('.sop-prosedur td.sop-cell')) {
    const cell = box(td);
    const where = td.closest('tr').dataset.langkah + '/' + td.cellIndex;
    const lines = Array.from(td.querySelectorAll('svg.fc-lines line')).map(l => clip(box(l), cell))
      .filter(r => r.right >= r.left && r.bottom >= r.top);
    const symbols = Array.from(td.querySelectorAll('.fc-simbol:not(.fc-simbol--penghubung) > *'))
      .filter(e => e.localName !== 'title').map(box);
    const marks = Array.from(td.querySelectorAll('text.fc-label'));
    marks.forEach((text, i) => {
      labels += 1;
      const r = box(text);
      if (text.textContent.includes('\\u2026')) problems.push(`${where}: label cut: ${text.textContent}`);
      const name = text.textContent;
      if (r.left < cell.left - .5 || r.right > cell.right + .5
          || r.top < cell.top - .5 || r.bottom > cell.bottom + .5)
        problems.push(`${where}: label ${name} leaves its cell`);
      lines.forEach(l => {
        const wide = {left: l.left - .5, right: l.right + .5, top: l.top - .5, bottom: l.bottom + .5};
        if (inter(r, wide) > .5) problems.push(`${where}: label ${name} on a line`);
      });
      symbols.forEach(s => { if (inter(r, s) > .5) problems.push(`${where}: label ${name} on the symbol`); });
      marks.slice(i + 1).forEach(o => { if (inter(r, box(o)) > 0.5)
        problems.push(`${where}: labels ${text.textContent} and ${o.textContent} overlap`); });
    });
    const flat = lines.filter(l => l.bottom - l.top < 3 && l.right - l.left >= 3);
    const upright = lines.filter(l => l.right - l.left < 3 && l.bottom - l.top >= 3);
    const hops = Array.from(td.querySelectorAll('path.fc-hop')).map(box);
    for (const h of flat) for (const v of upright) {
      const x = (v.left + v.right) / 2, y = (h.top + h.bottom) / 2;
      if (x > h.left + 2 && x < h.right - 2 && y > v.top + 2 && y < v.bottom - 2) {
        crossings += 1;
        if (!hops.some(p => p.left - 1 <= x && x <= p.right + 1 && p.top - 1 <= y && y <= p.bottom + 4))
          problems.push(`${where}: lines cross at (${x.toFixed(0)}, ${y.toFixed(0)}) without a hop`);
      }
    }
  }
  return {problems, labels, crossings};
}"""


def _measure(browser: Any, site: Site, media: str) -> tuple[int, int]:
    labels = crossings = 0
    for url, record in _all_pages(site):
        context, page, _ = _open(browser, url, width=1366)
        try:
            page.click("label[for=__tabbed_sop_1]")
            page.emulate_media(media=media)
            result = page.evaluate(MEASURE_JS)
        finally:
            context.close()
        assert result["problems"] == [], (record.id, media)
        labels += result["labels"]
        crossings += result["crossings"]
    return labels, crossings


@pytest.mark.parametrize("media", ["screen", "print"])
def test_sample_labels_are_whole_and_clear_and_crossings_hop(
    browser: Any, samples_site: Site, media: str
) -> None:
    labels, crossings = _measure(browser, samples_site, media)
    assert labels >= 14 and crossings >= 1


@pytest.mark.parametrize("media", ["screen", "print"])
def test_hard_case_labels_are_whole_and_clear_and_crossings_hop(
    browser: Any, hard_site: Site, media: str
) -> None:
    labels, _ = _measure(browser, hard_site, media)
    assert labels >= 20
