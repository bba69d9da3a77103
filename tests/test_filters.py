"""Each built-in filter: what it drops (with which reason) and what it keeps, in several languages."""

import pytest

import newsclean

BODY_EN = (
    "The city council voted on Tuesday to convert the disused rail depot into four hundred homes for families.\n"
    "Under the plan, the developer will keep the old engine shed and turn it into a covered market for traders.\n"
)
BODY_DE = (
    "Der Stadtrat hat am Montagabend den Bau eines neuen Hallenbads am Stadtpark beschlossen, die Kosten sind hoch.\n"
    "Das alte Bad an der Schillerstraße war im vergangenen Jahr wegen Schäden am Dach geschlossen worden.\n"
)
BODY_FR = (
    "Pour son anniversaire, le festival accueillera plus de soixante concerts pendant dix jours dans la ville.\n"
    "Les organisateurs ont voulu mêler des têtes d'affiche internationales et des jeunes formations locales.\n"
)
BODY_ES = (
    "El número de personas desempleadas se redujo en dos mil durante el mes de marzo, según los datos oficiales.\n"
    "El descenso se concentró en el sector servicios y en la hostelería, que empieza a contratar para el verano.\n"
)


def verdict(filter_name: str, body: str, line: str):
    """Run one filter on a body plus one extra line; return the extra line's Drop or None (a date
    line after the body, reported as the date, is no filter's drop)."""
    text = body + line + "\n"
    result = newsclean.clean(text, only=[filter_name])
    extra = result.verdicts[text.count("\n") - 1]
    return None if extra.role else extra.drop


def assert_dropped(filter_name: str, body: str, line: str, reason: str) -> None:
    drop = verdict(filter_name, body, line)
    assert drop is not None, f"{filter_name} kept {line!r}"
    assert (drop.filter, drop.reason) == (filter_name, reason)


def assert_kept(filter_name: str, body: str, line: str) -> None:
    drop = verdict(filter_name, body, line)
    assert drop is None, f"{filter_name} dropped {line!r} ({drop.reason if drop else ''})"


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "Advertisement"), (BODY_DE, "Anzeige"), (BODY_ES, "PUBLICIDAD"),
    (BODY_FR, "- Publicité -"), (BODY_EN, "Story continues below advertisement"),
])
def test_ads_drops_labels(body, line):
    assert_dropped("ads", body, line, "ad_label")


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "The advertisement ran in three newspapers and cost the campaign a lot of money."),
    (BODY_DE, "Die Anzeige wurde am Montag bei der Polizei erstattet."),
])
def test_ads_keeps_sentences_about_ads(body, line):
    assert_kept("ads", body, line)


@pytest.mark.parametrize(("body", "line", "reason"), [
    (BODY_EN, "Photo: Getty Images", "image_credit"),
    (BODY_DE, "Foto: Stadt Neustadt", "image_credit"),
    (BODY_FR, "Crédits photo : Festival de jazz / P. Martin", "image_credit"),
    (BODY_ES, "(REUTERS/Denis Balibouse)", "image_credit"),
    (BODY_DE, "Alexander Zverev steht im Viertelfinale Bild: AFP/SID/PASCAL GUYOT", "caption_with_credit"),
    (BODY_ES, "Dmitry Muratov, periodista ruso y Premio Nobel de la Paz (REUTERS/Denis Balibouse)",
     "caption_with_credit"),
    (BODY_DE, "Das Bündnis fordert Aufklärung. (Quelle: Fleischmann/Unsplash/DJV)", "caption_with_credit"),
    (BODY_DE, "Die Vertreter sprachen mit der Ministerin. (Bildquelle: Ring der Landjugend)", "caption_with_credit"),
])
def test_credits_drops(body, line, reason):
    assert_dropped("credits", body, line, reason)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "The photo was taken by a resident who saw the fire from her balcony."),
    (BODY_DE, "Die Zahlen sind eindeutig (Quelle: Statistisches Bundesamt)."),
    (BODY_DE, "Auf der Autobahn galt bis Sonntag ein Tempolimit von 80 (km/h)."),
])
def test_credits_keeps_prose(body, line):
    assert_kept("credits", body, line)


@pytest.mark.parametrize(("body", "line", "reason"), [
    (BODY_EN, "© 2026 Northgate Daily News. All rights reserved.", "copyright_notice"),
    (BODY_ES, "Todos los derechos reservados.", "copyright_notice"),
    (BODY_DE, "Impressum | Datenschutz | AGB | Kontakt", "legal_link"),
    (BODY_FR, "Mentions légales", "legal_link"),
])
def test_legal_drops(body, line, reason):
    assert_dropped("legal", body, line, reason)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "The company said it would update its privacy policy after the ruling, which critics welcomed "
              "as a first step but not enough to protect users from tracking across the many apps it runs."),
    (BODY_DE, "Der Kontakt zur Polizei sei gut gewesen, sagte der Bürgermeister."),
])
def test_legal_keeps_prose(body, line):
    assert_kept("legal", body, line)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "We use cookies to give you the best experience on our website."),
    (BODY_DE, "Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung unserer Webseite zu ermöglichen."),
    (BODY_FR, "Ce site utilise des cookies pour améliorer votre expérience."),
])
def test_cookies_drops_notices(body, line):
    assert_dropped("cookies", body, line, "cookie_notice")


def test_cookies_keeps_news_about_cookies():
    assert_kept("cookies", BODY_EN, "Google said Chrome would stop using third-party cookies by next year.")


@pytest.mark.parametrize(("body", "line", "reason"), [
    (BODY_EN, "Facebook Twitter WhatsApp Email", "platform_list"),
    (BODY_FR, "Suivez-nous sur Facebook, Instagram et X", "platform_list"),
    (BODY_DE, "Artikel teilen", "share_prompt"),
    (BODY_ES, "Síguenos", "share_prompt"),
    (BODY_EN, "Like this:", "share_prompt"),
])
def test_social_drops(body, line, reason):
    assert_dropped("social", body, line, reason)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "The video spread quickly on Facebook and WhatsApp before the police asked people to stop "
              "sharing it, saying it could harm the investigation and the family of the victim."),
    (BODY_DE, "Die Beschäftigten teilen sich die Arbeit im Schichtdienst auf, sagte die Leiterin des Werks."),
    (BODY_EN, "The finished plan looks like this:"),  # "Like this:" is a share prompt only as the whole line
])
def test_social_keeps_prose(body, line):
    assert_kept("social", body, line)


def test_social_keeps_an_item_of_the_articles_own_list_that_names_platforms():
    items = "- Social apps (for example Facebook, TikTok)\n- Messaging apps such as WhatsApp and Telegram\n"
    result = newsclean.clean(BODY_EN + items + BODY_EN, only=["social"])
    assert result.drops == []
    assert [d.reason for d in newsclean.clean(BODY_EN + BODY_EN + items, only=["social"]).drops] == [
        "platform_list", "platform_list"]  # the same lines below the article are a share bar's


