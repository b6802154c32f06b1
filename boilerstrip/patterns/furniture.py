"""The page's furniture: sharing buttons, related links, footers, menus and breadcrumbs."""

from __future__ import annotations

import re
from typing import Final

from .rules import (
    IGNORECASE,
    LEAD,
    LEAD_SET,
    SPACES,
    TRAIL,
    TRAIL_SET,
    Rule,
    by_first,
    caseless,
    cues,
    line,
    line_source,
    starts_with_any,
)

SOCIAL_WORDS: Final = frozenset(
    "share shares shared sharing tweet pin it email e-mail mail print copy link facebook twitter x "
    "linkedin whatsapp reddit pinterest telegram instagram youtube tiktok flipboard messenger rss "
    "follow us on this article story post page save gift listen comment comments via sms threads "
    "bluesky mastodon tumblr google+ vk weibo wechat line | / teilen partager compartir condividi "
    "поделиться 分享 シェア 공유".split()
)  # fmt: skip
RELATED: Final = line(
    r"related(?: articles?| stories| posts?| coverage| content| news| links| topics| reading| videos?)?"
    r"|more (?:stories|news|articles|videos|headlines|from .{0,40}|on (?:this|the) (?:story|topic).*|in .{0,30}|like this|to explore|coverage|top stories)"
    r"|you (?:may|might|will) (?:also )?(?:like|enjoy|be interested in|have missed)"
    r"|recommended(?: for you| reading| stories| articles| videos)?"
    r"|trending(?: now| stories| topics| on .{0,30})?|most (?:read|popular|viewed|shared|emailed|commented|recent)(?: .{0,30})?"
    r"|popular(?: now| stories| posts| articles| on .{0,30})?|top (?:stories|news|headlines)|latest(?: news| stories| headlines| articles| posts| videos)?"
    r"|editors?'?’?s? picks?|read (?:more|next|also|this next)(?: .{0,60})?|see also|also read|further reading"
    r"|what to read next|don'?’?t miss(?: .{0,30})?|around the web|from (?:our|the) (?:partners|web)|sponsored stories"
    r"|(?:[\w,]+ ){0,4}(?:offers|deals)(?: (?:&|and) [\w ]{0,30})?|(?:.{0,20}\b)?what'?’?s (?:trending|popular|hot|new)\b.{0,40}"
    r"|up next|watch next|next (?:story|article|up)"
    r"|weitere artikel|mehr zum thema|lesen sie auch|das könnte sie auch interessieren"
    r"|à lire aussi|lire aussi|sur le même sujet|te puede interesar|lee también|noticias relacionadas"
    r"|leggi anche|articoli correlati|potrebbe interessarti|ti potrebbe interessare"
    r"|(?:você|voce) (?:também )?(?:pode|vai) gostar.{0,10}|veja também|leia também|leia mais|mais lidas|relacionad[oa]s"
    r"|lees ook|meer nieuws|gerelateerde artikelen|läs också|læs også|les også|czytaj także|czytaj też"
    r"|читайте также|смотрите также|по теме|новости по теме|ذات صلة|اقرأ أيضا|مواضيع ذات صلة"
    r"|相关(?:新闻|文章|阅读|报道)?|推荐阅读|热门文章|関連記事|関連ニュース|あわせて読みたい|관련 ?기사|많이 본 ?(?:기사|뉴스)?"
    r"|.{0,12}(?:ランキング|人気記事|排行榜?)(?:\s*[（(].{0,12}[)）])?"
)
# A list item's marker, as HTML-to-text converters write it: a bullet or a number.
LIST_ITEM: Final = re.compile(r"[•·▪◦‣*\-–]\s|\d{1,2}[.)]\s")
RELATED_INLINE: Final = re.compile(
    r"(?:related|read more|read also|also read|see also|more|watch|listen|recommended|opinion|analysis"
    r"|buyer'?’?s guide)(?:\s+[\w'’]+){0,2}\s*[:|]\s*\S",
    IGNORECASE,
)
FOOTER_WORDS: Final = re.compile(
    r"privacy(?: policy| notice| settings| statement)?|terms (?:of|and|&) (?:use|service|conditions)|terms|"
    r"cookie (?:policy|settings|preferences)|all rights reserved|contact(?: us)?|about(?: us)?|site ?map|careers|"
    r"jobs|accessibility(?: statement)?|advertise(?: with us)?|impressum|datenschutz|kontakt|mentions légales|"
    r"aviso legal|política de privacidad|do not sell(?: or share)? my(?: personal)? information|feedback|"
    r"help(?: center)?|faqs?|corrections|ethics|code of conduct|community guidelines|work (?:for|with) us|"
    r"press|media kit|rss(?: feeds?)?|archives?|newsletters?|subscriptions?|store|shop|imprint|legal(?: notice)?",
    IGNORECASE,
)
FOOTER_SPLIT: Final = re.compile(r"\s*(?:[|·•/,]|\s-\s)\s*|\s{2,}")
# A footer row's start: what may come before its first part's word (FOOTER_SPLIT's
# separators, the marks a part is stripped of), then a footer word. Every text
# `footer_row` takes matches it: its first part, stripped, is a footer word, and
# only those characters come before it (a footer word starts with a letter).
FOOTER_START: Final = re.compile(r"[\s|·•/,\-.:]*(?:" + FOOTER_WORDS.pattern + ")", IGNORECASE)


