"""Site boilerplate only where a site repeats itself (#35): in one folder of many sites' documents,
documents group by the site they say they come from (a URL line, a page's canonical link), a
generic heading that unrelated sites share is no site's template, and a footer one site repeats
on its pages still goes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.sites.hashing import document_host

TOPICS = ["the harbour", "the new library", "the tram line", "the school budget", "the river park", "the market"]
GENERIC = ["Key Takeaways", "Frequently Asked Questions"]
FOOTER = "© 2025 Northgate Gazette"


def story(n: int, url: str | None, footer: bool, generic: bool = True) -> str:
    topic = TOPICS[n % len(TOPICS)]
    lines = [
        *([f"URL: {url}"] if url else []),
        f"The council met on Tuesday to discuss {topic}, which has divided residents for many months now.",
        *GENERIC[:generic],
        f"Supporters of {topic} said the plan would help local families and bring new jobs to the area.",
        *GENERIC[1:1 + generic],
        f"A final decision on {topic} is expected at the next meeting, officials said after the vote.",
        *([FOOTER] if footer else []),
    ]
    return "\n".join(lines) + "\n"


def drops(src: Path, tmp_path: Path) -> dict[str, dict[str, int]]:
    report = tmp_path / "report.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(tmp_path / "out"), "--report", str(report),
                                      "-j", "1"])
    assert result.exit_code == 0, result.output
    return {r["path"]: r["drops"] for r in map(json.loads, report.read_text(encoding="utf-8").splitlines())}


def test_one_folder_of_many_sites_keeps_their_shared_headings_and_drops_one_sites_footer(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(3):  # one site's pages, each with its footer
        (src / f"gazette-{n}.txt").write_text(story(n, f"https://www.gazette.example/news/{n}", True, generic=False))
    for n, site in enumerate(["daily.example", "herald.example", "courier.example", "post.example"]):
        (src / f"{site}.txt").write_text(story(n + 3, f"https://{site}/story/{n}", False))
    found = drops(src, tmp_path)
    assert all(FOOTER not in (tmp_path / "out" / f"gazette-{n}.txt").read_text() for n in range(3))
    assert all(found[f"gazette-{n}.txt"].get("site_boilerplate") for n in range(3))
    assert [path for path, d in found.items() if "site_boilerplate" in d and not path.startswith("gazette")] == []


def test_in_a_folder_whose_documents_name_no_site_a_short_line_counts_only_in_a_run(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(4):
        text = story(n, None, False) + "About us\nContact\n"  # a template's run of lines
        (src / f"story-{n}.txt").write_text(text)
    found = drops(src, tmp_path)
    assert all(found[f"story-{n}.txt"].get("site_boilerplate") == 2 for n in range(4))  # the run, not the headings


def test_a_document_names_its_site_by_its_page_url_or_a_url_line():
    assert document_host("Some text\nmore text\n", "https://www.example.org/a") == "example.org"
    assert document_host("Source: https://m.example.com/news/1\nThe story.\n") == "example.com"
    assert document_host("The story.\nhttps://example.net/x\n") == "example.net"
    assert document_host("The story mentions https://example.net/x in a sentence.\n") == ""
