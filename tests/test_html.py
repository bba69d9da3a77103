"""HTML in: detection by content, decoding in any encoding, extraction, metadata, and bad pages."""

import json
import os
import random

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import cli
from newsclean.inputs.sources import decode_html, load, looks_like_html

BODY = [
    "Der Stadtrat hat am Montagabend den Bau eines neuen Hallenbads am Stadtpark beschlossen. Die Kosten werden "
    "auf 28 Millionen Euro geschätzt, das Land übernimmt knapp die Hälfte der Summe.",
    "Das alte Bad an der Schillerstraße war im vergangenen Jahr wegen Schäden am Dach geschlossen worden. Seitdem "
    "mussten Schulen und Vereine auf Bäder in den Nachbargemeinden ausweichen.",
    "Bürgermeister Thomas Keller verteidigte den Beschluss. «Schwimmen lernen ist keine Frage des Geldbeutels», "
    "sagte er nach der Sitzung im Rathaus vor den wartenden Journalisten.",
]


def page(head_extra: str = "", doctype: bool = True) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        ("<!DOCTYPE html>" if doctype else "")
        + f"<html lang='de'><head>{head_extra}<title>Neues Hallenbad für Neustadt</title>"
        "<meta name='author' content='Anna Berger'><meta property='og:site_name' content='Neustädter Zeitung'>"
        "<meta name='date' content='2026-05-04'></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/politik'>Politik</a></li></ul></nav>"
        f"<article><h1>Neues Hallenbad soll 2027 eröffnen</h1>{paragraphs}"
        "<p>Jetzt den kostenlosen Newsletter abonnieren und keine Nachricht aus der Region verpassen!</p>"
        "</article><footer><p>© 2026 Neustädter Zeitung. Alle Rechte vorbehalten.</p></footer></body></html>"
    )