def footer_row(text: str) -> bool:
    """Every part of `text` between separators (FOOTER_SPLIT) is a footer word, whole.
    A text that does not even start like one is told apart by one cheap match
    (FOOTER_START), before the split and a lookup a part.

    The parts are looked up lowercased in `FOOTER_LINES`, what FOOTER_WORDS matches
    whole (a match of its five dozen branches, case-blind, cost a few thousand
    instructions a part), and a footer word alone is one lookup: a footer word holds
    no separator and starts and ends with a letter, so it is its only part. Only a
    text with a letter `str.lower` may not make as the pattern reads it
    (`rules.caseless`) is matched as it was. `str.lower` makes no separator, nor
    one of the characters a part is stripped of, and unmakes none: the parts of
    the lowered text are the parts lowered."""
    low = caseless(text)
    if low is None:
        return _footer_row_matched(text)
    if low in FOOTER_LINES:
        return True
    if not _starts_footer(low):
        return False
    parts = [p for p in FOOTER_SPLIT.split(low) if p]
    return bool(parts) and all(p.strip(" .:") in FOOTER_LINES for p in parts)


def _starts_footer(low: str) -> bool:
    """Whether FOOTER_START matches the text `low` is lowered from (`footer_row`): its
    marks, then a footer word (a letter starts each, so the marks are all taken). A
    lookup by the first letter, and a few prefixes tried, where the pattern tried its
    five dozen branches case-blind."""
    head = low.lstrip(_FOOTER_MARKS)
    return head.startswith(_FOOTER_BY_FIRST.get(head[:1], ()))


def _footer_row_matched(text: str) -> bool:
    """`footer_row` by the patterns alone."""
    if FOOTER_START.match(text) is None:
        return False
    parts = [p for p in FOOTER_SPLIT.split(text) if p]
    return bool(parts) and all(FOOTER_WORDS.fullmatch(p.strip(" .:")) for p in parts)


# Every text FOOTER_WORDS matches whole, lowercased (tests/test_footer_lines.py
# checks that they are the pattern's every one).
FOOTER_LINES: Final = frozenset(
    (
        "about", "about us", "accessibility", "accessibility statement", "advertise",
        "advertise with us", "all rights reserved", "archive", "archives", "aviso legal", "careers",
        "code of conduct", "community guidelines", "contact", "contact us", "cookie policy",
        "cookie preferences", "cookie settings", "corrections", "datenschutz",
        "do not sell my information", "do not sell my personal information",
        "do not sell or share my information", "do not sell or share my personal information",
        "ethics", "faq", "faqs", "feedback", "help", "help center", "impressum", "imprint", "jobs",
        "kontakt", "legal", "legal notice", "media kit", "mentions légales", "newsletter",
        "newsletters", "política de privacidad", "press", "privacy", "privacy notice",
        "privacy policy", "privacy settings", "privacy statement", "rss", "rss feed", "rss feeds",
        "shop", "site map", "sitemap", "store", "subscription", "subscriptions", "terms",
        "terms & conditions", "terms & service", "terms & use", "terms and conditions",
        "terms and service", "terms and use", "terms of conditions", "terms of service",
        "terms of use", "work for us", "work with us",
    )
)  # fmt: skip
# What FOOTER_START takes before a footer word (`\s` and the separators), and the footer
# words by their first letter.
_FOOTER_MARKS: Final = SPACES + "|·•/,-.:"
_FOOTER_BY_FIRST: Final[dict[str, tuple[str, ...]]] = {
    first: tuple(sorted(w for w in FOOTER_LINES if w[0] == first)) for first in {w[0] for w in FOOTER_LINES}
}


