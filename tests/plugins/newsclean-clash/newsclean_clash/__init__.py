from newsclean import Filter


class Ads(Filter):
    name = "ads"
    description = "Clashes with the built-in ads filter."

    def step(self, doc):
        return []
