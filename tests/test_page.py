"""What the page says about each line: blocks, their evidence, and lines found in them."""

from lxml import html

from newsclean.inputs.page import align, element_tokens, page_blocks, tokens_of


def blocks(markup: str):
    return page_blocks(html.fromstring(f"<html><body>{markup}</body></html>"))


def test_a_block_carries_its_tag_the_tags_above_it_and_the_words_of_their_classes_and_ids():
    (block,) = blocks("<div id='mainContent'><aside class='relatedStories teaser-box'><p class='c7'>Text here</p>"
                      "</aside></div>")
    tokens = set(block.tokens)
    assert {"t:p", "a:aside", "a:div", "a:body"} <= tokens
    assert {"c:related", "c:stories", "c:teaser", "c:box", "c:main", "c:content"} <= tokens
    assert not any(t.startswith("o:") for t in tokens)  # "c7": no word of three letters
    assert not any(t.endswith(":c") for t in tokens)


def test_link_density_is_the_share_of_link_text():
    linked, half, plain = blocks("<p><a href='/a'>All of this is a link</a></p>"
                                 "<p><a href='/b'>Half a line</a> and the other half</p><p>No link at all</p>")
    assert "ld:3" in linked.tokens and "ld:1" in half.tokens and "ld:0" in plain.tokens


def test_a_table_row_is_one_block_written_as_the_extractor_writes_it():
    found = blocks("<table><tr><th>City</th><th>Date</th></tr><tr><td>Berlin</td><td>3 May</td></tr>"
                   "<tr><td></td><td></td></tr></table>")
    assert [b.text for b in found] == ["| City | Date |", "| Berlin | 3 May |"]


def test_lines_are_found_in_their_blocks_in_page_order():
    found = blocks("<p>Share</p><ul><li>First item</li></ul><p>Body text.</p><p>Share</p>")
    lines = ["- First item", "Body text.", "Share", "| not | there |", ""]
    assert align(lines, found) == [1, 2, 3, None, None]


def test_a_line_s_evidence_says_whether_the_extractor_kept_it():
    (block,) = blocks("<p>Text</p>")
    assert tokens_of(True, block)[0] == "x:kept" and set(block.tokens) < set(tokens_of(True, block))
    assert tokens_of(False, None) == ("x:missed", "t:none")


def test_the_position_on_the_page_is_binned():
    tree = html.fromstring("<p>x</p>")
    assert "at:0" in element_tokens(tree, "x", 0.0) and "at:4" in element_tokens(tree, "x", 0.99)


def test_a_block_inside_another_reads_the_same_as_on_its_own():
    # The outer block takes the inner blocks' texts as read (each walked once); hidden text stays out.
    found = blocks("<ul><li><h3>Title</h3><p>Text <b>bold</b><script>var x</script> more<br>below</p>"
                   "<table><tr><td><p>Cell <i>one</i></p></td><td>two</td></tr><tr><td>3</td><td>4</td></tr>"
                   "</table> tail</li></ul>")
    assert [b.text for b in found] == [
        "Title Text bold more below Cell one two 3 4 tail", "Title", "Text bold more below",
        "| Cell one | two |", "Cell one", "| 3 | 4 |"]


def test_link_density_reads_links_with_and_without_markup_inside():
    (block,) = blocks("<p><a href='/a'>Plain link</a> <a href='/b'><b>Bold</b> link</a> and some more words</p>")
    assert "ld:1" in block.tokens  # 19 of 40 characters: both links count in full


def test_the_tokens_above_a_block_merge_in_order_with_its_own():
    (block,) = blocks("<div class='zeta alpha'><section id='main'><p class='body-copy'>Text</p></section></div>")
    assert list(block.tokens) == sorted(block.tokens) and len(set(block.tokens)) == len(block.tokens)
    assert {"c:zeta", "c:alpha", "c:main", "o:body", "o:copy", "t:p", "a:section"} <= set(block.tokens)