@pytest.mark.parametrize(("body", "line", "reason"), [
    (BODY_EN, "Sign up for our free daily newsletter and get the top stories in your inbox.", "newsletter_prompt"),
    (BODY_DE, "Jetzt den kostenlosen Newsletter abonnieren und keine Nachricht verpassen!", "newsletter_prompt"),
    (BODY_ES, "Suscríbete a nuestro boletín y recibe cada mañana las noticias.", "newsletter_prompt"),
    (BODY_FR, "Lire la suite", "continue_reading"),
    (BODY_DE, "Erforderliche Felder sind mit * markiert", "comment_form"),
    (BODY_EN, "Get your daily dose of tech news in under 80 characters on Turbo. Follow us on X, Facebook "
              "and WhatsApp for instant updates. Catch all the action on our YouTube channel.", "call_to_action"),
    (BODY_EN, "Submit a letter to the editor or write to letters@example.org.", "comment_form"),
    (BODY_EN, "Would you consider supporting our work? Just click here.", "call_to_action"),
    (BODY_ES, "Zapraszamy do subskrypcji naszego tygodnika w wersji cyfrowej.", "subscription_prompt"),
    (BODY_EN, "Register now for free to read the full story.", "account_prompt"),
    (BODY_DE, "Jetzt registrieren und weiterlesen", "account_prompt"),
    (BODY_EN, "Log in to comment", "account_prompt"),
])
def test_promo_drops(body, line, reason):
    assert_dropped("promo", body, line, reason)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "The publisher said subscriptions rose by a fifth last year, driven by its newsletter business."),
    (BODY_DE, "Der Verlag meldete im vergangenen Jahr deutlich mehr Abonnenten für seine Zeitung."),
    (BODY_ES, "La empresa registró a más de mil nuevos clientes durante el último trimestre del año."),
    # A how-to addresses its reader; registering and subscribers are then its subject, not a prompt.
    (BODY_EN, "You can also appoint a registered agent to receive legal documents for your company."),
    (BODY_EN, "You know you have 847 subscribers, but you have not written to them in a year."),
    (BODY_EN, "Out of the box, you log in as the admin user with the default password."),
])
def test_promo_keeps_reporting_about_subscriptions(body, line):
    assert_kept("promo", body, line)


def test_duplicates_drops_repeat_and_contained_standfirst():
    standfirst = "The council voted on Tuesday to convert the disused depot into homes."
    text = (standfirst + "\n" + standfirst + " The decision ends a four-year dispute over the site.\n"
            "Share\nShare\n")
    drops = {d.index: d.reason for d in newsclean.clean(text, only=["duplicates"]).drops}
    assert drops == {0: "contained_in_longer_line", 3: "repeated_line"}


def test_duplicates_keeps_short_fragments_inside_sentences():
    text = "Conclusion\nIn conclusion, the council will meet again in May to settle the matter.\n"
    assert newsclean.clean(text, only=["duplicates"]).drops == []


@pytest.mark.parametrize(("body", "teasers"), [
    (BODY_EN, ["Ten Best Hiking Trails Within an Hour of the City", "Local Bakery Wins National Sourdough Award"]),
    (BODY_DE, ["Polizei sucht Zeugen nach Unfall auf der Autobahn", "Wochenmarkt zieht vorübergehend um"]),
    (BODY_ES, ["Así será el nuevo horario de los autobuses urbanos", "Gana el premio nacional de pintura"]),
])
def test_teasers_drops_unrelated_headlines_after_body(body, teasers):
    text = body + "\n".join(teasers) + "\n"
    drops = newsclean.clean(text, only=["teasers"]).drops
    assert [(d.index, d.reason) for d in drops] == [(2, "unrelated_headline"), (3, "unrelated_headline")]


@pytest.mark.parametrize(("body", "ingredients"), [
    (BODY_EN, ["2 tablespoons vegetable oil", "1 teaspoon ground black pepper", "250 g minced lamb"]),
    (BODY_DE, ["200 g Weizenmehl Type 405", "1 Pck. Vanillepuddingpulver", "2 EL Zucker für die Form"]),
])
def test_teasers_keeps_a_list_of_quantities(body, ingredients):
    text = body + "\n".join(ingredients) + "\n"
    assert newsclean.clean(text, only=["teasers"]).drops == []


@pytest.mark.parametrize(("body", "subheading"), [
    (BODY_EN, "Engine shed to become a covered market"),
    (BODY_DE, "Schäden am Dach des alten Bades"),
    (BODY_FR, "Soixante concerts et des formations locales"),
])
def test_teasers_keeps_related_subheadings(body, subheading):
    lines = body.splitlines()
    text = "\n".join([lines[0], subheading, lines[1]]) + "\n"
    assert newsclean.clean(text, only=["teasers"]).drops == []


@pytest.mark.parametrize(("body", "label", "teaser"), [
    (BODY_FR, "À lire aussi", "Les musées de la ville seront gratuits le dimanche"),
    (BODY_DE, "Mehr zum Thema", "Neues Hallenbad am Stadtpark wird teurer"),
    (BODY_ES, "Temas relacionados:", "El paro sube en el sector servicios"),
])
def test_teasers_drops_label_and_the_run_it_introduces(body, label, teaser):
    text = body + label + "\n" + teaser + "\n"
    reasons = [d.reason for d in newsclean.clean(text, only=["teasers"]).drops]
    assert reasons == ["teaser_label", "listed_under_teaser_label"]


MENU_AND_ARTICLE = (
    "Home\nPolitik\nWirtschaft\nSport\nKultur\nSuche\n"
    "Neues Hallenbad soll 2027 eröffnen\n"
    + BODY_DE
    + "Der Bürgermeister verteidigte den Beschluss nach der Sitzung und sprach von einer Investition in die Zukunft.\n"
    "Kritik am Kostenrahmen\n"
    "Die Opposition hält die Folgekosten für zu niedrig angesetzt, sagte die Fraktionsvorsitzende am Dienstag.\n"
    "Über uns\nKarriere\nMediadaten\nNewsletter\nArchiv\nRSS\n"
)


def test_the_judge_alone_drops_menus_around_the_body_and_keeps_title_and_subheadings():
    # No filter proposes anything here: the judge decides from each line's own evidence and place.
    result = newsclean.clean(MENU_AND_ARTICLE, only=["judge"])
    kept = result.kept_lines
    assert "Neues Hallenbad soll 2027 eröffnen" in kept
    assert "Kritik am Kostenrahmen" in kept
    assert all(line in kept for line in BODY_DE.splitlines())
    dropped = {v.text for v in result.verdicts if v.drop}
    assert {"Home", "Politik", "Karriere", "Archiv"} <= dropped
    assert {(v.drop.filter, v.drop.reason) for v in result.verdicts if v.drop} == {("judge", "low_body_probability")}


@pytest.mark.parametrize(("standfirst", "rest"), [
    ("Der Stadtrat hat den Bau eines neuen Hallenbads am Stadtpark beschlossen.",
     " Die Kosten werden auf 28 Millionen Euro geschätzt."),
    ("Le festival accueillera plus de soixante concerts pendant dix jours cet été.",
     " Une trentaine seront gratuits sur les places du centre historique."),
    ("El número de personas desempleadas se redujo en dos mil durante marzo.",
     " El descenso se concentró en el sector servicios."),
])
def test_duplicates_drops_a_repeated_standfirst_in_other_languages(standfirst, rest):
    text = f"{standfirst}\n{standfirst}{rest}\n{standfirst}{rest}\n"
    drops = [(d.index, d.reason) for d in newsclean.clean(text, only=["duplicates"]).drops]
    assert drops == [(0, "contained_in_longer_line"), (2, "repeated_line")]


