"""Pages of two made-up sites, written for these tests: each article its own story, each site its
own template lines (a slogan, a paper's self-description, a footer) around it."""

from __future__ import annotations

RIVERSIDE_TEMPLATE = (
    ["Riverside Gazette — the valley's independent voice since 1887"],
    ["The Riverside Gazette is owned by a cooperative of its readers and answers to no one else.",
     "Riverside Gazette, 12 Mill Street, Riverside. Letters to the editor are read every Friday."],
)
HARBOUR_TEMPLATE = (
    ["Harbour Times: news from the coast, every morning"],
    ["Harbour Times journalists follow the press code of the coastal publishers' association.",
     "Tips for the newsroom reach us at the harbour office, open weekdays until six."],
)
RIVERSIDE_STORIES = [
    ["The city council voted on Tuesday to widen the bike lanes along the river after a long debate about parking.",
     "Shop owners on Quay Road had warned that losing forty spaces would drive customers to the mall outside town."],
    ["A bakery on Church Lane has won the regional bread prize for the third year in a row, its owner said.",
     "The jury praised a rye loaf made with flour from the mill that reopened last spring after decades of silence."],
    ["Heavy rain flooded several streets in the old town overnight and firefighters pumped out dozens of cellars.",
     "Residents of the lower quarter asked why the flood barriers promised after the last storm were never built."],
    ["The football club has signed a young striker from the second division who scored twelve goals last season.",
     "Supporters queued outside the stadium shop for the new shirts before the doors had even opened on Saturday."],
    ["Teachers at the grammar school will strike next week over class sizes, their union announced yesterday.",
     "Parents were told that pupils sitting exams this month would still be taught by volunteers from the staff."],
]
HARBOUR_STORIES = [
    ["Fishermen landed the largest herring catch in a decade this week, the harbour master's figures show.",
     "Prices at the morning auction fell by a third as buyers from the inland towns held back their bids."],
    ["The ferry to the islands will run a winter timetable with two crossings a day from the first of November.",
     "Islanders fear that the early evening boat, the only one that suits commuters, is the first to be cut."],
    ["A storm tore the roof off the lifeboat station on Sunday night, but the crew launched twice regardless.",
     "Volunteers have started collecting money for repairs, and a local brewery promised to match every gift."],
    ["Archaeologists found the timbers of a medieval jetty while digging foundations for the new sea wall.",
     "Work on the wall will pause for a month so that the wood can be recorded and lifted before winter."],
    ["The coastal path between the lighthouse and the dunes has been closed after a cliff fall on Wednesday.",
     "Walkers are asked to use the inland route through the pine forest until engineers have checked the rock."],
]


def page(template: tuple[list[str], list[str]], story: list[str]) -> str:
    head, foot = template
    return "\n".join([*head, *story, *foot]) + "\n"


def site_pages() -> dict[str, list[tuple[str, str]]]:
    """Per site, (url, text) of its pages in the order they were published."""
    return {
        "riverside.example": [(f"https://www.riverside.example/news/{i}", page(RIVERSIDE_TEMPLATE, story))
                              for i, story in enumerate(RIVERSIDE_STORIES)],
        "harbour-times.example": [(f"https://harbour-times.example/story/{i}", page(HARBOUR_TEMPLATE, story))
                                  for i, story in enumerate(HARBOUR_STORIES)],
    }


def template_lines() -> set[str]:
    return {line for template in (RIVERSIDE_TEMPLATE, HARBOUR_TEMPLATE) for part in template for line in part}
