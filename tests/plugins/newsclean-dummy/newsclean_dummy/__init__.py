from newsclean import Drop, Filter, line_filter


class Shouting(Filter):
    name = "shouting"
    description = "Lines written in capitals only."

    def step(self, doc):
        for i in doc.content:
            letters = [c for c in doc.lines[i] if c.isalpha()]
            if len(letters) >= 3 and all(c.isupper() for c in letters):
                yield self.drop(i, "all_caps")


@line_filter("short_lines", "Lines with few words.", default=False, max_words=2)
def short_lines(doc, max_words):
    for i in doc.content:
        if len(doc.lines[i].split()) <= max_words:
            yield Drop(i, "too_short", f"{len(doc.lines[i].split())} words")