@pytest.mark.parametrize("seed", range(6))
def test_duplicates_placing_only_the_lines_counted_twice_finds_what_placing_every_line_finds(seed, monkeypatch):
    """The duplicates filter counts each candidate line in the haystack of all and places only those
    counted more than once (``placed``): the same drops as placing every candidate."""
    import random

    from newsclean.core.document import Document
    from newsclean.core.occurrences import occurrences
    from newsclean.filters import duplicates

    rng = random.Random(seed)
    words = ["the", "council", "said", "on", "monday", "that", "new", "homes", "would", "be", "built", "near",
             "station", "park", "soon"]
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randrange(6, 14))) for _ in range(30)]
    lines = []
    for _ in range(120):  # sentences, repeated, and joined: lines inside longer lines
        line = " ".join(rng.sample(sentences, rng.choice([1, 1, 2, 3])))
        lines.append(line.upper() if rng.random() < 0.1 else line)

    def drops(place):
        monkeypatch.setattr(duplicates, "placed", place)
        doc = Document(lines)
        return [(d.index, d.reason, d.detail, d.ref) for d in duplicates.Duplicates().propose(doc)]

    fast = drops(duplicates.placed)
    assert any(reason == "contained_in_longer_line" for _, reason, _, _ in fast)
    assert fast == drops(lambda keys, haystack: occurrences(keys, haystack))

def test_a_lines_form_for_repeats_is_its_definition_whatever_its_spaces():
    """``normalize``'s shortcut (a printable line with single inner spaces: its case alone folded)
    gives what its definition gives, for every kind of whitespace anywhere."""
    import random
    import sys

    from newsclean.core.text import fold_line, normalize

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    pieces = [*spaces, "Straße", "ΣΑΣ", "word", "İ", "x", "\u200b", "\x00", "é"]
    rng = random.Random(7)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8))) for _ in range(5000)]
    assert [normalize(line) for line in lines] == [fold_line(line) for line in lines]
    assert sum(line.isprintable() and "  " not in line for line in lines) > 100  # the shortcut is taken

def test_the_judge_alone_in_english_and_french():
    english = ("Home\nNews\nUK\nWorld\nBusiness\nPolitics\nTech\nScience\nHealth\nSport\n" + BODY_EN
               + "The first residents could move in by the end of the decade, the developer said on Monday.\n"
               + "About us\nContact\nCareers\nTerms\nPrivacy\nCookies\nAdvertise\nHelp\nNewsletters\nApps\n")
    french = ("Accueil\nActualités\nPolitique\nMonde\nÉconomie\nCulture\nSport\nSciences\nSanté\nRecherche\n"
              + BODY_FR
              + "La billetterie ouvrira le deux mai et les tarifs restent inchangés par rapport à l'an dernier.\n"
              + "Qui sommes-nous\nContact\nPublicité\nMentions\nPlan du site\nAide\nCarrières\nPresse\n"
              "Abonnement\nArchives\n")
    for text, body in ((english, BODY_EN), (french, BODY_FR)):
        result = newsclean.clean(text, only=["judge"])
        assert all(line in result.kept_lines for line in body.splitlines())
        links = [line for line in text.splitlines() if line not in body and len(line.split()) < 4]
        dropped = [v.text for v in result.verdicts if v.drop]
        assert set(dropped) <= set(links)
        assert len(dropped) >= 0.6 * len(links), sorted(set(links) - set(dropped))


@pytest.mark.parametrize(("body", "line", "reason"), [
    (BODY_DE, "Maria sagt: 10. Juli 2014 um 12:58 Uhr Danke für den Artikel, sehr hilfreich!", "comment_byline"),
    (BODY_EN, "Allie May 31, 2019 at 10:25 PM What a beautiful place to stay! Reply", "comment_byline"),
    (BODY_FR, "Julien dit : 3 mars 2021 à 09:12 Merci pour cet article très complet.", "comment_byline"),
    (BODY_EN, "12 Comments", "comment_header"),
    (BODY_DE, "3 Antworten zu “Neues Hallenbad für Neustadt”", "comment_header"),
    (BODY_EN, "Please understand that comments are moderated before they appear.", "comment_policy"),
    (BODY_DE, "Diese Website verwendet Akismet, um Spam zu reduzieren.", "comment_policy"),
])
def test_comments_drops(body, line, reason):
    assert_dropped("comments", body, line, reason)


@pytest.mark.parametrize(("body", "line"), [
    # A sentence that opens with a date and a time is not a comment's byline.
    (BODY_DE, "Am 21. Juli 2014 um 12:00 Uhr wurde das alte Bad an der Schillerstraße geschlossen."),
    (BODY_EN, "The spokesman says 25 people were evacuated from the building on Tuesday night."),
    (BODY_EN, "Police said May 31, 2019 at 10:25 PM was the last time the boy was seen."),
    (BODY_ES, "Los comentarios del ministro sobre el paro fueron criticados por los sindicatos."),
    # A mail header quoted in an article about a mailing list is a field, not a commenter's name.
    (BODY_EN, "Date: Thu, 7 Feb 2002 11:09:01 -0500 (EST)"),
])
def test_comments_keeps_prose_with_dates(body, line):
    assert_kept("comments", body, line)


def test_comments_drop_the_section_after_a_late_header_but_not_after_an_early_count():
    comments = "Super Artikel, genau so sehe ich das auch, vielen Dank dafür und weiter so!\n"
    late = BODY_DE + "2 Kommentare\n" + comments
    reasons = [(d.index, d.reason) for d in newsclean.clean(late, only=["comments"]).drops]
    assert reasons == [(2, "comment_header"), (3, "comment_section")]
    early = "2 Kommentare\n" + BODY_DE + comments
    reasons = [(d.index, d.reason) for d in newsclean.clean(early, only=["comments"]).drops]
    assert reasons == [(0, "comment_header")]


@pytest.mark.parametrize(("body", "line"), [
    (BODY_DE, "Menü Cloud Cloud-Management Rechenzentrum Server Virtualisierung Storage Big Data Datenbank"),
    (BODY_EN, "Products Desktop Server Cloud Pricing Partners Customers Resources Documentation Support Careers"),
    (BODY_FR, "Accueil Actualités Politique Économie Culture Sciences Santé Régions Vidéos Podcasts Archives"),
    # A long menu with a few stray marks in its labels.
    (BODY_DE, "Home Trails! Shop Downloads Bike-Guides Trentino Finale Ligure Vinschgau Gardasee Dolomiten Alpen "
              "Kontakt: Redaktion Anzeigen Abo Newsletter Magazin Archiv Ausgaben Leserreisen Events Termine Videos "
              "Podcasts Bilder Galerien Tests Technik Fahrtechnik Training Ernährung Reisen Touren Spotfinder "
              "Hotelfinder Reiseziele Deutschland Österreich Schweiz Italien Frankreich"),
])
def test_menus_drops_flattened_navigation(body, line):
    assert_dropped("menus", body, line, "flattened_menu")


def test_menus_keeps_a_title_case_headline_above_the_body():
    headline = "Riverside Rail Depot Conversion Approved Despite Fierce Opposition From Local Traders"
    result = newsclean.clean(headline + "\n" + BODY_EN, only=["menus"])
    assert result.drops == []
    assert_dropped("menus", BODY_EN, headline, "flattened_menu")  # the same line far from the body


