"""The article kept whole: its own lists, schedules, tables and repeated section labels stay,
while teaser runs, menus and repeated debris around it still go (the whole default pipeline)."""

import pytest

import newsclean
from newsclean.core.article import shape
from newsclean.core.document import Document


def kept(text: str) -> set[str]:
    return {line.strip() for line in newsclean.clean(text).kept_lines}


def dropped(text: str) -> dict[str, tuple[str, str]]:
    return {v.text.strip(): (v.drop.filter, v.drop.reason) for v in newsclean.clean(text).verdicts if v.drop}


TOUR_EN = """\
Riverside Lights announce their first tour in six years
The band will play twelve cities across the south this summer, starting with a show in Tampa in early June.
The singer said the new songs were written during a long winter at home, and that the band missed the road.
Tickets go on sale on Friday morning, and the band says most of the venues are outdoor amphitheatres.
The dates are:
June 10 – Tampa, FL @ Riverside Amphitheatre
June 12 – Atlanta, GA @ Lakewood Pavilion
June 14 – Charlotte, NC @ Skyline Arena
June 17 – Nashville, TN @ Ascend Park
June 19 – Memphis, TN @ Liberty Hall
The band's last album reached the top ten in both the United States and the United Kingdom last year.
Ten Best Hiking Trails Within an Hour of the City
Local Bakery Wins National Sourdough Award
Mayor Opens New Library Branch Downtown
"""


def test_a_tour_date_list_stays_and_the_teasers_after_it_go():
    out = kept(TOUR_EN)
    assert {line for line in TOUR_EN.splitlines() if " @ " in line} <= out
    gone = dropped(TOUR_EN)
    assert gone["Local Bakery Wins National Sourdough Award"] == ("teasers", "unrelated_headline")
    assert "Ten Best Hiking Trails Within an Hour of the City" in gone


SECTIONS_DE = """\
Die besten Akku-Bohrschrauber im Vergleich
Wir haben acht Geräte mehrere Wochen lang in der Werkstatt und auf der Baustelle ausprobiert und verglichen.
Der erste Bohrschrauber ist leicht, liegt gut in der Hand und hat einen Akku, der für einen ganzen Tag reicht.
Vorteile:
- leicht und handlich
- lange Akkulaufzeit
Nachteile:
- kein Koffer dabei
Der zweite Bohrschrauber ist deutlich kräftiger, aber auch schwerer und für kleine Hände nicht so bequem.
Vorteile:
- sehr viel Kraft
- zwei Akkus im Set
Nachteile:
- schwer und laut
Am Ende hat uns das dritte Gerät am meisten überzeugt, weil es kräftig und trotzdem leicht zu führen ist.
Teilen
Teilen
"""


def test_repeated_section_labels_stay_but_a_repeated_share_button_goes():
    out = newsclean.clean(SECTIONS_DE)
    labels = [line for line in out.kept_lines if line in ("Vorteile:", "Nachteile:")]
    assert len(labels) == 4
    assert "Teilen" not in out.kept_lines


RECIPE_FR = """\
Tarte aux pommes de grand-mère
Cette tarte est celle que ma grand-mère préparait chaque dimanche, avec les pommes du jardin et une pâte maison.
Elle se prépare en une heure, et le secret est de bien laisser reposer la pâte au frais avant de l'étaler.
Les étapes :
1. Étaler la pâte dans le moule.
2. Éplucher et couper les pommes en fines lamelles.
3. Disposer les pommes en rosace sur la pâte.
4. Enfourner 35 minutes à 180 degrés.
Servez la tarte tiède, avec une boule de glace à la vanille ou un peu de crème fraîche si vous le souhaitez.
"""