# A block of symbols alone ("»", "|", "..."): the first branch, apart from the words'
# `_line`, whose brackets and punctuation are symbols too (inside it, a run of them
# could be split between brackets, body and punctuation in as many ways as it is long).
NAVIGATION: Final = re.compile(
    r"[\W_]+$|"
    + line_source(
        r"home(?:page)?|menu|main menu|search(?: .{0,20})?|skip to (?:main )?(?:content|navigation)"
        r"|skip navigation|back to top|go to top|top|next|previous|prev|more|close|open|toggle navigation"
        r"|navigation|view all|see all|show all|show more|load more|all"
        r"|sections?|all sections|explore|watch|listen|video|videos|photos?|podcasts?|live|live tv"
        r"|\d+|page \d+(?: of \d+)?|\d+ of \d+|english|español|français|deutsch|edition"
        r"|startseite|accueil|inicio|главная|首页|ホーム|홈"
    ),
    IGNORECASE,
)
# A shop's control over its grid of cards, the whole line: a sort or filter bar's label,
# a sort order, a result count's range, a card's button. Nobody's content: their words
# name what the page does, not what it holds (reduce.controls).
SHOP_CONTROL: Final = re.compile(
    r"\s*(?:sort(?:ed)?(?: by)?|sort (?:and|&) filter|filter (?:and|&) sort|filters?|(?:show|hide) filters"
    r"|price:? (?:low to high|high to low)|alphabetically,? (?:a-z|z-a)|name:? (?:a-z|z-a)"
    r"|(?:showing |displaying )?\d[\d,]* ?[-–] ?\d[\d,]* of \d[\d,]*(?: results| products| items)?"
    r"|add to (?:cart|bag|basket|wish ?list)|quick (?:view|shop|add)|(?:choose|select) options"
    r")\s*(?::\s*)?$",  # one \s* before the end: two in a row split a run of spaces n² ways
    IGNORECASE,
)
BREADCRUMB: Final = re.compile(r"^(?:[^\s>»›/|]+(?: [^\s>»›/|]+){0,3}\s*[>»›/|]\s*){2,}[^>»›/|]*$")
# BREADCRUMB's separators, one by one (a tuple: a loop over a str makes a str of each).
_BREADCRUMB_MARKS: Final = (">", "»", "›", "/", "|")


def may_be_breadcrumb(text: str) -> bool:
    """False only where BREADCRUMB cannot match `text`: it starts with a part's
    character (neither a space nor a separator), holds two separators or more, and
    no two with only spaces between them (the pattern puts a part between any two),
    so never "//" (a link's). A failing match of its nested repeats costs about ten
    thousand instructions a line."""
    if not text or text[0].isspace() or text[0] in _BREADCRUMB_MARKS or "//" in text:
        return False
    marks = 0
    for mark in _BREADCRUMB_MARKS:
        marks += text.count(mark)
    return marks >= 2


SOCIAL_RULE_CUES: Final = frozenset(
    w for w in SOCIAL_WORDS if w.isalnum() and w not in {"it", "on", "us", "this", "x"}
)
RELATED_RULE: Final = Rule(
    RELATED,
    cues(
        "related more you recommended trending most popular top latest editor editors picks pick read "
        "see also further what whats don dont around from sponsored offers deals up watch next weitere mehr "
        "lesen das à lire sur te lee noticias leggi articoli potrebbe ti você voce veja leia mais "
        "relacionados relacionadas lees meer gerelateerde läs læs les czytaj читайте смотрите по "
        "новости ذات اقرأ مواضيع 相关 相关新闻 相关文章 相关阅读 相关报道 推荐阅读 热门文章 関連記事 "
        "関連ニュース あわせて読みたい 관련 관련기사 많이"
    ),
)
RELATED_INLINE_RULE: Final = Rule(
    RELATED_INLINE,
    cues("related read also see more watch listen recommended opinion analysis buyer"),
)
FOOTER_RULE_CUES: Final = cues(
    "privacy terms cookie all contact about site sitemap careers jobs accessibility advertise impressum "
    "datenschutz kontakt mentions aviso política do feedback help faq faqs corrections ethics code "
    "community work press media rss archive archives newsletter newsletters subscription subscriptions "
    "store shop imprint legal"
)
NAVIGATION_RULE: Final = Rule(
    NAVIGATION,
    cues(
        "#sym #num home homepage menu main search skip back go top next previous prev more close open "
        "toggle navigation view see show load all sections section explore watch listen video videos "
        "photo photos podcast podcasts live page english español français deutsch edition startseite "
        "accueil inicio главная 首页 ホーム 홈"
    ),
)


# NAVIGATION's words, each a whole line of its own (give or take brackets and
# punctuation, `line_source`), lowercased; its other branches are symbols alone, numbers,
# "page N" and "search ..." (`may_be_navigation`).
_NAVIGATION_WORDS: Final = frozenset(
    (
        "home", "homepage", "menu", "main menu", "search", "skip to content", "skip to main content",
        "skip to navigation", "skip to main navigation", "skip navigation", "back to top", "go to top",
        "top", "next", "previous", "prev", "more", "close", "open", "toggle navigation", "navigation",
        "view all", "see all", "show all", "show more", "load more", "all", "section", "sections",
        "all sections", "explore", "watch", "listen", "video", "videos", "photo", "photos", "podcast",
        "podcasts", "live", "live tv", "english", "español", "français", "deutsch", "edition",
        "startseite", "accueil", "inicio", "главная", "首页", "ホーム", "홈",
    )
)  # fmt: skip