LATIN_1 = "".join(map(chr, range(256)))


@pytest.mark.parametrize("line", [
    "ProjekteJahr der SchöpfungUmwelt- und KlimaschutzDigitale KircheEhrenamt", "aBaBaBa aBaB", "aBcDeFg",
    "iPhone McDonald YouTube", "ÄÖÜ äÖü ßÄö øÞÿ", "Lorem ipsum. Dolor Sit", "", "a×b÷cßÀÿ", "aŁa aΣa a\u0100a",
    "zB😀c", "nÉe GmbHİst", "xAy" * 50, *(f"a{c}a a{c}{c}a {c}Aa" for c in LATIN_1),
])
def test_menus_glued_words_are_the_expressions_matches(line):
    """Menus counts a line's glued words in its Latin-1 bytes: as many as GLUED_WORD finds, and as
    many as it needs where it needs a few (``needed``: 0 where the line holds fewer capitals)."""
    from newsclean.filters.menus import GLUED_WORD, glued_words

    found = len(GLUED_WORD.findall(line))
    assert glued_words(line) == found
    for needed in (1, 2, 3, 4.5, 30):
        assert (glued_words(line, needed) >= needed) == (found >= needed)


@pytest.mark.parametrize("line", [
    "Magazin Magazin Unternehmen Führung", "News News", "News Newsroom", "Newsroom News", "Abc Abcd", "Ab Ab Ab",
    "ÄÖÜ ÄÖÜ", "Über Über uns", "The The", "the the", "Tests  Tests", "Foo_bar Foo_bar", "Foo-bar Foo-bar",
    "Foo Foo-bar", "Foo Foobar", "Ab1 Ab1", "ABC ABC", "Fußball Fußball", " News News", "", "News",
])
def test_menus_repeated_heading_is_the_expressions_match(line):
    from newsclean.filters.menus import REPEATED_HEADING, is_repeated_heading

    assert is_repeated_heading(line) == bool(REPEATED_HEADING.match(line))


@pytest.mark.parametrize("line", [
    "« Previous 1 2 3 Next »", "Seite 1 von 2", "Vorheriges Weiter", "1 2 3 4", "Seite ٣ von ٥", "page ² of ³",
    "Weiter", "Older posts", "Die neue Regierung", "→ 2 3", "",
])
def test_menus_pagination_is_the_same_whatever_the_scan_lets_through(line):
    """``is_pagination`` passes a line its scan rules out at once: the answer is the one it gives
    reading every token (no scan, every rule possible)."""
    from newsclean.filters.menus import is_pagination
    from newsclean.rules.matcher import matcher

    assert is_pagination(line, matcher().scan(line)) == is_pagination(line)


@pytest.mark.parametrize("line", [
    "Mehr zum Thema Bioenergie Biogas Ökostrom", "Themen Politik Sport Kultur", "Lea Müller erzählt vom Sommer",
    "Weiterlesen: Die Wahl in Berlin", "Info Kontakt Impressum", "Lesen Sie auch Die Wahl", "Video",
    "ſiehe auch Foo Bar",
])
def test_teasers_leading_label_is_the_same_whatever_the_scan_lets_through(line, monkeypatch):
    """``leading_label`` passes a line whose first words' scan rules a label out: the answer is the one
    it gives trying every prefix (every rule possible)."""
    from newsclean.filters import teasers
    from newsclean.rules.matcher import matcher

    found = teasers.leading_label(line, matcher().scan(line))

    class Everything:
        def scan(self, text: str) -> int:
            return -1  # every rule's bit

    monkeypatch.setattr(teasers, "matcher", Everything)
    assert teasers.leading_label(line) == found


@pytest.mark.parametrize(("body", "line"), [
    (BODY_DE, "Mindestlagerzeit Rotwein 24 Monate 36 Monate 60 Monate Gran Reserva"),  # a table row
    (BODY_EN, "Update | Deceased Clarendon crash victims identified | News | Jamaica Gleaner"),  # a page title
    (BODY_EN, "The council approved the plan on Tuesday and the work starts next spring"),  # prose, no full stop
    # A long list of names in the article: a comma after every name, not a stray mark.
    (BODY_DE, "Ausgezeichnet wurden Anna Müller, Bernd Schulz, Clara Weber, Dieter Fischer, Eva Wagner, Frank Becker, "
              "Gabi Hoffmann, Hans Schäfer, Ina Koch, Jan Richter, Karin Klein, Lars Wolf, Maria Schröder, Nina "
              "Neumann, Otto Schwarz, Paula Zimmermann, Rolf Braun, Sara Krüger und Tim Hofmann"),
])
def test_menus_keeps_tables_titles_and_prose(body, line):
    assert_kept("menus", body, line)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "You are using an outdated browser. Please update your browser to view this site."),
    (BODY_DE, "Bitte aktivieren Sie JavaScript, Ihr Browser unterstützt diese Seite sonst nicht."),
])
def test_cookies_drops_browser_notices(body, line):
    assert_dropped("cookies", body, line, "browser_notice")


def test_legal_drops_a_commission_disclosure_but_not_news_about_commissions():
    line = "Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler."
    assert_dropped("legal", BODY_DE, line, "affiliate_disclosure")
    assert_kept("legal", BODY_DE, "Der Makler erhält eine Provision von drei Prozent des Kaufpreises.")


@pytest.mark.parametrize(("body", "label"), [
    (BODY_DE, "Das könnte dich auch interessieren …"), (BODY_DE, "Am meisten gelesen"),
    (BODY_EN, "Editor's picks"),
])
def test_teasers_drops_labels_in_the_reader_s_own_words(body, label):
    assert_dropped("teasers", body, label, "teaser_label")


def test_comments_section_opens_at_a_header_another_filter_dropped_and_outlasts_long_comments():
    comment = "Toller Beitrag, genau so sehe ich das auch, vielen Dank dafür und weiter so!\n"
    text = BODY_DE * 7 + "3 Kommentare\n" + comment * 20  # more comment words than article words
    result = newsclean.clean(text, only=["social", "comments"])
    assert [(d.filter, d.reason) for d in result.drops] == [("social", "share_prompt")] + [
        ("comments", "comment_section")] * 20
    assert result.text == BODY_DE * 7


