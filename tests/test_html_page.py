"""The judge reads the page: blocks trafilatura left out come back, blocks it kept go, in three
languages. Every page here is written by us."""

import pytest
from trafilatura import extract

import newsclean
from newsclean.inputs.sources import load

STORIES = {
    "en": {
        "title": "The city will build a new public pool by 2027",
        "body": [
            "The council voted on Monday evening to build a new public swimming pool next to the city park, at a "
            "cost of 28 million euros, of which the state will pay almost half.",
            "The old pool on School Street closed last year after storm damage to its roof, and schools and clubs "
            "have since had to travel to pools in neighbouring towns for their lessons.",
            "The mayor defended the decision after the meeting, saying that learning to swim should never depend "
            "on the size of a family's budget, and that the pool would open in the summer of 2027.",
        ],
        "items": ["An Olympic pool with eight lanes", "A learner pool for the city's schools",
                  "A sauna and a steam room on the roof"],
        "more": "More from the region",
        "teasers": ["Kindergarten in Altdorf opens with a big party for the whole village",
                    "Police look for witnesses after a break-in at the bakery on Main Street",
                    "Road works on the bypass will last until the end of October"],
        "footer": "© 2026 The Example Courier. All rights reserved.",
    },
    "de": {
        "title": "Die Stadt baut bis 2027 ein neues Hallenbad",
        "body": [
            "Der Stadtrat hat am Montagabend den Bau eines neuen Hallenbads am Stadtpark beschlossen. Die Kosten "
            "werden auf 28 Millionen Euro geschätzt, das Land übernimmt knapp die Hälfte der Summe.",
            "Das alte Bad an der Schillerstraße war im vergangenen Jahr wegen Schäden am Dach geschlossen worden. "
            "Seitdem mussten Schulen und Vereine auf Bäder in den Nachbargemeinden ausweichen.",
            "Der Bürgermeister verteidigte den Beschluss nach der Sitzung: Schwimmen lernen dürfe keine Frage des "
            "Geldbeutels sein, und das Bad solle im Sommer 2027 eröffnen.",
        ],
        "items": ["Ein Sportbecken mit acht Bahnen", "Ein Lehrschwimmbecken für die Schulen der Stadt",
                  "Eine Sauna und ein Dampfbad auf dem Dach"],
        "more": "Mehr aus der Region",
        "teasers": ["Kindergarten in Altdorf feiert Eröffnung mit großem Fest für das ganze Dorf",
                    "Polizei sucht Zeugen nach Einbruch in die Bäckerei an der Hauptstraße",
                    "Baustelle an der Umgehungsstraße dauert bis Ende Oktober"],
        "footer": "© 2026 Neustädter Zeitung. Alle Rechte vorbehalten.",
    },
    "fr": {
        "title": "La ville construira une nouvelle piscine d'ici 2027",
        "body": [
            "Le conseil municipal a voté lundi soir la construction d'une nouvelle piscine publique près du parc de "
            "la ville, pour un coût de 28 millions d'euros, dont l'État paiera presque la moitié.",
            "L'ancienne piscine de la rue de l'École a fermé l'an dernier après une tempête qui a endommagé son "
            "toit, et les écoles doivent depuis se rendre dans les communes voisines.",
            "Le maire a défendu la décision après la séance, en affirmant qu'apprendre à nager ne devait jamais "
            "dépendre du budget d'une famille, et que la piscine ouvrirait à l'été 2027.",
        ],
        "items": ["Un bassin olympique de huit couloirs", "Un bassin d'apprentissage pour les écoles de la ville",
                  "Un sauna et un hammam sur le toit"],
        "more": "Plus d'actualités de la région",
        "teasers": ["Le jardin d'enfants d'Altdorf ouvre avec une grande fête pour tout le village",
                    "La police cherche des témoins après un cambriolage à la boulangerie de la Grand-Rue",
                    "Les travaux sur la rocade dureront jusqu'à la fin du mois d'octobre"],
        "footer": "© 2026 Le Courrier d'Exemple. Tous droits réservés.",
    },
}


def page(lang: str) -> str:
    s = STORIES[lang]
    items = "".join(f"<li>{item}</li>" for item in s["items"])
    teasers = "".join(f"<p><a href='/region/{n}.html'>{t}</a></p>" for n, t in enumerate(s["teasers"]))
    # A numbered list set beside the text, and three other stories under a label: trafilatura drops
    # the first (an <aside>) and keeps the second (paragraphs of the article's own element).
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>{s['title']}</title></head><body>"
            "<nav class='main-menu'><ul><li><a href='/'>Home</a></li><li><a href='/region'>Region</a></li></ul></nav>"
            f"<article><h1>{s['title']}</h1><p>{s['body'][0]}</p><p>{s['body'][1]}</p>"
            f"<aside><ol>{items}</ol></aside>"
            f"<p>{s['body'][2]}</p><section><h3>{s['more']}</h3>{teasers}</section></article>"
            f"<footer><p>{s['footer']}</p></footer></body></html>")


def cleaned(html: str) -> list[str]:
    loaded = load(html.encode())
    return newsclean.clean(loaded.text, from_html=True, page=loaded.page).text.splitlines()


def trafilatura_alone(html: str) -> str:
    return extract(html, include_comments=False, include_tables=True) or ""


@pytest.mark.parametrize("lang", STORIES)
def test_an_in_article_list_trafilatura_drops_comes_back(lang):
    s, html = STORIES[lang], page(lang)
    assert not any(item in trafilatura_alone(html) for item in s["items"])  # what we make up for
    lines = cleaned(html)
    assert all(item in lines for item in s["items"])
    assert lines.index(s["body"][1]) < lines.index(s["items"][0]) < lines.index(s["body"][2])


HARDEST_CASE = ("a box of headlines with no class to tell it from the article is the judge's hardest case: it keeps "
                "the label {} (dropping a label over links that all go, tried, lost as much body as debris on "
                "wcxb-dev)")


@pytest.mark.parametrize("lang", [
    # The label goes here, but since the retrain for reader comments (#39) the first headline under it stays.
    pytest.param("en", marks=pytest.mark.xfail(strict=True, reason="the judge keeps the first headline under "
                                               "'More from the region' (p(body) .58)")),
    pytest.param("de", marks=pytest.mark.xfail(strict=True, reason=HARDEST_CASE.format("(p(body) .54)"))),
    pytest.param("fr", marks=pytest.mark.xfail(strict=True, reason=HARDEST_CASE.format(
        "and the first headline (p(body) .87 and .53)"))),
])
def test_a_related_stories_block_trafilatura_keeps_goes(lang):
    s, html = STORIES[lang], page(lang)
    assert s["more"] in trafilatura_alone(html) and s["teasers"][0] in trafilatura_alone(html)  # what we make up for
    lines = cleaned(html)
    assert not any(teaser in lines for teaser in s["teasers"]) and s["more"] not in lines


@pytest.mark.parametrize("lang", STORIES)
def test_the_article_stays_whole_and_the_page_s_debris_goes(lang):
    s = STORIES[lang]
    lines = cleaned(page(lang))
    assert s["title"] in lines and all(paragraph in lines for paragraph in s["body"])
    assert not {"Home", "Region", s["footer"]} & set(lines)