def may_be_navigation(text: str) -> bool:
    """False only where NAVIGATION cannot match `text`: a line that, stripped of the
    brackets before it and the punctuation after it, starts with a letter and is not
    one of its words (each ends in a letter, so it is the whole of what is left), nor
    starts "search" or "page "; or starts with a digit and is not a number, nor holds
    " of "; or starts with a symbol and holds a letter or a digit.
    (A strip is a call that reads its characters each time: made only when a line
    starts or ends with one.)"""
    if not text:
        return True
    if text[0] in LEAD_SET:
        text = text.lstrip(LEAD)
        if not text:
            return True
    first = text[0]
    if not first.isalnum():  # none of its words starts so: symbols alone, or nothing
        return not any(ch.isalnum() for ch in text)
    if text[-1] in TRAIL_SET:
        text = text.rstrip(TRAIL)
    if first.isdigit():  # wider than `\d`: "12", "3 of 7"
        return text.isdigit() or " of " in text.lower()
    if len(text) > _NAVIGATION_LONGEST:
        head = text[:6].lower()  # of their letters, `str.lower` may not make the s alone
        return head.startswith("page ") or head.startswith("search") or first == "\u017f"
    low = caseless(text)
    return low is None or low in _NAVIGATION_WORDS or low.startswith("search") or low.startswith("page ")


_NAVIGATION_LONGEST: Final = max(len(w) for w in _NAVIGATION_WORDS)


def is_menu_word(text: str) -> bool:
    """True only where NAVIGATION matches `text`: one of its words (`_NAVIGATION_WORDS`,
    each a whole branch of its `line_source`), alone between the brackets it may open
    with and the punctuation it may end with. The brackets are all taken before the
    word (a lookahead, as `str.lstrip` takes them), a word starts and ends with a
    letter, and a case-blind pattern reads each letter of the word as the lowered
    letter (`rules.caseless`, None where it may not): a menu line is told without
    the pattern, which tries its branches and its punctuation, a few thousand
    instructions a line."""
    if text and text[0] in LEAD_SET:
        text = text.lstrip(LEAD)
    if text and text[-1] in TRAIL_SET:
        text = text.rstrip(TRAIL)
    if len(text) > _NAVIGATION_LONGEST:
        return False
    low = caseless(text)
    return low is not None and low in _NAVIGATION_WORDS


# How RELATED's branches start, lowercased, after the brackets a line may open with
# (`line_source`); its branches of offers and deals, of "what's trending" and of a
# ranking (ランキング, 人気記事, 排行) may start with anything and hold their word
# further in (`may_be_related`).
_RELATED_STARTS: Final = by_first(
    (
        "related", "more ", "you ", "recommended", "trending", "most ", "popular", "top ", "latest",
        "editor", "read ", "see also", "also read", "further reading", "what to read next", "don",
        "around the web", "from ", "sponsored stories", "up next", "watch next", "next ",
        "weitere artikel", "mehr zum thema", "lesen sie auch", "das könnte", "à lire aussi",
        "lire aussi", "sur le même sujet", "te puede interesar", "lee también",
        "noticias relacionadas", "leggi anche", "articoli correlati", "potrebbe interessarti",
        "ti potrebbe interessare", "você ", "voce ", "veja também", "leia também", "leia mais",
        "mais lidas", "relacionad", "lees ook", "meer nieuws", "gerelateerde artikelen",
        "läs också", "læs også", "les også", "czytaj także", "czytaj też", "читайте также",
        "смотрите также", "по теме", "новости по теме", "ذات صلة", "اقرأ أيضا", "مواضيع ذات صلة",
        "相关", "推荐阅读", "热门文章", "関連記事", "関連ニュース", "あわせて読みたい", "관련", "많이 본",
    )
)  # fmt: skip
_RELATED_HEAD: Final = 24  # the longest prefix, "ti potrebbe interessare", and one more
# The words of RELATED's branches that may start with anything.
_RELATED_INSIDE: Final = ("offers", "deals", "what", "ランキング", "人気記事", "排行")


def may_be_related(text: str) -> bool:
    """False only where RELATED cannot match `text` (at its start, after its
    brackets): it starts with none of its branches' words, and holds none of the
    words of the branches that may start with anything. A failing match of RELATED
    tries its five dozen branches, about ten thousand instructions a text."""
    if text and text[0] in LEAD_SET:
        text = text.lstrip(LEAD)
    if starts_with_any(text, _RELATED_HEAD, _RELATED_STARTS):
        return True
    low = caseless(text)
    if low is None:
        return True
    return any(word in low for word in _RELATED_INSIDE)  # a loop in C: mypyc inlines any()
