"""Comment sections and forum posts: their markers, authors' lines, votes and posters' stats."""

from __future__ import annotations

import re
from typing import Final

from .dates import CLOCK_BODY, DATE_BODY, TIME_BODY
from .rules import IGNORECASE, Rule, cues, line

COMMENT_MARKER: Final = line(
    r"\d[\d,.]*\s*(?:comments?|responses?|replies|reactions|thoughts on .+)"
    r"|(?:reader |user |top rated |top |newest |oldest |latest |all |recent )?comments?(?:\s*\(\d+\))?"
    r"|(?:join|start) the (?:discussion|conversation)|discussion|discuss"
    r"|leave a (?:comment|reply)|post a comment|add (?:a|your) comment|write a comment"
    r"|(?:show|view|see|read|load)(?: all| more)? (?:\d+ )?comments?"
    r"|(?:log ?in|sign ?in) to (?:leave a |post a |add a )?comment.*"
    r"|you must be logged in to post a comment.*|be the first to comment.*"
    r"|comments are closed.*|what do you think\??|have your say"
    r"|kommentare?|commentaires?|comentarios?|commenti|komentarze|коммент\w*|评论|コメント|댓글"
    r"|\d[\d,.]*\s*(?:kommentare?|commentaires?|comentarios?|comentários?|commenti)"
    r"|(?:deja|escribe|añade|deixe|escreva) (?:tu |un |seu |um )?coment[aá]rio"
    r"|(?:laisser|ajouter|écrire) un commentaire|(?:einen )?kommentar (?:schreiben|verfassen)"
    r"|lascia un commento|(?:оставить|добавить|написать) комментарий"
)
WEAK_COMMENT_MARKER: Final = line(
    r"comments?|discuss|discussion|kommentare?|commentaires?|comentarios?|commenti"
    r"|comentar|commenter|kommentieren|commentare|comentários?|комментировать"
)
# "joetoronto says:", "Alex on September 17, 2018 at 6:34 am said:"; not a story's
# sentence before a quote ("To which he replied:", "The company said:", "In a
# statement, the company said:"): a name starts with no pronoun, determiner,
# conjunction or preposition, and holds no pronoun, determiner or auxiliary verb in
# lower case.
_SENTENCE_START: Final = (
    r"(?:he|she|it|they|we|i|you|his|her|its|their|our|my|your|the|a|an|this|that|these|those"
    r"|which|who|what|as|to|in|when|then|so|but|and)\b"
)
_SENTENCE_WORD: Final = (
    r"(?-i:he|she|it|they|we|his|her|its|their|our|my|your|the|a|an|this|that|which|who|what"
    r"|is|was|were|has|had|have)"
)
COMMENT_AUTHOR: Final = re.compile(
    rf"(?!{_SENTENCE_START})(?!.*\b{_SENTENCE_WORD}\s)"
    r"\S.{0,80}?\s(?:says|said|wrote|writes|replied|commented)\s*:$",
    IGNORECASE,
)
# "Tammy says", "regina vasquez says": a comment's author line as some themes print it,
# with no colon; a comment only where its timestamp follows (`detect.pattern.
# stamped_author`): alone, it is a headline's or a subheading's "Officer says".
COMMENT_AUTHOR_BARE: Final = re.compile(r"(?:[^\W\d_][\w.'’-]*\s+){0,3}[^\W\d_][\w.'’-]*\s+says$", IGNORECASE)
# A comment's timestamp line: "July 14, 2015 at 3:53 pm", "January 11, 2026".
COMMENT_STAMP: Final = re.compile(rf"(?:on\s+)?{DATE_BODY}{TIME_BODY}\s*$", IGNORECASE)
# A comment's author line with its timestamp, date and clock time: "Alex on September
# 17, 2018 at 6:34 am said:". A story's "Officials on March 4, 2024 said:" has no
# clock time.
COMMENT_AUTHOR_DATED: Final = re.compile(
    rf"\S.{{0,80}}?\s(?:on\s+)?{DATE_BODY}{CLOCK_BODY}\s+(?:says|said|wrote|writes|replied|commented)\s*:$",
    IGNORECASE,
)
# The commenter's name in an author line, its blanks made single spaces first:
# "Daniel Moss" of "Daniel Moss on April 3, 2024 at 9:14 am said:", "Fons_de_spons" of
# "by Fons_de_spons ( 1311177 ) writes:". (With runs of blanks, the name's end and the
# blanks around the date are matched in many ways over: a line of 200 took a second.)
COMMENT_AUTHOR_NAME: Final = re.compile(
    rf"(?:by )?(?P<name>\S.{{0,80}}?)(?: ?[|,–-])?(?: ?\( ?\d+ ?\))?(?: (?:on )?{DATE_BODY})?{TIME_BODY}"
    r" (?:says|said|wrote|writes|replied|commented) ?:?$",
    IGNORECASE,
)
# A comment's author glued to its timestamp, as a dump of some blog themes prints it:
# "Tom GreavesMarch 6, 2025 at 9:14 PM" (a small letter, then the month's capital).
COMMENT_AUTHOR_GLUED: Final = re.compile(
    rf"(?P<name>[^\W\d_].{{0,60}}?(?-i:[a-z]))(?=(?-i:[A-Z])){DATE_BODY}{CLOCK_BODY}$", IGNORECASE
)
VOTES: Final = re.compile(
    r"(?:-?\d+\s*\(\s*\+\d+\s*/\s*-\d+\s*\)"
    r"|rating:\s*-?\d+\s*votes?|score:\s*-?\d+"
    r"|(?:reply|report(?: abuse)?|flag|permalink|upvote|downvote|recommend|like)\s*\d*"
    r"|\d+\s*(?:likes?|replies|points?|votes?)"
    r")$",
    IGNORECASE,
)
# A forum post's furniture: the poster's stats ("Posts: 1,234", "Joined: Mar 2019",
# "Member since 2015"), post numbers ("#12"), action buttons ("Quote", "Reply").
FORUM_STATS: Final = re.compile(
    r"(?:(?:posts?|messages?|joined|reputation|reaction score|points|karma|likes|"
    r"solutions|threads|member since|registered|location|rep)\s*:?\s*[\w ,.]{0,24}"
    r"|#\s*\d+|quote|reply|multi-?quote|report|share|thanks?|like|permalink|helpful|"
    r"(?:original poster|op|moderator|admin(?:istrator)?|(?:new|senior|junior|active|well-known) member))$",
    IGNORECASE,
)

