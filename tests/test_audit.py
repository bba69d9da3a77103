"""The audit report: totals, reasons, sites and samples of what a run removed, as one page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import site_pages, template_lines

import newsclean
from newsclean.cli import cli
from newsclean.report.audit import SAMPLES_PER_REASON, Audit

HOSTILE = "<script>alert('a removed line must not run')</script> Follow us on Facebook and X"


def write_sites(root: Path) -> None:
    for site, pages in site_pages().items():
        (root / site).mkdir(parents=True)
        for n, (_, text) in enumerate(pages):
            (root / site / f"{n}.txt").write_text(text + (HOSTILE + "\n" if n == 1 else ""), encoding="utf-8")


def audited(texts: list[str], source: str = "doc") -> Audit:
    audit = Audit()
    for n, text in enumerate(texts):
        audit.add(newsclean.clean(text), site=f"site{n % 2}", source=f"{source}{n}")
    return audit


def test_totals_and_reasons_add_up_to_what_was_removed():
    texts = [text + "Follow us on Facebook, X and Instagram for more.\n" for pages in site_pages().values()
             for _, text in pages]
    audit = audited(texts)
    results = [newsclean.clean(t) for t in texts]
    assert audit.documents == len(texts)
    assert audit.lines_removed == sum(len(r.drops) for r in results) == sum(audit.lines_by_reason.values())
    assert audit.chars_removed == sum(len(v.text) for r in results for v in r.verdicts if v.drop)
    assert sum(t.lines_removed for t in audit.sites.values()) == audit.lines_removed
    sample = audit.samples["social: platform_list"][0]
    assert sample.text == "Follow us on Facebook, X and Instagram for more."
    assert sample.before  # the lines above it come with it


def test_samples_are_bounded_and_the_same_however_the_work_is_split():
    texts = [f"Story number {n} is about the harbour and its boats, told at length for readers.\n"
             f"Follow us on Facebook and X for story {n}.\n" for n in range(3 * SAMPLES_PER_REASON)]
    whole = audited(texts)
    halves = audited(texts[::2], "even"), audited(texts[1::2], "odd")
    assert all(len(kept) <= SAMPLES_PER_REASON for kept in whole.samples.values())
    merged = Audit()
    for part in halves:
        merged.merge(part)
    assert merged.lines_by_reason == whole.lines_by_reason
    again = Audit()
    for part in reversed(halves):
        again.merge(part)
    assert [s.rank for s in again.samples["social: platform_list"]] == \
        [s.rank for s in merged.samples["social: platform_list"]]


def test_batch_writes_a_self_contained_page_that_escapes_the_text(tmp_path):
    write_sites(tmp_path / "src")
    report = tmp_path / "audit.html"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                                      "--report", str(report)])
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    # Nothing from the network: no external scripts, styles, images or fonts.
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert "site_boilerplate: repeated_across_documents" in page
    # Each sample links to its file, relative to the page.
    assert "href='src/riverside.example/" in page


def test_corpus_writes_the_page_and_a_jsonl_report_per_shard(tmp_path):
    pytest.importorskip("distributed")
    shard = tmp_path / "pages.jsonl"
    shard.write_text("".join(json.dumps({"id": f"r{n}", "url": url, "text": text}) + "\n"
                             for pages in site_pages().values() for n, (url, text) in enumerate(pages)))
    page = tmp_path / "audit.html"
    done = CliRunner().invoke(cli, ["corpus", str(shard), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                                    "--report", str(page)])
    assert done.exit_code == 0, done.output
    html = page.read_text(encoding="utf-8")
    assert "riverside.example" in html and "record r1" in html
    lines = CliRunner().invoke(cli, ["corpus", str(shard), "-o", str(tmp_path / "out2"), "-q", "-j", "1",
                                     "--report", str(tmp_path / "shards.jsonl")])
    assert lines.exit_code == 0
    (row,) = [json.loads(line) for line in (tmp_path / "shards.jsonl").read_text().splitlines()]
    assert row["records"] == 10 and row["drops"]["site_boilerplate"] == 10 * 3 and "audit" not in row


# ------------------------------------------------------------------------------- in a browser
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[test])")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("no chromium and chromedriver here (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,900"):
        options.add_argument(flag)
    from selenium.webdriver.chrome.service import Service

    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_the_report_filters_by_reason_site_and_text_in_a_real_browser(tmp_path, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    write_sites(tmp_path / "src")
    report = tmp_path / "audit.html"
    assert CliRunner().invoke(cli, ["batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                                    "--report", str(report)]).exit_code == 0
    browser.get(report.as_uri())

    def visible() -> list[str]:
        return [e.find_element(By.CLASS_NAME, "gone").text for e in browser.find_elements(By.CLASS_NAME, "sample")
                if e.is_displayed()]

    every = visible()
    assert set(template_lines()) <= set(every)
    shown = browser.find_element(By.ID, "shown").text
    assert shown == f"{len(every)} of {len(every)} samples shown"

    Select(browser.find_element(By.ID, "reason")).select_by_value("site_boilerplate: repeated_across_documents")
    assert sorted(visible()) == sorted(line for line in template_lines() for _ in range(5))

    Select(browser.find_element(By.ID, "site")).select_by_value("harbour-times.example")
    assert set(visible()) == {line for line in template_lines() if "arbour" in line or "coast" in line}

    browser.find_element(By.ID, "text").send_keys("press code")
    assert visible() == ["Harbour Times journalists follow the press code of the coastal publishers' association."] * 5
    assert browser.find_element(By.ID, "shown").text == f"5 of {len(every)} samples shown"

    # A reason's row in the chart chooses it.
    Select(browser.find_element(By.ID, "site")).select_by_value("")
    browser.find_element(By.ID, "text").clear()
    browser.find_element(By.CSS_SELECTOR, "tr.reason[data-reason='promo: follow_prompt']").click()
    assert visible() == [HOSTILE] * 2


def test_a_corpus_runs_report_shows_its_hosts_and_records_in_a_real_browser(tmp_path, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    pytest.importorskip("distributed")
    shard = tmp_path / "pages.jsonl"
    shard.write_text("".join(json.dumps({"id": f"{site}-{n}", "url": url, "text": text}) + "\n"
                             for site, pages in site_pages().items() for n, (url, text) in enumerate(pages)))
    report = tmp_path / "audit.html"
    done = CliRunner().invoke(cli, ["corpus", str(shard), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                                    "--report", str(report)])
    assert done.exit_code == 0, done.output
    browser.get(report.as_uri())
    totals = browser.find_element(By.CLASS_NAME, "totals").text
    assert "documents\n10" in totals and "lines removed\n30 of 50" in totals
    sites = [row.find_elements(By.TAG_NAME, "td")[0].text for row in
             browser.find_elements(By.CSS_SELECTOR, "#sites tr")[1:]]
    assert sorted(sites) == ["harbour-times.example", "riverside.example"]
    Select(browser.find_element(By.ID, "site")).select_by_value("riverside.example")
    tags = [e.find_element(By.CLASS_NAME, "tag").text for e in browser.find_elements(By.CLASS_NAME, "sample")
            if e.is_displayed()]
    assert len(tags) == 15 and all("record riverside.example-" in tag for tag in tags)


def test_the_no_site_choice_shows_only_the_samples_of_no_site_in_a_real_browser(tmp_path, browser):
    """#36: documents without a site (corpus records with no URL) have a choice of their own."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    audit = Audit()
    for n, (site, pages) in enumerate(site_pages().items()):
        for k, (_, text) in enumerate(pages):
            audit.add(newsclean.clean(text + HOSTILE + "\n"), site="" if n == 0 else site, source=f"{site}/{k}")
    page = tmp_path / "audit.html"
    page.write_text(audit.page("no site", tmp_path), encoding="utf-8")
    browser.get(page.as_uri())
    Select(browser.find_element(By.ID, "site")).select_by_visible_text("(no site)")
    tags = [e.find_element(By.CLASS_NAME, "tag").text for e in browser.find_elements(By.CLASS_NAME, "sample")
            if e.is_displayed()]
    first = next(iter(site_pages()))
    assert tags and all(f"(no site) · {first}/" in tag for tag in tags)