@pytest.mark.parametrize(("filter_name", "body", "line", "reason"), [
    ("cookies", BODY_EN, "Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php "
                         "on line 407", "server_warning"),
    ("promo", BODY_EN, "Send us a message on WhatsApp at 1-876-499-0169.", "follow_prompt"),
    ("credits", BODY_DE, "Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.", "image_credit"),
    ("dates", BODY_DE, "23.10.2018", "bare_date"),
    ("dates", BODY_DE, "15. Mai 2019, 05:28 Uhr", "bare_date"),
    ("dates", BODY_EN, "January 13, 2020", "bare_date"),
    ("dates", BODY_EN, "2:15 p.m. 28 December 2007", "bare_date"),
    ("dates", BODY_EN, "3 March 2024, 10:15 GMT", "bare_date"),
    ("dates", BODY_EN, "14 hours ago", "relative_stamp"),
    ("dates", BODY_DE, "vor 2 Stunden", "relative_stamp"),
    ("dates", BODY_FR, "Il y a 3 heures", "relative_stamp"),
    ("dates", BODY_ES, "Hace 2 horas", "relative_stamp"),
    ("dates", BODY_DE, "vor 3 Std.", "relative_stamp"),
    ("dates", BODY_DE, "Mrz 12", "bare_date"),
    ("teasers", BODY_EN, "Recent Comments", "teaser_label"),
    ("teasers", BODY_DE, "Letzte Kommentare", "teaser_label"),
    ("promo", BODY_FR, "Publier un commentaire", "comment_form"),
    ("promo", BODY_DE, "Hinterlasse jetzt einen Kommentar", "comment_form"),
    ("teasers", BODY_EN, "You may also be interested in", "teaser_label"),
    ("teasers", BODY_DE, "Nächster Artikel", "teaser_label"),
    ("teasers", BODY_FR, "Article précédent", "teaser_label"),
    ("teasers", BODY_ES, "Las más vistas", "teaser_label"),
    ("promo", BODY_ES, "Leer noticia completa", "continue_reading"),
    ("promo", BODY_EN, "Share your thoughts", "comment_form"),
    ("credits", BODY_EN, "Photo credits", "image_credit"),
    ("credits", BODY_DE, "Foto:", "image_credit"),
    ("cookies", BODY_DE, "Diese Website speichert Cookies auf Ihrem Computer.", "cookie_notice"),
    ("legal", BODY_FR, "Conditions générales de vente", "legal_link"),
    ("comments", BODY_FR, "Charte des commentaires", "comment_policy"),
])
def test_labels_of_common_debris_in_several_languages(filter_name, body, line, reason):
    assert_dropped(filter_name, body, line, reason)


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "Will Knight is a senior writer for WIRED, covering artificial intelligence."),
    (BODY_EN, "Leah C. Stokes is an assistant professor of political science at UC Santa Barbara."),
    (BODY_DE, "Inga Buller ist Redakteurin bei CHIP und testet gerne neue Haushaltsgeräte."),
    (BODY_FR, "Marie Dupont est journaliste au service politique."),
])
def test_bios_drops_author_boxes(body, line):
    assert_dropped("bios", body, line, "author_box")


@pytest.mark.parametrize(("body", "line"), [
    (BODY_EN, "This is a writer's town, the mayor said, and the new library will prove it again."),
    (BODY_DE, "Das Projekt ist eine Kooperation der Stadt mit der Caritas und dem Verein Anti-Rost."),
    # An expert introduced in the body, then quoted at length, is part of the article.
    (BODY_EN, "Jane Smith is a professor of urban planning at the state university, and she has studied "
              "rail depots for twenty years. \"Nobody expected the council to move this fast,\" she said on "
              "Tuesday, adding that the market would bring traders back to a district that has lost most of its "
              "shops over the past decade and that the homes were badly needed."),
])
def test_bios_keeps_prose(body, line):
    assert_kept("bios", body, line)


def test_bios_keeps_the_introduction_of_someone_the_article_names_again():
    text = ("Rahul Tyagi is the founder of a quantum security start-up in London.\n"
            "The start-up grew from three to forty people in two years, and Tyagi says the hardest part was "
            "hiring engineers who understood both cryptography and chip design.\n" + BODY_EN)
    assert newsclean.clean(text, only=["bios"]).drops == []
    author = "Will Knight is a senior writer for WIRED, covering artificial intelligence.\n"
    assert [d.reason for d in newsclean.clean(text + author, only=["bios"]).drops] == ["author_box"]


def test_a_back_to_list_link_does_not_make_the_next_headline_a_teaser():
    text = "Zurück zur Übersicht\nStädteschutz statt Alpentrutz für die Schweiz\n" + BODY_DE
    assert newsclean.clean(text, only=["teasers"]).drops == []


def test_a_colon_ended_read_more_link_opens_a_teaser_list_even_when_promo_dropped_it():
    # Headlines on the same subject: only the label shows they are a list of other stories.
    headlines = "Neues Hallenbad am Stadtpark wird teurer\nDas alte Bad an der Schillerstraße bleibt zu\n"
    text = BODY_DE + "Weiterlesen:\n" + headlines
    result = newsclean.clean(text, only=["promo", "teasers"])
    assert [(d.filter, d.reason) for d in result.drops] == [
        ("promo", "continue_reading"), ("teasers", "listed_under_teaser_label"),
        ("teasers", "listed_under_teaser_label")]
    # Without the colon it is only a link to the rest of the story: what follows is not a list.
    result = newsclean.clean(text.replace("Weiterlesen:", "Weiterlesen"), only=["promo", "teasers"])
    assert [(d.filter, d.reason) for d in result.drops] == [("promo", "continue_reading")]


def test_a_sentence_about_them_is_not_a_call_to_action():
    # "sie" (they) is not the reader's "Sie"; "nicht mehr lesen" is not "mehr lesen".
    line = ("Medienberichten zufolge hat Apple seine Pläne aufgegeben, Backup-Daten so zu verschlüsseln, dass "
            "selbst Apple sie nicht mehr lesen könnte.")
    assert_kept("promo", BODY_DE, line)
    assert_dropped("promo", BODY_DE, "Hier können Sie mehr lesen über unsere Arbeit.", "continue_reading")


def test_a_warning_printed_inside_a_paragraph_does_not_make_it_debris():
    line = ("Die Software ist schnell installiert. Strict Standards: Non-static method render() should not be called "
            "statically in /www/htdocs/lib/core.php on line 341 Danach lief der Rechner ohne Probleme weiter.")
    assert_kept("cookies", BODY_DE, line)


def test_lines_of_a_sentence_broken_across_lines_are_not_headlines():
    wrapped = ("Die Bootsführerausbildung in der Feuerwehr ist sehr praxisorientiert und\n"
               "verlangt von den Teilnehmern viel Übung beim Anlegen mit dem\n")
    assert newsclean.clean(BODY_DE + wrapped, only=["teasers"]).drops == []
    headlines = ("Die Bootsführerausbildung in der Feuerwehr ist sehr praxisorientiert\n"
                 "Viel Übung beim Anlegen mit dem Rettungsboot\n")
    drops = newsclean.clean(BODY_DE + headlines, only=["teasers"]).drops
    assert [d.reason for d in drops] == ["unrelated_headline"] * 2


@pytest.mark.parametrize(("body", "line"), [
    (BODY_DE, "Am 23.10.2018 hat der Stadtrat den Bau beschlossen."),
    (BODY_EN, "January 13, 2020: the day the council voted"),
    (BODY_EN, "Three days ago the council voted again."),
    (BODY_DE, "Vor 2 Stunden stimmte der Rat erneut ab."),
    (BODY_FR, "Il y a 3 heures, le conseil a voté à nouveau."),
    # A shortened month that is also a word, then a number: "Gen 5" is a generation, "Set 2" a set.
    (BODY_EN, "Tensor Cores Gen 5"),
    (BODY_EN, "Set 2"),
])
def test_dates_keeps_lines_that_say_more_than_a_date(body, line):
    assert_kept("dates", body, line)


