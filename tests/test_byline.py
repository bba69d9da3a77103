"""The byline and the date line (#39): found under the headline (or labelled elsewhere), reported
as ``author`` and ``date`` (library, json, jsonl, --explain), out of the body and never debris;
the same shapes inside the article (a dateline lead, a dated timeline, a signed letter, an
interview's speakers) stay."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import cli
from newsclean.inputs.sources import load

BODY_EN = [
    "The storm hit the coastal towns on Sunday night, and the rivers rose quickly across the region, officials said.",
    "Residents of the towns were told to leave their homes before the rivers rose further, the officials said on "
    "Monday.",
    "The weather service said more rain would fall over the coming days and that the rivers would stay high for "
    "the rest of the week.",
]
HEADLINE_EN = "Storm floods coastal towns as rivers rise"


def article(headline: str, meta: list[str], body: list[str]) -> str:
    return "\n".join([headline, *meta, *body]) + "\n"


def roles(result: newsclean.Result) -> dict[str, str]:
    """The byline's and date line's roles (the headline's aside)."""
    return {v.text: v.role for v in result.verdicts if v.role in ("author", "date")}


@pytest.mark.parametrize(("headline", "meta", "author", "date", "body"), [
    (HEADLINE_EN, ["By Jane Doe | Reuters", "Published 3 March 2024"], "Jane Doe", "2024-03-03", BODY_EN),
    (HEADLINE_EN, ["Jane Doe", "14 hours ago"], "Jane Doe", "14 hours ago", BODY_EN),
    (HEADLINE_EN, ["Written by Jane Doe and John Roe, Staff Writers", "Updated: 2024-03-03 10:15"],
     "Jane Doe and John Roe", "2024-03-03", BODY_EN),
    ("Bund beschließt Gesetz zum Schutz der Küsten", ["Von Max Mustermann", "03.03.2024, 10:15 Uhr"],
     "Max Mustermann", "2024-03-03", [
        "BERLIN (dpa) – Die Bundesregierung hat am Sonntag ein neues Gesetz für den Schutz der Küsten beschlossen, "
        "das im Sommer in Kraft treten soll.",
        "Die Länder an der Küste hatten seit Jahren mehr Geld für den Schutz der Deiche gefordert, nachdem die "
        "Stürme stärker geworden waren.",
        "Das Gesetz sieht vor, dass der Bund in den nächsten zehn Jahren einen großen Teil der Kosten für die "
        "Deiche übernimmt."]),
    ("La tempête frappe les villes de la côte", ["Par Marie Dupont", "Publié le 3 mars 2024 à 10h15"],
     "Marie Dupont", "2024-03-03", [
        "La tempête a frappé les villes de la côte dans la nuit de dimanche, et les rivières sont montées très vite "
        "dans toute la région.",
        "Les habitants des villes ont été invités à quitter leurs maisons avant que les rivières ne montent encore, "
        "ont dit les autorités.",
        "Le service météo a annoncé que la pluie allait continuer pendant les prochains jours et que les rivières "
        "resteraient hautes."]),
    ("La tormenta inunda los pueblos de la costa", ["Por Juan Pérez", "hace 2 horas"], "Juan Pérez", "hace 2 horas", [
        "La tormenta llegó a los pueblos de la costa el domingo por la noche, y los ríos crecieron muy rápido en "
        "toda la región.",
        "Los vecinos de los pueblos tuvieron que dejar sus casas antes de que los ríos crecieran más, según dijeron "
        "las autoridades.",
        "El servicio de meteorología dijo que la lluvia seguirá durante los próximos días y que los ríos seguirán "
        "altos toda la semana."]),
])
def test_a_byline_and_date_under_the_headline_are_reported_and_leave_the_body(headline, meta, author, date, body):
    result = newsclean.clean(article(headline, meta, body))
    assert result.title == headline
    assert (result.author, result.date) == (author, date)
    assert roles(result) == {meta[0]: "author", meta[1]: "date"}
    assert all(line not in result.text for line in meta)
    assert all(line in result.text for line in body)  # a dateline that opens the lead is body ("BERLIN (dpa) –")
    assert not any(d.filter == "byline" for d in result.drops)  # reported, not debris
    assert result.headline["author"] == author


STANDFIRST = {
    "en": "Thousands of homes were left without power as the rivers rose overnight across the region. The army "
          "was called in to help.",
    "de": "Tausende Haushalte waren ohne Strom, als die Flüsse in der Nacht in der ganzen Region stiegen. Die "
          "Armee wurde zu Hilfe gerufen.",
    "fr": "Des milliers de foyers ont été privés d'électricité quand les rivières sont montées dans la nuit. "
          "L'armée a été appelée à l'aide.",
}


@pytest.mark.parametrize(("language", "byline", "author"), [
    ("en", "By Jane Doe, March 3, 2024", "Jane Doe"),
    ("de", "Von Mat\u00adthi\u00adas Lau\u00aderer", "Matthias Lauerer"),  # soft hyphens
    ("fr", "Par Marie Dupont le 3 mars 2024", "Marie Dupont"),
])
def test_a_byline_under_the_standfirst_is_found(language, byline, author):
    # Headline, standfirst, byline, article: the byline is below the first body-like paragraph.
    result = newsclean.clean(article(HEADLINE_EN, [STANDFIRST[language], byline], BODY_EN))
    assert result.author == author
    assert roles(result)[byline] == "author" and byline not in result.text
    assert STANDFIRST[language] in result.text


def test_below_the_standfirst_only_a_line_that_says_by_is_a_byline():
    # A date, a label or a name alone there heads a timeline or signs a paragraph of the article.
    for line in ("3 March 2024", "Published 4 March 2024: the army's plan", "Jane Doe"):
        result = newsclean.clean(article(HEADLINE_EN, [STANDFIRST["en"], line], BODY_EN))
        assert (result.author, result.date, roles(result)) == ("", "", {}), line


def test_a_lone_label_and_its_value_are_the_byline():
    result = newsclean.clean(article(HEADLINE_EN, ["Author", "Jane Doe", "Published", "March 3rd, 2024"], BODY_EN))
    assert (result.author, result.date) == ("Jane Doe", "2024-03-03")
    assert set(roles(result).values()) == {"author", "date"} and "Published" not in result.text


@pytest.mark.parametrize(("written", "iso"), [
    ("12/31/2024", "2024-12-31"),  # month first: the only reading
    ("03/04/2024", "03/04/2024"),  # two readings: as written
    ("2024-03-03T10:15:00Z", "2024-03-03"),
    ("Sunday, 3 de marzo de 2024", "2024-03-03"),
])
def test_a_date_is_given_in_iso_form_only_where_it_reads_as_one_day(written, iso):
    assert newsclean.clean(article(HEADLINE_EN, ["By Jane Doe", written], BODY_EN)).date == iso


def test_the_same_shapes_inside_the_article_stay():
    timeline = ["3 March 2024 – Storm warning", "Published 4 March 2024: the army's plan",
                "5 March 2024 – Rivers break their banks"]
    letter = ["In a letter to the council, a resident wrote that the town had been left alone with the water "
              "for far too long, and that help had come too late.", "Jane Doe"]
    interview = ["Q: What did you see when the water came into the town on Sunday night?",
                 "Mark Roe: The water came up the street faster than anyone had expected, and we had to leave "
                 "everything behind."]
    text = article(HEADLINE_EN, [], [BODY_EN[0], *timeline, BODY_EN[1], *interview, BODY_EN[2], *letter])
    result = newsclean.clean(text)
    assert (result.author, result.date, roles(result)) == ("", "", {})
    for line in (*timeline, *interview, letter[0]):
        assert line in result.text


def test_json_jsonl_and_explain_name_the_byline_and_date():
    text = article(HEADLINE_EN, ["By Jane Doe | Reuters", "Published 3 March 2024"], BODY_EN)
    run = CliRunner()
    document = json.loads(run.invoke(cli, ["clean", "--format", "json"], input=text).stdout)
    assert (document["author"], document["date"]) == ("Jane Doe", "2024-03-03")
    assert "Jane Doe" not in document["text"] and "byline" not in document["stats"]["by_filter"]
    jsonl = run.invoke(cli, ["clean", "--format", "jsonl"], input=text).stdout
    records = [json.loads(line) for line in jsonl.splitlines()]
    assert [(r["line"], r["role"], r["kept"]) for r in records if r["role"] in ("author", "date")] == [
        (2, "author", False), (3, "date", False)]
    explained = run.invoke(cli, ["clean", "--explain"], input=text).stdout.splitlines()
    assert [line.split("\t")[1] for line in explained[1:3]] == ["author", "date"]


PAGE = """<!doctype html><html><head><title>{headline} - The Coast News</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/weather">Weather</a></nav>
<article><h1>{headline}</h1><p>By Jane Doe</p><p>Published 3 March 2024</p>
<p>{body[0]}</p><p>{body[1]}</p><p>{body[2]}</p></article>
<footer>© 2025 The Coast News</footer></body></html>"""


def clean_page(meta: str) -> newsclean.Result:
    loaded = load(PAGE.format(headline=HEADLINE_EN, meta=meta, body=BODY_EN).encode(), input_format="html")
    return newsclean.clean(loaded.text, from_html=True, page=loaded.page, head=loaded.head)


def test_a_page_keeps_its_meta_and_else_reports_its_byline():
    meta = '<meta name="author" content="J. Doe"><meta property="article:published_time" content="2024-03-04">'
    with_meta = clean_page(meta)
    assert (with_meta.author, with_meta.date) == ("J. Doe", "2024-03-04")
    assert roles(with_meta) == {}  # lines naming another writer and day than the page's are not its byline
    result = clean_page("")
    assert (result.author, result.date) == ("Jane Doe", "2024-03-03")
    assert "Jane Doe" not in result.text and BODY_EN[1] in result.text


@pytest.mark.parametrize("line", [
    "By Jane Doe", "By: Jane Doe", "  — By Jane Doe", "3 March 2024 | By Jane Doe", "3 March 2024 · Von Max Muster",
    "Reuters – by Jane Doe", "Photo by Jane Doe", "Stand by me", "Words by the river | By Jane Doe", "By", "By ",
    "BY JANE DOE", "Par Jean Dupont — Le Monde", "Text—By Jane", "Text –By Jane", "", "Von Max|Von Moritz",
])
def test_by_label_is_the_rules_search(line):
    """The byline reads "By" at a line's start only, where no field separator can open it elsewhere:
    the same match as ``BY.search``."""
    from newsclean.core.byline import BY, by_label
    from newsclean.rules.matcher import matcher

    hits = matcher().scan(line)
    found, expected = by_label(line, hits), BY.search(line, hits)
    assert (found and found.span()) == (expected and expected.span())