def invoke(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


@pytest.mark.parametrize("data", [
    page().encode(), page(doctype=False).encode(), b"  \n<!-- saved -->\n<html><body><p>x</p></body></html>",
    b"<div class='story'><p>One.</p><p>Two.</p><p>Three.</p><a href='/x'>more</a><span>x</span></div>",
])
def test_html_is_detected(data):
    assert looks_like_html(data)


@pytest.mark.parametrize("data", [
    b"Use <p> for paragraphs and <b> for bold text when you write for the web.\n",
    b"The council voted 7-2 on Tuesday.\nIf x < 3 and y > 4 then the rule applies.\n",
    "Der Stadtrat hat getagt. Das Wort <html> steht in diesem Satz, größer als gedacht.\n".encode(),
])
def test_text_that_mentions_tags_stays_text(data):
    assert not looks_like_html(data)
    assert load(data).text == data.decode("utf-8")


def test_page_is_extracted_then_cleaned():
    result = invoke(["clean"], input=page().encode())
    assert result.exit_code == 0
    assert BODY[1] in result.stdout
    assert "Newsletter abonnieren" not in result.stdout and "Alle Rechte vorbehalten" not in result.stdout
    assert "Politik" not in result.stdout


def test_the_judge_knows_the_text_came_from_a_page():
    # The extractor judged the page's layout with its DOM: the judge weighs text from a page as such.
    html = page().replace("</article>", "<p>Mehr aus Neustadt</p><ul><li>Wetter</li><li>Verkehr</li></ul></article>")
    extracted = load(html.encode()).text
    as_html = newsclean.clean(extracted, from_html=True)
    as_text = newsclean.clean(extracted)
    assert [v.p_body for v in as_html.verdicts] != [v.p_body for v in as_text.verdicts]
    assert all(line in as_html.text for line in BODY)


@pytest.mark.parametrize(("encoding", "declare"), [
    ("utf-8-sig", ""),
    ("windows-1252", "<meta charset='windows-1252'>"),
    ("iso-8859-1", "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"),
    ("utf-16", ""),
    ("cp1252", ""),  # no declaration: detected
])
def test_each_encoding_path_decodes(encoding, declare):
    data = page(declare).encode(encoding)
    assert "Schillerstraße" in decode_html(data).text
    loaded = load(data)
    assert loaded.is_html and BODY[1] in loaded.text and "<p>" not in loaded.text


def test_a_wrong_declaration_falls_back_to_detection():
    data = page("<meta charset='no-such-charset'>").encode("utf-8")
    assert "Schillerstraße" in decode_html(data).text


def test_metadata_travels_in_json():
    doc = json.loads(invoke(["clean", "--format", "json"], input=page().encode()).stdout)
    assert doc["metadata"]["title"] == "Neues Hallenbad soll 2027 eröffnen"  # the h1 wins over <title>
    assert doc["metadata"]["author"] == "Anna Berger"
    assert doc["metadata"]["sitename"] == "Neustädter Zeitung"
    assert doc["metadata"]["date"] == "2026-05-04"
    assert BODY[0] in doc["text"]


def test_input_format_overrides_detection():
    as_text = invoke(["clean", "--input-format", "text", "--only", "ads"], input=page().encode())
    assert "<html" in as_text.stdout
    forced = invoke(["clean", "--input-format", "html"], input="<p>" + BODY[0] + "</p><p>" + BODY[1] + "</p>")
    assert BODY[1] in forced.stdout and "<p>" not in forced.stdout


def test_page_without_a_body_is_empty_with_a_one_line_warning():
    result = invoke(["clean"], input=b"<!DOCTYPE html><html><head><script>var x=1;</script></head><body></body></html>")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == "newsclean: warning: <stdin>: no article text found in the page"


@pytest.mark.parametrize("data", [
    page().encode()[: len(page().encode()) // 2],  # truncated
    page().replace("</p>", "").replace("<p>", "<p><div><span>").encode(),  # malformed
    b"<!DOCTYPE html><html><body>" + bytes(random.Random(0).randrange(1, 256) for _ in range(20000)),
    b"<html><body>" + b"<div>" * 5000 + b"deep" + b"</div>" * 10 + b"</body></html>",
])
def test_bad_html_never_crashes(data):
    result = invoke(["clean"], input=data)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith("newsclean: error: ") and len(result.stderr.splitlines()) == 1


def test_huge_html_over_the_limit_is_refused_and_large_html_is_cleaned():
    big = page().replace("</article>", "<p>" + " ".join(BODY) * 400 + "</p></article>").encode()
    assert invoke(["clean", "--max-bytes", "10000"], input=big).exit_code == 1
    assert BODY[2] in invoke(["clean"], input=big).stdout


def test_batch_cleans_html_files(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "story.html").write_text(page(), encoding="utf-8")
    result = invoke(["batch", str(tmp_path / "src"), "-o", str(tmp_path / "dst"), "--jobs", "1"])
    assert result.exit_code == 0
    assert BODY[0] in (tmp_path / "dst" / "story.txt").read_text(encoding="utf-8")  # text, named as text
    assert os.path.getsize(tmp_path / "dst" / "story.txt") < len(page())


@pytest.mark.parametrize("data", [
    b"<style>\n" + b"  .hidden { opacity: 0; }\n" * 300 + b"</style>\n<html><body><p>x</p></body></html>\n",
    b"Warning: Assigning the return value of new by reference is deprecated in wp-settings.php on line 520\n" * 40
    + b"<!DOCTYPE html><html><body><p>x</p></body></html>",
])
def test_pages_that_open_with_styles_or_server_warnings_are_detected(data):
    assert looks_like_html(data)


LEAD = ("Neustadt bekommt ein neues Hallenbad: Der Stadtrat hat den Bau am Stadtpark beschlossen, die Kosten "
        "für das Bad liegen bei 28 Millionen Euro.")
UNRELATED = ("In Altdorf wurde am Wochenende ein neuer Kindergarten mit einem großen Fest und vielen Gästen aus der "
             "Region eröffnet.")


def related_box_page() -> str:
    return page().replace(
        "<article><h1>Neues Hallenbad soll 2027 eröffnen</h1>",
        f"<article><h1>Neues Hallenbad soll 2027 eröffnen</h1><div class='teaser'><p>{LEAD}</p></div>"
        f"<div class='related'><p>{UNRELATED}</p></div>",
    )


def test_a_body_paragraph_trafilatura_misses_is_restored_in_place():
    from trafilatura import extract

    html = related_box_page()
    assert LEAD not in extract(html, include_comments=False, include_tables=True)  # what we make up for
    loaded = load(html.encode())
    lines = newsclean.clean(loaded.text, from_html=True, page=loaded.page).text.splitlines()
    assert lines[:2] == ["Neues Hallenbad soll 2027 eröffnen", LEAD] and lines[-3:] == BODY


@pytest.mark.xfail(strict=True, reason="the judge keeps an off-topic paragraph the extractor left out between the "
                   "headline and the body (p(body) .70); leaving such paragraphs out of the candidates, as the rule "
                   "before the judge did, cost .002 F on dev html and .004 on wcxb-dev html")
def test_an_unrelated_paragraph_beside_the_article_is_not_restored():
    loaded = load(related_box_page().encode())
    assert UNRELATED not in newsclean.clean(loaded.text, from_html=True, page=loaded.page).text


def blocks_of(*texts: str):
    from lxml import html

    from newsclean.inputs.page import page_blocks

    return page_blocks(html.fromstring("<div>" + "".join(f"<p>{text}</p>" for text in texts) + "</div>"))


def test_a_missed_block_comes_back_once_as_a_candidate_with_what_speaks_for_it():
    from newsclean.inputs.extraction import with_candidates

    extracted = [BODY[0], BODY[2]]
    lines, origins = with_candidates(extracted, blocks_of(BODY[0], LEAD, UNRELATED, BODY[2]))
    assert lines == [BODY[0], LEAD, UNRELATED, BODY[2]]
    assert [o.kept for o in origins] == [True, False, False, True]
    assert set(origins[1].extra) == {"x:near", "x:prose", "x:topic"}  # near, prose, on the article's topic
    assert "x:topic" not in origins[2].extra
    from lxml import html

    from newsclean.inputs.page import page_blocks

    nested = page_blocks(html.fromstring(f"<div><p>{BODY[0]}</p><ul><li><p>{LEAD}</p></li></ul><p>{BODY[2]}</p></div>"))
    assert with_candidates(extracted, nested)[0] == [BODY[0], LEAD, BODY[2]]  # the item, not its paragraph again
    short = "Das Hallenbad am Stadtpark"  # on topic, but not a sentence of body text
    lines, origins = with_candidates(extracted, blocks_of(BODY[0], short, BODY[2]))
    assert "x:prose" not in origins[1].extra


def test_candidates_come_from_the_article_span_only():
    from newsclean.inputs.extraction import EDGE_BLOCKS, with_candidates

    far = [f"Menüpunkt {n}" for n in range(EDGE_BLOCKS + 3)]
    lines, _ = with_candidates([BODY[0], BODY[1]], blocks_of(*far, BODY[0], BODY[1], *far))
    assert lines == [*far[-EDGE_BLOCKS:], BODY[0], BODY[1], *far[:EDGE_BLOCKS]]


def test_the_recall_mode_runs_only_when_the_default_mode_finds_nothing(monkeypatch):
    from newsclean.inputs import extraction

    asked = []
    real = extraction._extract

    def default_mode_finds_nothing(tree, with_metadata, **options):
        asked.append(options)
        return {} if not options.get("favor_recall") else real(tree, with_metadata, **options)

    monkeypatch.setattr(extraction, "_extract", default_mode_finds_nothing)
    assert "Hallenbad" in load(page().encode()).text
    assert asked == [{"fast": False}, {"favor_recall": True, "fast": False}]
    monkeypatch.setattr(extraction, "_extract", real)
    asked.clear()
    monkeypatch.setattr(extraction, "_extract", lambda tree, meta, **options: asked.append(options) or real(tree, meta))
    assert "Hallenbad" in load(page().encode()).text
    assert asked == [{"fast": False}]


def test_a_block_the_extractor_shortened_is_not_restored_twice():
    from newsclean.inputs.extraction import with_candidates

    # The extractor left out a footnote mark inside the paragraph.
    item = BODY[1].replace(". Seitdem", ". [1] Seitdem")
    extracted = [BODY[0], BODY[1], BODY[2]]
    assert with_candidates(extracted, blocks_of(BODY[0], item, BODY[2]))[0] == extracted


def test_a_page_block_keeps_a_space_where_a_nested_block_begins():
    from lxml import html

    from newsclean.inputs.page import page_blocks

    tree = html.fromstring("<ul><li><h3>Das neue Becken</h3><p>Es ist <b>fünfzig</b> Meter lang.<!-- x --></p>"
                           "</li></ul>")
    assert [block.text for block in page_blocks(tree)] == [
        "Das neue Becken Es ist fünfzig Meter lang.", "Das neue Becken", "Es ist fünfzig Meter lang."]


def test_an_overlong_tag_loses_its_attributes_wherever_it_stands():
    from newsclean.inputs.extraction import OVERLONG_TAG, without_overlong_tags

    attributes = " ".join(f'data-a{k}="v{k}"' for k in range(3000))  # about 40,000 characters
    script = "<script>" + "x = 1; " * 5000 + "</script>"  # long, but no tag: left alone
    for html_text in (f"<html><body><div {attributes}><p>Text</p></div></body></html>",
                      f"<html><body>{script}<p>Text</p><div {attributes}>x</div></body></html>",
                      f"<html><body>{script}<p>Text</p></body></html>", "<p>short</p>", ""):
        assert without_overlong_tags(html_text) == OVERLONG_TAG.sub(r"<\1>", html_text)
    assert "data-a1=" not in without_overlong_tags(f"<html><body><div {attributes}>x</div></body></html>")


@pytest.mark.parametrize("html_text", [
    "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "<!DOCTYPE html><html><body><p>x</p></body></html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd"/>\n<html>x</html>',
    "<html/>\n<body><p>x</p></body>", "<html><body><p>a\x01b\x0bc\ufffe</p></body></html>", "",
])
def test_a_page_is_repaired_as_trafilatura_repairs_it(html_text):
    from trafilatura.utils import repair_faulty_html

    from newsclean.inputs.extraction import repaired

    beginning = html_text[:50].lower()
    assert repaired(html_text, beginning) == repair_faulty_html(html_text, beginning)


def test_trafilatura_is_given_the_options_its_extract_would_make(monkeypatch):
    import trafilatura.core

    from newsclean.inputs.extraction import extract_options

    made = []
    real = trafilatura.core.bare_extraction
    monkeypatch.setattr(trafilatura.core, "bare_extraction",
                        lambda content, **kw: made.append(kw["options"]) or real(content, **kw))
    for meta in (False, True):
        for fast, recall in ((False, False), (True, False), (False, True)):
            trafilatura.core.extract(page(), output_format="json" if meta else "txt", with_metadata=meta,
                                     include_comments=False, include_tables=True, fast=fast, favor_recall=recall)
            ours = extract_options(meta, fast=fast, favor_recall=recall)
            assert all(getattr(ours, slot) == getattr(made[-1], slot) for slot in type(ours).__slots__)