@pytest.mark.parametrize(("filter_name", "body", "line", "reason"), [
    ("credits", BODY_EN, "Striking members of the union at the college. Photograph: Guy Smallman/Getty Images",
     "caption_with_credit"),
    ("credits", BODY_ES, "Un grupo de pingüinos, en la Antártida el 11 de febrero pasado. EFE", "caption_with_credit"),
    ("credits", BODY_EN, "Microsoft plans to cut its emissions by half by 2030. Mike Blake/Reuters files",
     "caption_with_credit"),
    ("credits", BODY_ES, "Puerto de Montevideo. Foto: Archivo El País.", "caption_with_credit"),
    ("legal", BODY_DE, "Dieses Blog steht unter einer Creative Commons Namensnennung 3.0 Österreich Lizenz.",
     "copyright_notice"),
    ("legal", BODY_EN, "This work is licensed under a Creative Commons Attribution 2.0 Generic License",
     "copyright_notice"),
    ("comments", BODY_EN, "11 responses to “The Loneliest Woman in the World: An Appreciation of Heart’s Alone”",
     "comment_header"),
    ("dates", BODY_DE, "Donnerstag, 31. Mai 2012", "bare_date"),
    ("dates", BODY_DE, "Dezember 2008", "bare_date"),
    ("dates", BODY_EN, "January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments",
     "dated_metadata"),
    ("dates", BODY_DE, "8. November 2021 | Aktuelles", "dated_metadata"),
    ("dates", BODY_DE, "Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.", "update_stamp"),
    ("menus", BODY_DE, "ProjekteJahr der SchöpfungUmwelt- und KlimaschutzDigitale KircheEhrenamt", "glued_menu"),
    ("promo", BODY_DE, "Artikel bewerten", "feedback_prompt"),
    ("promo", BODY_EN, "Was this article helpful?", "feedback_prompt"),
    ("promo", BODY_ES, "Suscríbase para acceso digital ilimitado – solo $2 por 2 meses.", "subscription_prompt"),
    ("teasers", BODY_DE, "Das könnte Sie auch interessieren!", "teaser_label"),
    ("teasers", BODY_EN, "Latest articles", "teaser_label"),
    ("teasers", BODY_DE, "Weitere Meldungen aus der Rubrik Schwangerschaft:", "teaser_label"),
    ("teasers", BODY_DE, "Am meisten gelesen...*", "teaser_label"),
    ("teasers", BODY_FR, "Articles correspondants", "teaser_label"),
    ("teasers", BODY_DE, "Themen in diesem Artikel", "teaser_label"),
    ("teasers", BODY_DE, "getaggt mit: Grundeinkommen Berlin Demonstration", "taxonomy_links"),
    ("credits", BODY_EN, "Photo by ev on Unsplash", "image_credit"),
    ("credits", BODY_ES, "(crédito: Minervino Júnior/CB/D.A.Press)", "image_credit"),
    ("promo", BODY_DE, "eMail (erforderlich) (wird nicht veröffentlicht)", "comment_form"),
    ("promo", BODY_EN, "Notify me when new comments are added.", "comment_form"),
    ("promo", BODY_DE, "Ja, ich möchte den wöchentlichen Newsletter bekommen.", "newsletter_prompt"),
    ("promo", BODY_FR, "En savoir plus", "continue_reading"),
    ("social", BODY_DE, "Empfiehl dies deinen Freunden.", "share_prompt"),
    ("menus", BODY_DE, "Vorheriges Weiter", "pagination"),
    ("menus", BODY_EN, "« Previous 1 2 3 Next »", "pagination"),
    ("menus", BODY_DE, "Seite 1 von 2", "pagination"),
    ("menus", BODY_DE, "Es werden die Weine 1 bis 10 von insgesamt 19 angezeigt!", "pagination"),
    ("teasers", BODY_DE, "| \xa0\xa0Kommentierte\xa0Artikel | ", "teaser_label"),
    ("promo", BODY_DE, "Verraten Sie gerne in den Kommentaren: Was bedeutet der Preis für Sie?", "comment_form"),
    ("menus", BODY_DE, "zurück zur Startseite", "navigation_link"),
    ("menus", BODY_DE, "Internationales und Europa Navigation öffnen/schließen", "navigation_link"),
    ("menus", BODY_DE, "...mehr über mich ♥", "navigation_link"),
    ("teasers", BODY_EN, "find more by Matthew Davis", "teaser_label"),
    ("teasers", BODY_ES, "Artículos relacionados el Nuevo Herald", "teaser_label"),
    ("promo", BODY_EN, "Join the discussion", "comment_form"),
    ("comments", BODY_DE, "Pingback von Too much information - Papierkorb | 11.09.2011 23:31", "pingback"),
    ("menus", BODY_DE, "Dieses Blog durchsuchen", "navigation_link"),
    ("ads", BODY_DE, "Reklama", "ad_label"),
    ("teasers", BODY_EN, "热门推荐", "teaser_label"),
    ("promo", BODY_DE, "Danke für eure Kommentare^^", "comment_form"),
    ("social", BODY_DE, "Folge mir Entfolgen Folge Oliver Baroni auf Facebook", "share_prompt"),
    ("promo", BODY_DE, "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen.", "newsletter_prompt"),
    ("promo", BODY_FR, "Vous avez lu 1 des 4 articles gratuits ce mois-ci.", "subscription_prompt"),
    ("promo", BODY_DE, "Wir sind spendenfinanziert. Unterstütze auch du uns mit einem Dauerauftrag!",
     "subscription_prompt"),
    ("legal", BODY_EN, "We recommend the best products through an independent review process, and advertisers do "
                       "not influence our picks. We may receive compensation if you visit partners we recommend.",
     "affiliate_disclosure"),
    ("legal", BODY_DE, "Ob und in welcher Höhe uns ein Anbieter vergütet, hat keinerlei Einfluss auf unsere "
                       "Empfehlungen.", "affiliate_disclosure"),
    ("promo", BODY_EN, "For the latest stories and breaking news updates download the Dailynews apps for iOS and "
                       "Android.", "app_prompt"),
    ("promo", BODY_DE, "Die aktuelle Ausgabe jetzt an jedem Kiosk, im Abo, als e-Paper und bei Readly erhältlich.",
     "subscription_prompt"),
    ("promo", BODY_EN, "Like recipe? Add the ingredients to your basket and deliver to you.", "shop_prompt"),
    ("promo", BODY_DE, "Ihr Warenkorb ist leer", "shop_prompt"),
    ("promo", BODY_EN, "0 items in cart", "shop_prompt"),
    ("promo", BODY_EN, "Read the rest of the Docker packaging guide for Python.", "continue_reading"),
    ("promo", BODY_EN, "Make a contribution", "subscription_prompt"),
    ("menus", BODY_DE, "Übersicht der Steuergegenstände PDF | 58 KB | Datei ist nicht barrierefrei", "file_link"),
    ("menus", BODY_DE, "Informationsschreiben vom 14. Oktober 2021PDF | 38 KB", "file_link"),
    ("menus", BODY_EN, "BVINEWS.COM", "site_name"),
    ("menus", BODY_DE, "www.example-verlag.de", "site_name"),
    ("menus", BODY_DE, "... weiter zu \"die Wortwahl\"", "navigation_link"),
    ("menus", BODY_DE, "Startseite", "navigation_link"),
    ("social", BODY_DE, "Twittern", "share_button"),
    ("social", BODY_EN, "E-mail", "share_button"),
    ("teasers", BODY_ES, "Más sobre La Tercera AM", "teaser_label"),
    ("teasers", BODY_DE, "Mehr zu Klima und Konsum", "teaser_label"),
    ("teasers", BODY_DE, "mehr Kolumnen", "teaser_label"),
    ("teasers", BODY_DE, "Aktuelle Kommentare", "teaser_label"),
    ("teasers", BODY_FR, "Lire aussi dans nos pages", "teaser_label"),
    ("teasers", BODY_FR, "À découvrir sur Challenges", "teaser_label"),
    ("teasers", BODY_DE, "Alle Artikel der Serie", "teaser_label"),
    ("promo", BODY_EN, "Get a weekly summary of our stories:", "newsletter_prompt"),
    ("promo", BODY_EN, "DISCOVER MORE", "continue_reading"),
    ("ads", BODY_DE, "=== Anzeige / Sponsorenhinweis", "ad_label"),
    ("credits", BODY_DE, "Symbolbild: dpa", "image_credit"),
    ("credits", BODY_FR, "Image illustrative", "image_credit"),
    ("credits", BODY_EN, "Agents found the boat on Sunday in the marina. By U.S. CUSTOMS AND BORDER PROTECTION",
     "caption_with_credit"),
    ("menus", BODY_FR, "Télécharger au format EPUB", "file_link"),
    ("menus", BODY_DE, "Zurück zur Liste", "navigation_link"),
    ("social", BODY_DE, "Wir bei WhatsApp", "share_prompt"),
    ("dates", BODY_EN, "Release Date:", "date_label"),
    ("dates", BODY_DE, "Veröffentlicht am", "date_label"),
    ("dates", BODY_EN, "Last updated on:", "date_label"),
    ("dates", BODY_DE, "Zuletzt aktualisiert am", "date_label"),
    # A question to the reader that leads into the call counts as part of it.
    ("promo", BODY_DE, "Du möchtest diesen Monat auch bei unserer großen Leserunde zum Thema Sommer mitmachen? "
                       "Dann hinterlasse einfach einen Kommentar mit deinem Beitrag.", "comment_form"),
    ("promo", BODY_EN, "Looking for a flat near the park? See our offers on homes.example.com", "shop_prompt"),
    ("promo", BODY_DE, "Szukasz mieszkania? Zobacz oferty na domy.example.pl", "shop_prompt"),
    ("social", BODY_DE, "Alle Pressemitteilungen der Stadtwerke | RSS-Feed abonnieren", "share_prompt"),
    ("social", BODY_FR, "Flux RSS des billets", "share_prompt"),
    # Another story's blurb, ending in its own link.
    ("teasers", BODY_DE, "Die Feuerwehr war mit drei Fahrzeugen im Einsatz. Verletzt wurde niemand. Weiterlesen →",
     "blurb_with_link"),
    ("teasers", BODY_EN, "The band returns to the city next spring for two nights. [Read more]", "blurb_with_link"),
    ("menus", BODY_DE, "(24 Rezepte)", "link_count"),
    ("promo", BODY_DE, "Antwort abbrechen", "comment_form"),
    ("promo", BODY_EN, "Cancel reply", "comment_form"),
    ("credits", BODY_DE, "Ölpumpen im Abendrot. Bild: Max Muster/Shutterstock.com", "caption_with_credit"),
    ("credits", BODY_DE, "Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay", "caption_with_credit"),
    ("credits", BODY_DE, "Źródło: PAP", "image_credit"),
    ("promo", BODY_DE, "Kommentare schreiben", "comment_form"),
    ("promo", BODY_DE, "Unterstütze das Projekt:", "subscription_prompt"),
    ("promo", BODY_DE, "Der Artikel wurde erfolgreich hinzugefügt.", "shop_prompt"),
    ("social", BODY_ES, "Nos siga no", "share_prompt"),
    ("social", BODY_DE, "Zum Rezept Drucken Pinnen", "platform_list"),
    ("menus", BODY_DE, "Auf einer Seite lesen", "navigation_link"),
    ("promo", BODY_EN, "Never miss a story: get our briefing every morning.", "newsletter_prompt"),
    ("promo", BODY_DE, "Verpasse keine News aus deiner Stadt", "newsletter_prompt"),
    # Russian and Hebrew: no benchmark pages, but the same debris.
    ("promo", BODY_EN, "Подпишитесь на наш канал", "subscription_prompt"),
    ("teasers", BODY_EN, "Читайте также:", "teaser_label"),
    ("teasers", BODY_EN, "עוד בערוץ החדשות:", "teaser_label"),
    ("social", BODY_EN, "Поделиться", "share_prompt"),
    ("teasers", BODY_DE, "Kategorien", "teaser_label"),
    ("promo", BODY_FR, "Pour accéder en illimité", "subscription_prompt"),
    # Links that show their direction, and a menu heading followed by its own first entry.
    ("menus", BODY_DE, "← Vorheriger Beitrag", "arrow_link"),
    ("menus", BODY_DE, "Steuerdarling – Die Partei als Ehestifter →", "arrow_link"),
    ("menus", BODY_DE, "Jetzt zum kostenlosen Newsletter anmelden »", "arrow_link"),
    ("menus", BODY_DE, "Magazin Magazin Unternehmen Führung Kultur Gesellschaft", "repeated_heading"),
    ("menus", BODY_EN, "English English", "repeated_heading"),
    # A comment form's fields.
    ("promo", BODY_DE, "E-Mail (wird benötigt und nicht veröffentlicht)", "comment_form"),
    ("promo", BODY_EN, "Name (required)", "comment_form"),
    ("promo", BODY_DE, "Folge uns auch in den sozialen Medien, wir halten dich auch dort auf dem Laufenden.",
     "follow_prompt"),
    ("promo", BODY_EN, "Don't have time to read every post? Receive a daily list of must-read stories.",
     "newsletter_prompt"),
    ("promo", BODY_DE, "Mit dem von dir abgeschickten Kommentar akzeptierst du, dass deine Daten gespeichert werden.",
     "comment_form"),
    ("promo", BODY_EN, "Report an error", "feedback_prompt"),
    ("promo", BODY_DE, "Fehler gefunden?", "feedback_prompt"),
    ("comments", BODY_EN, "We ask that comments are civil and free of libellous or hateful material.",
     "comment_policy"),
    # Forty words of labels, stopwords in some of them, and no sentence ending.
    ("menus", BODY_DE, "Bundesregierung Aufgaben der Bundesregierung Bundesministerinnen und Bundesminister "
                       "Staatssekretärinnen und Staatssekretäre Bundesministerien Bundeskanzleramt Chef des "
                       "Bundeskanzleramtes Beauftragte der Bundesregierung Themen Klimaschutz Energie und Umwelt "
                       "Wirtschaft und Finanzen Europa und Internationales Gesundheit und Pflege Service Mediathek "
                       "Fotos Videos Podcasts Publikationen Newsletter Kontakt Presse Termine Bürgerdialog",
     "flattened_menu"),
    # A label and its links on one line.
    ("teasers", BODY_DE, "Mehr zum Thema Bioenergie Biogasanlagen Ökostrom Biogas", "labelled_teaser"),
    ("teasers", BODY_EN, "Categories Fashion Beauty Lifestyle Travel", "labelled_teaser"),
])
def test_more_debris_in_several_languages(filter_name, body, line, reason):
    assert_dropped(filter_name, body, line, reason)