def test_recipe_steps_stay():
    out = kept(RECIPE_FR)
    assert {line for line in RECIPE_FR.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")} <= out


TABLE_ES = """\
La inflación mensual se moderó en la primavera
El índice de precios al consumo subió menos de lo previsto en abril, según los datos publicados este martes.
La tabla muestra la variación mensual de los precios durante los primeros meses del año en todo el país.
| 1/1/2024 | +0,8% |
| 1/2/2024 | +0,6% |
| 1/3/2024 | +0,4% |
| 1/4/2024 | +0,3% |
Los analistas esperan que la tendencia continúe durante el verano, aunque la energía sigue siendo un riesgo.
"""


def test_a_table_of_dates_stays():
    out = kept(TABLE_ES)
    assert {line for line in TABLE_ES.splitlines() if line.startswith("|")} <= out


RANKED_PL = """\
Najlepsze smartfony do 2000 złotych
Sprawdziliśmy dziesięć telefonów w tej cenie i wybraliśmy te, które oferują najwięcej za swoje pieniądze.
Przy ocenie liczyły się przede wszystkim bateria, aparat i to, jak długo producent wydaje aktualizacje.
1. Model A – 1899 zł
2. Model B – 1749 zł
3. Model C – 1599 zł
Wszystkie trzy telefony mają dobre ekrany, ale tylko pierwszy z nich dostanie aktualizacje przez pięć lat.
"""


def test_a_ranked_list_with_prices_stays():
    out = kept(RANKED_PL)
    assert {"1. Model A – 1899 zł", "2. Model B – 1749 zł", "3. Model C – 1599 zł"} <= out


MENU_EN = """\
Home News Sport Business Culture Travel Weather Opinion Video Podcasts Newsletters
Council approves depot housing plan
Four hundred homes, a covered market and a park on the old rail site
By Jane Smith, city reporter
The city council voted on Tuesday to convert the disused rail depot into four hundred homes for families.
Under the plan, the developer will keep the old engine shed and turn it into a covered market for traders.
Construction is expected to start next spring and take about three years, the council said on Tuesday.
"""


def test_a_menu_above_the_article_still_goes():
    assert dropped(MENU_EN)["Home News Sport Business Culture Travel Weather Opinion Video Podcasts Newsletters"][0] \
        == "menus"


def test_a_repeated_title_above_the_article_still_goes():
    text = MENU_EN.split("\n", 1)[1] + "Council approves depot housing plan\n"
    assert dropped(text)["Council approves depot housing plan"] == ("duplicates", "repeated_line")


APPS_EN = """\
How to build a mobile app for your small business
Before you start, decide whether your customers need a native app or whether a good mobile website is enough.
A native app is made for one operating system, and you install it from the app store on iOS or Android phones.
A web app runs in the browser, so one version works on every phone and you do not need an app store listing.
Most small businesses start with a web app and build a native app once they know which features customers use.
Sign up for our free newsletter and get the best small business tips in your inbox every week.
"""


def test_prose_about_the_articles_subject_stays_but_its_promo_goes():
    out = kept(APPS_EN)
    assert "A native app is made for one operating system, and you install it from the app store on iOS or " \
        "Android phones." in out
    assert dropped(APPS_EN)["Sign up for our free newsletter and get the best small business tips in your inbox " \
                            "every week."][0] == "promo"


@pytest.mark.parametrize(("line", "expected"), [
    ("June 10 – Tampa, FL @ Riverside Amphitheatre", "a 0 – a, a @ a"),
    ("- leicht und handlich", "item -"),
    ("3. Disposer les pommes en rosace sur la pâte.", "item 0"),
    ("| 1/1/2024 | +0,8% |", "row"),
    ("Local Bakery Wins National Sourdough Award", ""),  # words alone: a headline or a menu has no shape
])
def test_shape(line, expected):
    assert shape(line) == expected


WEATHER = ["Berlin: 21 °C", "Hamburg: 18 °C", "München: 24 °C"]


def test_a_parallel_run_after_the_article_unrelated_to_it_is_not_its_list():
    """Right after the article, but no line announces it and its words are not the article's: a widget."""
    doc = Document(MENU_EN.splitlines()[4:] + WEATHER)
    assert doc.article.body and not doc.article.lists


def test_the_same_run_inside_the_article_is_its_list():
    body = MENU_EN.splitlines()[4:]
    doc = Document(body[:2] + WEATHER + body[2:])
    assert doc.article.lists == {2, 3, 4}


TABLE_FLAT_FR = """\
Les prix des logements continuent de monter dans la métropole
Selon les notaires, le prix moyen au mètre carré a encore augmenté au cours des douze derniers mois.
Voici la hausse sur un an, mois par mois, telle que la publient les notaires de la région chaque trimestre.
1/1/2024
+6.1%
2/1/2024
+5.4%
3/1/2024
+4.9%
4/1/2024
+4.2%
Les notaires s'attendent à ce que la hausse ralentisse encore, sans que les prix baissent pour autant.
"""


def test_a_table_flattened_to_a_cell_a_line_stays():
    """A two-column table that a scraper gave a cell a line: date, change, date, change …"""
    out = kept(TABLE_FLAT_FR)
    assert {"1/1/2024", "+6.1%", "4/1/2024", "+4.2%"} <= out
    doc = Document(TABLE_FLAT_FR.splitlines())
    assert doc.article.lists == set(range(3, 11))


@pytest.mark.parametrize("text", [TOUR_EN, SECTIONS_DE, RECIPE_FR, TABLE_ES, RANKED_PL, MENU_EN, APPS_EN,
                                  TABLE_FLAT_FR])
def test_the_article_found_again_from_the_one_before_is_the_one_found_afresh(text):
    """As filters propose lines, the article is found again from the last one (its body, vocabulary
    and lines' shapes): the same article as found from nothing, whichever lines went."""
    from newsclean.core.article import find_article

    doc = Document(text.splitlines())
    lines, stopwords, content = doc.lines, doc.stopwords, doc.content
    for step in (1, 2, 3):
        before = find_article(lines, content, stopwords)
        fewer = [i for k, i in enumerate(content) if k % 4 != step]  # body lines, list lines and others go
        again, afresh = find_article(lines, fewer, stopwords, (content, before)), find_article(lines, fewer, stopwords)
        assert again._replace(shapes={}) == afresh._replace(shapes={})
        assert again.shapes is before.shapes  # looked up, not measured again
        assert {i: again.shapes[i] for i in fewer} == afresh.shapes
        back = sorted({*fewer, content[step]})  # a line back: found afresh
        assert find_article(lines, back, stopwords, (fewer, again)) == find_article(lines, back, stopwords)


def _runs_line_by_line(content, shape_of):
    """``_parallel_runs`` as it was first written, place by place: what the stretches found by a
    regular expression must equal."""
    from newsclean.core.article import MAX_TABLE_COLUMNS, MIN_LIST_LINES

    shapes = [shape_of[i] for i in content]
    runs = []
    for period in range(1, MAX_TABLE_COLUMNS + 1):
        repeats = [k for k in range(period, len(content)) if shapes[k] and shapes[k] == shapes[k - period]]
        start = 0
        for n, k in enumerate(repeats):
            if n == 0 or repeats[n - 1] != k - 1:
                start = k - period
            ends = n + 1 == len(repeats) or repeats[n + 1] != k + 1
            if ends and k + 1 - start >= MIN_LIST_LINES * period:
                runs.append(content[start:k + 1])
    return runs


@pytest.mark.parametrize("seed", range(40))
def test_parallel_runs_are_the_runs_found_line_by_line(seed):
    import random

    from newsclean.core.article import _parallel_runs

    rng = random.Random(seed)
    content = sorted(rng.sample(range(200), rng.randrange(0, 60)))
    shapes: list[str] = []
    for _ in content:  # often a shape one or two places back: lists of one and two columns
        back = rng.choice([1, 2, 3])
        shapes.append(shapes[-back] if len(shapes) >= back and back < 3 else rng.choice(["", "a.", "a, a.", "0 – a"]))
    shape_of = dict(zip(content, shapes, strict=True))
    assert _parallel_runs(content, shape_of) == _runs_line_by_line(content, shape_of)
