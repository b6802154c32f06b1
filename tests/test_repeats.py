"""A paragraph said twice is kept once on a forum thread, where a reply quotes an
earlier post (reduce/repeats.py), and kept each time on a news story, where a repeat is
the story's own text (an interview's question put to each guest); a story or a section
rendered twice is kept once on every page (`drop_repeated_runs`)."""

from __future__ import annotations

import re

import boilerstrip
from boilerstrip import Config, Label

from .conftest import FIXTURES

QUESTION = (
    "Has anyone managed to run the new firmware on the older board revision without the fan "
    "spinning at full speed the whole time?"
)
POSTS = [
    ("pinecone", QUESTION),
    ("solder_sam", "Yes. You need to flash the bootloader first, then the firmware, otherwise the fan "
     "controller keeps the settings of the old release and ignores the new curve completely."),
    ("pinecone", "Thanks, flashing the bootloader first did it. The fan now idles quietly and only spins "
     "up when the board gets warm under load, exactly as it did before the update."),
    ("late_reader", "I had the same trouble last month on a board bought second hand, and the order of "
     "the two flashes was the whole answer for me as well."),
]  # fmt: skip


def thread(quote: bool) -> str:
    """A forum thread whose third post, with `quote`, first quotes the opening post,
    as a reply made with its Quote button does."""
    posts = []
    for i, (user, text) in enumerate(POSTS, 1):
        quoted = f"<blockquote><p>{QUESTION}</p></blockquote>" if quote and i == 3 else ""
        posts.append(
            f'<div class="post" id="post-{i}"><div class="author"><a href="/members/{user}">{user}</a></div>'
            f'<div class="post-body">{quoted}<p>{text}</p></div><div class="post-actions"><a href="#">Reply</a> '
            f'<a href="#">Quote</a></div></div>'
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Fan at full speed after firmware update | Board Forums'
        '</title><meta property="og:type" content="website"></head><body><nav><a href="/">Home</a> '
        '<a href="/forums/">Forums</a> <a href="/members/">Members</a></nav><main><h1>Fan at full speed after '
        f'firmware update</h1><div class="thread">{"".join(posts)}</div></main><footer><p>© 2025 Board Forums'
        "</p></footer></body></html>"
    )


def interview() -> str:
    """A news story that puts the same question to three guests."""
    question = "What would you change first if you ran the city transport authority for one year?"
    answers = [
        "I would start with the night buses, because shift workers at the hospital and the port have no way "
        "home after the last tram and pay for taxis out of their own wages.",
        "Fares. A single ticket costs more here than in any other city of our size, and the discount for "
        "students ends at twenty-one, when most of them are still studying.",
        "The trams on the river line. They are forty years old, they break down every winter, and the "
        "replacement parts have to be made by hand in the depot workshop.",
    ]
    body = "".join(f"<p><strong>{question}</strong></p><p>{a}</p>" for a in answers)
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Three riders on the transport authority - The Courier'
        '</title><meta property="og:type" content="article"></head><body><nav><a href="/">Home</a> '
        '<a href="/news/">News</a></nav><main><article><h1>Three riders on the transport authority</h1>'
        "<p>We asked three people who ride the buses and trams every day the same question about the "
        f"authority that runs them, ahead of next month's vote on its budget.</p>{body}</article></main>"
        "<footer><p>© 2025 The Courier</p></footer></body></html>"
    )


def test_a_quoted_post_is_kept_once_on_a_forum_thread() -> None:
    result = boilerstrip.clean(thread(quote=True))
    assert result.page_type == "forum"
    assert result.text.count(QUESTION) == 1
    assert POSTS[2][1] in result.text  # the quoting reply's own words stay
    dropped = [b for b in result.blocks if b.text == QUESTION and b.label is not Label.ARTICLE]
    assert [b.reasons[-1] for b in dropped] == [
        "reducer: repeats an earlier paragraph of the content word for word"
    ]
    # The same thread without the quote keeps every post's words.
    plain = boilerstrip.clean(thread(quote=False))
    assert plain.page_type == "forum"
    assert plain.text.count(QUESTION) == 1