@pytest.mark.parametrize(("filter_name", "body", "line"), [
    # A date inside a sentence, a year after a name, a date beside long fields: not a stamp.
    ("dates", BODY_DE, "Mai 2012 war für den Verein ein gutes Jahr."),
    ("dates", BODY_DE, "Olympia 2022"),
    ("dates", BODY_EN, "March 3, 2021 | The council approved the plan after a long debate on the costs"),
    ("dates", BODY_EN, "The mayor said the plan was last updated in May and will be published on 12.03.2021 "
                       "together with the costs of the market hall and the new homes."),
    # Brand names and abbreviations are camel case too; a menu glues many labels.
    ("menus", BODY_DE, "Die GdP kritisiert die AfD, und der AStA lädt zum iPhone-Workshop ein."),
    ("legal", BODY_EN, "Creative Commons, the nonprofit, said it would review its rules."),
    # "Ein Kommentar zu …" introduces an opinion piece, not the comment section.
    ("comments", BODY_DE, "Ein Kommentar zu den Plänen des Stadtrats für das neue Hallenbad am Stadtpark"),
    ("credits", BODY_EN, "The agency said it had spoken to Reuters."),
    ("menus", BODY_DE, "Zurück zur Natur"),
    ("menus", BODY_EN, "Next year, 2 of 3 homes will be finished."),
    ("promo", BODY_EN, "The scientists hope to learn more about the disease from the new samples."),
    # Reporting about apps, carts and commissions is news, not a call to action.
    ("promo", BODY_EN, "The company said users can download the new app for iOS and Android from Monday."),
    ("promo", BODY_EN, "Shoppers left their carts in the car park as the storm reached the town."),
    ("promo", BODY_EN, "The abolition of the tax was welcomed by the association."),
    # Short news lines that share a word with a call to action.
    ("promo", BODY_DE, "Das Abo wird teurer"),
    ("promo", BODY_EN, "Golf cart crash injures two"),
    ("promo", BODY_EN, "Basket of goods price rises"),
    ("promo", BODY_EN, "He wanted to make a contribution"),
    ("promo", BODY_EN, "Scientists discover more planets"),
    ("promo", BODY_DE, "E-Paper-Displays für Bushaltestellen"),
    ("menus", BODY_DE, "Weiter zum Bahnhof sind es drei Kilometer."),
    ("legal", BODY_EN, "Workers receive compensation from partners, the union said."),
    ("legal", BODY_EN, "The regulator said advertisers had spent more on television than online."),
    ("menus", BODY_EN, "The report (PDF) runs to 300 pages and costs 38 euros."),
    ("menus", BODY_EN, "Example.com said it had 20 million users."),
    ("social", BODY_EN, "twitter"),
    ("teasers", BODY_EN, "More on that below, the minister said."),
    ("credits", BODY_EN, "The agents said the boat was found by the coast guard."),
    ("ads", BODY_DE, "Anzeige gegen den Bürgermeister erstattet"),
    ("social", BODY_DE, "Wir bei der Feuerwehr"),
    ("dates", BODY_EN, "Published on Monday, the report found that rents rose."),
    # A question that leads into prose, not into a call to action; offers as news.
    ("promo", BODY_DE, "Du möchtest Zutaten ersetzen? Hier findest du Tipps, wie und womit das gelingt."),
    ("promo", BODY_EN, "Will rents fall? The developer said it would compare offers from three builders."),
    ("social", BODY_EN, "Google is shutting down its RSS reader next month"),
    ("teasers", BODY_EN, "After the vote, many residents said they wanted to read more."),
    ("menus", BODY_EN, "(The council did not respond.)"),
    ("promo", BODY_DE, "Die Stadt will das Projekt unterstützen, sagte der Bürgermeister."),
    ("promo", BODY_EN, "He would never miss a game"),
    ("promo", BODY_EN, "The library offers unlimited access to its archive for schools, the minister said."),
    ("promo", BODY_DE, "Er wollte keine Chance verpassen"),
    ("menus", BODY_DE, "Sie konnte das Buch auf einer Seite lesen, die sie im Keller fand."),
    ("credits", BODY_EN, "The council kept one photo: the depot in 1932, before the fire. It hangs in the town hall."),
    # French quotes open and close with guillemets; a repeated word inside a sentence or a name.
    ("menus", BODY_FR, "Le ministre a répondu aux élus : « Nous verrons bien »"),
    ("menus", BODY_FR, "« Un capitalisme qui conduit à l'accroissement des inégalités ne mène nulle part. »"),
    ("menus", BODY_EN, "Dee Dee Myers is leaving the studio after five years."),
    ("promo", BODY_EN, "The form asks for a name (required by law) and a date of birth, the council said."),
    ("promo", BODY_DE, "Die Polizei bittet, Fotos nicht in den sozialen Medien zu teilen, sagte ein Sprecher."),
    ("promo", BODY_EN, "The agency said it had found an error in its report and would publish a correction."),
    # Names and headlines that open with a word that can label a teaser.
    ("teasers", BODY_EN, "Lee Kuan Yew dies at 91"),
    ("teasers", BODY_EN, "Watch party draws thousands to the square"),
    ("teasers", BODY_DE, "Themen der Woche sind Klima, Energie und Verkehr"),
])
def test_keeps_what_only_resembles_that_debris(filter_name, body, line):
    assert_kept(filter_name, body, line)