_COMMENT_WORDS: Final = (
    "comment comments responses response replies reply reactions thoughts discussion discuss "
    "comentar commenter kommentieren commentare comentário comentários commento kommentar "
    "comentario deja escribe añade deixe escreva laisser ajouter écrire lascia оставить добавить "
    "написать schreiben verfassen "
    "conversation kommentar kommentare commentaire commentaires comentario comentarios commenti "
    "komentarze комментарии комментариев комментарий комментарии комментировать 评论 コメント 댓글"
)

COMMENT_MARKER_RULE: Final = Rule(COMMENT_MARKER, cues(_COMMENT_WORDS + " what think have say"))
WEAK_COMMENT_RULE: Final = Rule(WEAK_COMMENT_MARKER, cues(_COMMENT_WORDS))
COMMENT_AUTHOR_RULE: Final = Rule(COMMENT_AUTHOR, cues("says said wrote writes replied commented"))
VOTES_RULE: Final = Rule(
    VOTES,
    cues("#num reply report flag permalink upvote downvote recommend like rating score"),
)


# VOTES covers a whole line (`$`, maybe before a line break): how its branches start (a
# sign, a digit, an action's first letter) and end (a digit, a bracket, a space, an
# action's or a count's last letter), either case, with the letters a case-blind
# pattern also reads as "s" and "k" (long s, Kelvin sign).
_VOTES_FIRST: Final = frozenset("-rRsSfFpPuUdDlL\u017f")
_VOTES_LAST: Final = frozenset(")yYtTeEgGkKdDsS\u017f\u212a")


def may_be_votes(text: str) -> bool:
    """False only where VOTES cannot match `text`: by its first and last characters."""
    if not text:
        return True
    first = text[0]
    if not first.isdigit() and first not in _VOTES_FIRST:  # `isdigit`: wider than `\d`, native
        return False
    last = text[-1]
    return last.isdigit() or last.isspace() or last in _VOTES_LAST