def test_a_repeated_paragraph_stays_on_other_page_types() -> None:
    story = boilerstrip.clean(interview())
    assert story.page_type == "article"
    assert story.text.count("What would you change first") == 3
    # With no type that drops repeats, the forum's quote is kept twice, as before.
    both = boilerstrip.Cleaner(Config(repeat_types=())).clean(thread(quote=True))
    assert both.text.count(QUESTION) == 2


def test_a_story_rendered_twice_is_kept_once() -> None:
    """A page that lays its story out twice, once for wide screens and once for narrow
    ones, gives the same run of paragraphs again: on every page type the second run is
    dropped, the interview's repeated question (one line, not a run) still stays."""
    page = (FIXTURES / "html-made" / "story-twice.html").read_bytes()
    result = boilerstrip.clean(page)
    assert result.text.count("Every morning at ten past seven") == 1
    assert result.text.count("gulls that nest on the old customs house roof") == 1
    dropped = [
        b for b in result.blocks if "Every morning at ten past seven" in b.text and b.label is Label.OTHER
    ]
    assert [b.reasons[-1] for b in dropped] == [
        "reducer: repeats an earlier run of the content's blocks in the same order"
    ]
    # Without the rule both renderings are kept.
    both = boilerstrip.clean(page, config=Config(repeat_run_min_blocks=0))
    assert both.text.count("Every morning at ten past seven") == 2
    # A text dump of the page says the story twice too, and keeps it once.
    story = re.search(r'<div class="story-wide">(.*?)</div>', page.decode(), re.S)
    assert story is not None
    paragraphs = [re.sub(r"<[^>]+>", "", p).strip() for p in story.group(1).split("</p>") if p.strip()]
    dump = "\n".join(
        [
            "Home Town Boats About",
            "The ferry that outlived its timetable",
            *paragraphs,
            *paragraphs,
            "Contact Privacy",
        ]
    )
    assert boilerstrip.clean(dump).text.count("Every morning at ten past seven") == 1
    twice = boilerstrip.clean(dump, config=Config(repeat_run_min_blocks=0))
    assert twice.text.count("Every morning at ten past seven") == 2


def test_a_text_box_put_in_the_story_twice_is_kept_once() -> None:
    """A box of two calls to action and its terms (71 words, under the 300 of a run of
    short lines) put in the story twice, for wide and for narrow screens: the run holds
    a paragraph that ends a sentence, so the second box goes; the story stays whole."""
    page = (FIXTURES / "html-made" / "text-box-twice.html").read_bytes()
    result = boilerstrip.clean(page)
    assert result.page_type == "article"
    assert result.text.count("By joining, you agree to receive") == 1
    for line in ("Repairs to the gates", "Asked when she will retire", "Each spring the lock keeper"):
        assert result.text.count(line) == 1
    # With the paragraph bound off, only the 300 words of any run count: kept twice.
    both = boilerstrip.clean(page, config=Config(repeat_run_prose_min_words=0))
    assert both.text.count("By joining, you agree to receive") == 2
    # A text dump keeps the lower bound off (its lines are a page flattened).
    dump = re.sub(r"<[^>]+>", "\n", page.decode())
    lines = "\n".join(x.strip() for x in dump.splitlines() if x.strip())
    assert boilerstrip.clean(lines).text.count("By joining, you agree to receive") == 2


def test_spacing_aside_is_the_split_and_join() -> None:
    """`spacing_aside` skips the split where the text has only single spaces between
    printable characters: sound because no whitespace character but the space is
    printable (checked over all of Unicode), and the same as the split and join on
    texts of every kind of whitespace."""
    import random

    from boilerstrip.reduce.repeats import spacing_aside

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    rng = random.Random(7)
    pieces = ["a", "Bé", "—", "1,5", "İ", "东京", ""] + spaces
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 9)))
        assert spacing_aside(text) == " ".join(text.split()), repr(text)