def test_article_end_drops_what_is_left_after_the_closing_marker():
    tail = ("Teilen\nFacebook Twitter WhatsApp\n"
            "Die Feuerwehr probt am Samstag mit drei Löschzügen den Ernstfall am Stausee, die Straße ist gesperrt.\n"
            "Kontakt\nImpressum\n")
    result = newsclean.clean(BODY_DE * 3 + tail, only=["social", "legal", "article_end"])
    assert [(d.filter, d.reason) for d in result.drops] == [
        ("social", "share_prompt"), ("social", "platform_list"), ("article_end", "after_article_end"),
        ("legal", "legal_link"), ("legal", "legal_link")]
    assert result.text == BODY_DE * 3


def test_article_end_keeps_the_article_around_a_marker_in_its_middle():
    # A "Lesen Sie auch" box before most of the body is not the end of the article.
    text = BODY_DE + "Lesen Sie auch\n" + BODY_DE * 3
    assert [d.filter for d in newsclean.clean(text, only=["teasers", "article_end"]).drops] == ["teasers"]
    # Nor is a share bar near the end, when what follows is not mostly debris already.
    text = BODY_DE * 4 + "Teilen\n" + BODY_EN
    assert [d.filter for d in newsclean.clean(text, only=["social", "article_end"]).drops] == ["social"]


def test_labels_go_with_the_debris_they_introduce_and_stay_above_kept_text():
    text = BODY_DE + "So erreichen Sie uns:\nTel. 0711 2807750\nZutaten:\n" + BODY_DE
    result = newsclean.clean(text, only=["legal", "labels"])
    assert [(d.filter, d.reason) for d in result.drops] == [
        ("labels", "label_of_dropped"), ("legal", "contact_details")]
    assert "Zutaten:" in result.text
