"""Phrase patterns for the pattern detectors, English first with common equivalents.

Why here: the detectors stay short and readable, and the vocabulary of boilerplate
(menus, prompts, comment widgets) is in one place to extend for more languages.

Speed: each pattern is wrapped in a `Rule` with its *cues*, the words (lower case) at
least one of which every text it matches contains. A block's cues are computed once
(`features.cues`), so a rule is tried only on the few blocks that could match it.
Pseudo-cues stand for what is not a word: "#num" (a digit), "#sym" (no word at all),
"©" (a copyright sign), "#sep" (a breadcrumb separator in a short block). Long blocks
are always candidates, so rules for long text (legal lines, captions) need no cue. `tests/test_patterns.py` checks that no cue set hides a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_I: Final = re.IGNORECASE


def _line_source(body: str) -> str:
    """The source of a pattern that must cover the whole block, give or take brackets
    and punctuation (match it at the block's start).

    Linear time: the opening brackets are taken all at once (a lookahead, atomic in
    `re`, and a back-reference), so the body is tried after them only, never at each
    bracket of a long run (no body starts with a bracket unless it may start with
    anything, `.{0,n}`, which then only has less to cover). No body may end at more
    than a bounded number of places inside a run of closing punctuation (`.{0,n}` at
    n + 1 of them; `.*` only at the end), so the run is scanned a bounded number of
    times; a body that is itself a run of symbols would end anywhere in it (see
    NAVIGATION)."""
    return rf"(?=(?P<lead>[\[(«<\s【「『〔［（]*))(?P=lead)(?:{body})[\s:.!?»›>|•\-–—\])】」』〕］）：。]*$"


def _line(body: str) -> re.Pattern[str]:
    """A pattern that must cover the whole block, give or take brackets and punctuation."""
    return re.compile(_line_source(body), _I)


MONTHS: Final = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)
WEEKDAYS: Final = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"
DATE_BODY: Final = (
    rf"(?:{WEEKDAYS}\s+)?(?:"
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}\S*)?"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}"
    rf"|\d{{4}}/\d{{1,2}}/\d{{1,2}}"
    rf"|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS}),?\s+\d{{4}}"
    rf"|\d{{4}}年\d{{1,2}}月\d{{1,2}}日"
    rf"|\d{{4}}년\s*\d{{1,2}}월\s*\d{{1,2}}일"
    r")"
)
TIME_BODY: Final = r"(?:\s*(?:(?:at|,|-|–|\|)\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"

COPYRIGHT: Final = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|&copy;", _I)

COMMENT_MARKER: Final = _line(
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
WEAK_COMMENT_MARKER: Final = _line(
    r"comments?|discuss|discussion|kommentare?|commentaires?|comentarios?|commenti"
    r"|comentar|commenter|kommentieren|commentare|comentários?|комментировать"
)
# "joetoronto says:", "Alex on September 17, 2018 at 6:34 am said:"
COMMENT_AUTHOR: Final = re.compile(r"\S.{0,80}?\s(?:says|said|wrote|writes|replied|commented)\s*:$", _I)
VOTES: Final = re.compile(
    r"(?:-?\d+\s*\(\s*\+\d+\s*/\s*-\d+\s*\)"
    r"|rating:\s*-?\d+\s*votes?|score:\s*-?\d+"
    r"|(?:reply|report(?: abuse)?|flag|permalink|upvote|downvote|recommend|like)\s*\d*"
    r"|\d+\s*(?:likes?|replies|points?|votes?)"
    r")$",
    _I,
)
# A forum post's furniture: the poster's stats ("Posts: 1,234", "Joined: Mar 2019",
# "Member since 2015"), post numbers ("#12"), action buttons ("Quote", "Reply").
FORUM_STATS: Final = re.compile(
    r"(?:(?:posts?|messages?|joined|reputation|reaction score|points|karma|likes|"
    r"solutions|threads|member since|registered|location|rep)\s*:?\s*[\w ,.]{0,24}"
    r"|#\s*\d+|quote|reply|multi-?quote|report|share|thanks?|like|permalink|helpful|"
    r"(?:original poster|op|moderator|admin(?:istrator)?|(?:new|senior|junior|active|well-known) member))$",
    _I,
)
LOGIN: Final = _line(
    r"(?:log ?in|sign ?in|sign ?up|register|log ?out|sign ?out)(?: (?:/|or|\|) (?:log ?in|register|sign ?up|sign ?in))?"
    r"|(?:newsletter signup |subscribe )?(?:register|sign up) (?:/|or|\|) (?:log ?in|sign ?in)"
    r"|my account|create (?:an |a free |your )?account|forgot (?:your )?password\??"
    r"|user registration|already (?:a subscriber|have an account|registered).*"
    r"|(?:log ?in|sign ?in) (?:with|to) .{0,40}|facebook connect|\w+ users"
    r"|anmelden|registrieren|connexion|se connecter|s'inscrire|iniciar sesión|registrarse"
    r"|войти|регистрация|登录|注册|ログイン|로그인"
)
LOGIN_ANYWHERE: Final = re.compile(
    r"\b(?:log ?in|sign ?in) or register\b|\baccount to (?:log ?in|sign ?in)\b"
    r"|\bto (?:log ?in|sign ?in) or register\b",
    _I,
)
PROMPT: Final = re.compile(
    r".{0,80}?(?:\bnewsletters?\b|\bsign up (?:for|to)\b|\bsubscribe (?:to|now|today|for)\b"
    r"|\bin your inbox\b|\bsurvey\b|\bcookies?\b|\bsubscription\b|\bsubscribers?\b"
    r"|\bfree articles?\b|\bunlimited (?:digital )?access\b|\bto continue reading\b"
    r"|\bdownload (?:our|the) app\b|\bpush notifications?\b|\bad ?blocker\b|\benable javascript\b"
    r"|\bnews alerts?\b|\bbreaking news alerts?\b|\bpaywall\b|\bjoin our\b|\bunsubscribe\b|\bno spam\b"
    r"|\bfollow us\b|\bsupport (?:our|independent) journalism\b|\bbecome a (?:member|subscriber|patron)\b"
    r"|\bdelivered (?:to|through|into|in) your (?:inbox|letterbox|mailbox|door)\b|\bprotected by recaptcha\b"
    r"|\brequires? javascript\b)",
    _I,
)
# Cookie and consent banners run long; their vocabulary gives them away.
COOKIE: Final = re.compile(
    r"(?=.{0,300}\bcookies?\b).{0,300}\b(?:this (?:web)?site|we use|(?:your|user) experience|consent|accept|"
    r"opt[- ]out|browser|privacy|personal data|third[- ]party|functionality|necessary)\b",
    _I,
)
SOCIAL_WORDS: Final = frozenset(
    "share shares shared sharing tweet pin it email e-mail mail print copy link facebook twitter x "
    "linkedin whatsapp reddit pinterest telegram instagram youtube tiktok flipboard messenger rss "
    "follow us on this article story post page save gift listen comment comments via sms threads "
    "bluesky mastodon tumblr google+ vk weibo wechat line | / teilen partager compartir condividi "
    "поделиться 分享 シェア 공유".split()
)  # fmt: skip
AD: Final = _line(
    r"advertisement|advertising|ad|ads|sponsored(?: content| stories| links)?(?: by .{0,40})?"
    r"|promoted(?: content| stories| links)?|paid (?:content|post|partner content)|partner content"
    r"|anzeige|werbung|publicité|publicidad|pubblicità|реклама|广告|広告|광고"
    r"|(?:story|article) continues (?:below|after)(?: this)?(?: advertisement| ad)?"
    r"|continue reading(?: below| the main story)?|scroll (?:down )?to continue.*"
    r"|shop now|buy now|join now|learn more|click here.{0,40}|get (?:the )?deal|see (?:the )?deal"
    r"|.{0,60}\bgiveaway\b.{0,40}"
)
AD_ANYWHERE: Final = re.compile(r"\bgiveaway\b|\bjoin the giveaway\b|\bchance to win\b|\bpromo code\b", _I)
RELATED: Final = _line(
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
    _I,
)
FOOTER_WORDS: Final = re.compile(
    r"privacy(?: policy| notice| settings| statement)?|terms (?:of|and|&) (?:use|service|conditions)|terms|"
    r"cookie (?:policy|settings|preferences)|all rights reserved|contact(?: us)?|about(?: us)?|site ?map|careers|"
    r"jobs|accessibility(?: statement)?|advertise(?: with us)?|impressum|datenschutz|kontakt|mentions légales|"
    r"aviso legal|política de privacidad|do not sell(?: or share)? my(?: personal)? information|feedback|"
    r"help(?: center)?|faqs?|corrections|ethics|code of conduct|community guidelines|work (?:for|with) us|"
    r"press|media kit|rss(?: feeds?)?|archives?|newsletters?|subscriptions?|store|shop|imprint|legal(?: notice)?",
    _I,
)
FOOTER_SPLIT: Final = re.compile(r"\s*(?:[|·•/,]|\s-\s)\s*|\s{2,}")
# A block of symbols alone ("»", "|", "..."): the first branch, apart from the words'
# `_line`, whose brackets and punctuation are symbols too (inside it, a run of them
# could be split between brackets, body and punctuation in as many ways as it is long).
NAVIGATION: Final = re.compile(
    r"[\W_]+$|"
    + _line_source(
        r"home(?:page)?|menu|main menu|search(?: .{0,20})?|skip to (?:main )?(?:content|navigation)"
        r"|skip navigation|back to top|go to top|top|next|previous|prev|more|close|open|toggle navigation"
        r"|navigation|view all|see all|show all|show more|load more|all"
        r"|sections?|all sections|explore|watch|listen|video|videos|photos?|podcasts?|live|live tv"
        r"|\d+|page \d+(?: of \d+)?|\d+ of \d+|english|español|français|deutsch|edition"
        r"|startseite|accueil|inicio|главная|首页|ホーム|홈"
    ),
    _I,
)
BREADCRUMB: Final = re.compile(r"^(?:[^\s>»›/|]+(?: [^\s>»›/|]+){0,3}\s*[>»›/|]\s*){2,}[^>»›/|]*$")
METADATA: Final = re.compile(
    rf"(?:(?:published|updated|posted|last updated|modified|date|created|on)\s*(?::\s*)?)?{DATE_BODY}{TIME_BODY}\s*$"
    r"|(?:published|updated|posted|last updated|modified)\s*(?::\s*)?.{0,50}$"
    r"|\d+\s*(?:min(?:ute)?s?|mins)\.?\s*read$|(?:reading time|lesezeit|temps de lecture).{0,20}$"
    r"|tags?\s*:.*|topics?\s*:.*|filed under\s*:?.*|categor(?:y|ies)\s*:.*"
    r"|(?:photo|image|picture|video|credit|source|file photo|photograph|illustration"
    r"|bild|foto|quelle|imagen|fuente|crédito|immagine|fonte|фото|источник)s?\s*(?::|by|credit|courtesy)\s*.{0,80}$"
    r"|\(?(?:getty images|afp|reuters|ap photo|ap|epa|shutterstock|istock|alamy)(?: via getty images)?\)?$"
    r"|(?:about |posted )?(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago\b.{0,30}$"
    # The same "N minutes ago" in Spanish, Portuguese, French, German, Italian and Russian.
    r"|(?:hace|há) (?:\d+|una?|uma?) (?:segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|meses|a[ñn]os?)\b.{0,30}$"
    r"|il y a (?:\d+|une?) (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b.{0,30}$"
    r"|vor (?:\d+|einer|einem) (?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b.{0,30}$"
    r"|(?:\d+|una?) (?:secondi|minuti|ore|ora|giorni|giorno|settimane|mesi|mese|anni|anno) fa\b.{0,30}$"
    r"|\d+ (?:секунд\w*|минут\w*|час\w*|дн\w*|дней|недел\w*|месяц\w*|год\w*|лет) назад.{0,30}$",
    _I,
)
# Photo captions end with the picture's credit: "(AP Photo/Jane Doe)", "(Image: GETTY)",
# "Jane Doe / AFP", "Photo: Reuters".
CAPTION: Final = re.compile(
    r"(?:\((?:(?:AP|AFP|Reuters|EPA|PA)\s+)?(?i:photos?|images?|pictures?|credit|file photo|photo credit)\b[^)]{0,80}\)"
    r"|\b(?i:photo|image|picture|credit|photo credit)s?\s*:\s*[^.:]{2,60}"
    r"|\b[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*/\s*(?:AFP|AP|Reuters|EPA|Getty Images|Bloomberg|Xinhua|dpa|ANP|TASS)"
    r"(?: via Getty Images| File)?"
    r"|\((?:[^()]{1,40}\s)?(?:Getty Images|Shutterstock|iStock|Alamy|AFP|AP|Reuters|EPA)\b[^()]{0,40}\))"
    r"(?:\s+(?i:less|more|hide caption|show caption|expand|close|enlarge))?\s*$"
)
# Every branch of CAPTION holds one of these: checking for them first is much cheaper
# than the search (the regex tries four branches at every position).
_CAPTION_WORDS: Final = ("photo", "image", "picture", "credit")
_CAPTION_AGENCIES: Final = (
    "AP", "AFP", "Reuters", "EPA", "Getty Images", "Bloomberg", "Xinhua", "dpa", "ANP", "TASS",
    "Shutterstock", "iStock", "Alamy",
)  # fmt: skip


def is_caption(text: str) -> bool:
    """A photo caption ending in its credit (CAPTION within the last 120 characters)."""
    end = text[-120:]
    lower = end.lower()
    if not any(w in lower for w in _CAPTION_WORDS) and not any(a in end for a in _CAPTION_AGENCIES):
        return False
    return CAPTION.search(text, len(text) - 120) is not None


def folded(text: str) -> str | None:
    """`text` lowercased, for a cheap test before a case-blind pattern (a text without
    the pattern's words in it cannot match); None when it holds a letter that such a
    pattern reads as an ASCII letter but `str.lower` does not make one (dotted and
    dotless i, long s), where only the pattern can tell."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        return None
    return text.lower()


@dataclass(frozen=True, slots=True)
class Agency:
    """A news agency whose copy other sites carry: the one table of agency names (the
    wire-service search in `meta` is built from it).

    `names` are what a page calls it anywhere a credit stands (a copyright line, a
    byline, a closing credit), as a case-sensitive pattern; `short` the bare initials it
    signs with ("AP", "AA"), trusted in a dateline's brackets ("ANKARA (AA) -"), alone
    on a credit line, and, when `signs` is set, at the end of a byline or copyright
    line ("By Jane Roe, AP"): not for initials that are also a place's ("Andreas, PA")."""

    name: str  # what `wire_service` gives
    names: str
    short: str = ""
    signs: bool = True


AGENCIES: Final[tuple[Agency, ...]] = (
    # Before "Associated Press", which its name holds: the leftmost match names the wire.
    Agency("Australian Associated Press", r"Australian Associated Press", "AAP"),
    Agency(
        "The Associated Press",
        r"Associated Press|AP(?= (?:[A-Z][a-z]+ ){0,2}(?:Writer|Photo|Correspondent|Reporter|Medical|News)\b)",
        "AP",
    ),
    Agency("Reuters", r"Thomson Reuters|Reuters|REUTERS"),
    Agency("Agence France-Presse", r"Agence France[- ]Presse|AFP"),
    Agency("dpa", r"Deutsche Presse-Agentur|dpa(?:-AFX)?|DPA"),
    Agency("EFE", r"Agencia EFE|EFE"),
    Agency("ANSA", r"ANSA"),
    Agency("Kyodo News", r"Kyodo(?: News)?"),
    Agency("Jiji Press", r"Jiji(?: Press)?"),
    Agency("Yonhap", r"Yonhap(?: News Agency)?"),
    Agency("Xinhua", r"Xinhua(?: News Agency)?"),
    Agency(
        "PA Media",
        r"PA Media|Press Association|PA(?= (?:[A-Z][a-z]+ ){0,2}(?:Writer|Correspondent|Reporter|Editor|Staff)\b)",
        "PA",
        signs=False,
    ),
    Agency("Bloomberg", r"Bloomberg News|Bloomberg L\.?P\.?", "Bloomberg"),
    Agency("UPI", r"United Press International|UPI"),
    Agency("The Canadian Press", r"Canadian Press", "CP", signs=False),
    Agency("Press Trust of India", r"Press Trust of India|PTI"),
    Agency("Anadolu Agency", r"Anadolu Agency|Anadolu Ajans[ıi]", "AA|Anadolu", signs=False),
    Agency("TASS", r"TASS|ТАСС"),
    Agency("Europa Press", r"Europa Press|EUROPA PRESS"),
    Agency("Agência Brasil", r"Ag[êe]ncia Brasil"),
    Agency("Lusa", r"Ag[êe]ncia Lusa|LUSA", "Lusa"),
    Agency("ANP", r"Algemeen Nederlands Persbureau", "ANP"),
    Agency("Belga", r"Agence Belga|BELGA", "Belga"),
    Agency("APA", r"Austria Presse Agentur|APA-OTS", "APA"),
    Agency("Keystone-SDA", r"Keystone[- ](?:SDA|ATS)|SDA[- ]Keystone", "sda|SDA|ats|ATS", signs=False),
    Agency("Interfax", r"Interfax"),
    Agency("RIA Novosti", r"RIA Novosti|РИА Новости"),
    Agency("Antara", r"Antara News|ANTARA", "Antara"),
    Agency("Bernama", r"Bernama|BERNAMA"),
    Agency("IANS", r"Indo-Asian News Service|IANS"),
    Agency("ANI", r"Asian News International", "ANI"),
    Agency("PAP", r"Polska Agencja Prasowa", "PAP"),
    Agency("ČTK", r"Česká tisková kancelář|ČTK", "CTK"),
    Agency("MTI", r"Magyar Távirati Iroda", "MTI"),
    Agency("NTB", r"Norsk Telegrambyrå", "NTB"),
    Agency("TT", r"TT Nyhetsbyrån", "TT", signs=False),
    Agency("Ritzau", r"Ritzau"),
    Agency("STT", r"Suomen Tietotoimisto", "STT"),
    Agency("Notimex", r"Notimex"),
    Agency("Prensa Latina", r"Prensa Latina"),
    Agency("AGI", r"Agenzia Giornalistica Italia", "AGI"),
    Agency("Adnkronos", r"Adnkronos|ADNKRONOS"),
    Agency("Dow Jones Newswires", r"Dow Jones Newswires"),
    Agency("Philippine News Agency", r"Philippine News Agency", "PNA"),
    Agency("IRNA", r"Islamic Republic News Agency|IRNA"),
    Agency("KUNA", r"Kuwait News Agency|KUNA"),
    Agency("WAM", r"Emirates News Agency", "WAM"),
    Agency("Saudi Press Agency", r"Saudi Press Agency", "SPA"),
    Agency("MENA", r"Middle East News Agency", "MENA"),
)  # fmt: skip


COLLAPSED: Final = re.compile(r"(?:\.\.\.|…)\s*(?:more|read more|show more|see more)$", _I)
# Words that open a byline: before the names ("By Jane Doe"), or with a colon ("Text: …").
_BY_WORDS: Final = "by von par por di door av af автор".split()
_CREDIT_WORDS: Final = "text texto texte testo tekst текст author autor auteur autore автор".split()
# Either kind alone on a line: the names follow in their own element.
BYLINE_WORDS: Final = frozenset(_BY_WORDS + _CREDIT_WORDS)
BYLINE: Final = re.compile(
    rf"(?:written by|words by|reporting by|{'|'.join(_BY_WORDS)})\s+\S.{{0,80}}$"
    rf"|(?:{'|'.join(_CREDIT_WORDS)})\s*:\s*\S.{{0,80}}$"
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}\s*[-–—|,]\s*" + DATE_BODY + r".*$",
    _I,
)
BYLINE_NAMES: Final = re.compile(r"^(?:by|written by|words by|reporting by)\s+", _I)
DATELINE: Final = re.compile(r"[A-Z][A-Z.'’\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?$")


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and the cues that gate it (see the module docstring)."""

    pattern: re.Pattern[str]
    cues: frozenset[str]
    anywhere: bool = False  # search the text instead of matching at its start

    def applies(self, text: str, cues: frozenset[str] | None) -> bool:
        """True when the pattern matches; `cues` None means "unknown, try it"."""
        if cues is not None and cues.isdisjoint(self.cues):
            return False
        found = self.pattern.search(text) if self.anywhere else self.pattern.match(text)
        return found is not None


def _cues(words: str) -> frozenset[str]:
    return frozenset(words.split())


_COMMENT_WORDS: Final = (
    "comment comments responses response replies reply reactions thoughts discussion discuss "
    "comentar commenter kommentieren commentare comentário comentários commento kommentar "
    "comentario deja escribe añade deixe escreva laisser ajouter écrire lascia оставить добавить "
    "написать schreiben verfassen "
    "conversation kommentar kommentare commentaire commentaires comentario comentarios commenti "
    "komentarze комментарии комментариев комментарий комментарии комментировать 评论 コメント 댓글"
)

COPYRIGHT_RULE: Final = Rule(COPYRIGHT, _cues("© copyright c copy"), anywhere=True)
COMMENT_MARKER_RULE: Final = Rule(COMMENT_MARKER, _cues(_COMMENT_WORDS + " what think have say"))
WEAK_COMMENT_RULE: Final = Rule(WEAK_COMMENT_MARKER, _cues(_COMMENT_WORDS))
COMMENT_AUTHOR_RULE: Final = Rule(COMMENT_AUTHOR, _cues("says said wrote writes replied commented"))
VOTES_RULE: Final = Rule(
    VOTES,
    _cues("#num reply report flag permalink upvote downvote recommend like rating score"),
)
LOGIN_RULE: Final = Rule(
    LOGIN,
    _cues(
        "log login logout sign signin signup signout register registration account password subscriber "
        "registered users connect anmelden registrieren connexion connecter inscrire iniciar registrarse "
        "войти регистрация 登录 注册 ログイン 로그인"
    ),
)
LOGIN_ANYWHERE_RULE: Final = Rule(LOGIN_ANYWHERE, _cues("register account"), anywhere=True)
PROMPT_RULE: Final = Rule(
    PROMPT,
    _cues(
        "newsletter newsletters sign subscribe inbox survey cookie cookies subscription subscribers "
        "subscriber free unlimited continue download push notification notifications ad adblocker "
        "blocker javascript alert alerts paywall join unsubscribe spam follow support become delivered "
        "recaptcha"
    ),
)
COOKIE_RULE: Final = Rule(COOKIE, _cues("cookie cookies"))
SOCIAL_RULE_CUES: Final = frozenset(
    w for w in SOCIAL_WORDS if w.isalnum() and w not in {"it", "on", "us", "this", "x"}
)
AD_RULE: Final = Rule(
    AD,
    _cues(
        "advertisement advertising ad ads sponsored promoted paid partner anzeige werbung publicité "
        "publicidad pubblicità реклама 广告 広告 광고 story article continue continues scroll shop buy "
        "join learn click get see giveaway"
    ),
)
AD_ANYWHERE_RULE: Final = Rule(AD_ANYWHERE, _cues("giveaway chance promo"), anywhere=True)
RELATED_RULE: Final = Rule(
    RELATED,
    _cues(
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
    _cues("related read also see more watch listen recommended opinion analysis buyer"),
)
FOOTER_RULE_CUES: Final = _cues(
    "privacy terms cookie all contact about site sitemap careers jobs accessibility advertise impressum "
    "datenschutz kontakt mentions aviso política do feedback help faq faqs corrections ethics code "
    "community work press media rss archive archives newsletter newsletters subscription subscriptions "
    "store shop imprint legal"
)
NAVIGATION_RULE: Final = Rule(
    NAVIGATION,
    _cues(
        "#sym #num home homepage menu main search skip back go top next previous prev more close open "
        "toggle navigation view see show load all sections section explore watch listen video videos "
        "photo photos podcast podcasts live page english español français deutsch edition startseite "
        "accueil inicio главная 首页 ホーム 홈"
    ),
)
METADATA_RULE: Final = Rule(
    METADATA,
    _cues(
        "#num published updated posted modified min mins minute minutes read "
        "reading lesezeit temps tags tag topics topic filed category categories photo photos image "
        "images picture pictures video videos credit credits source sources file photograph "
        "illustration illustrations getty afp reuters ap epa shutterstock istock alamy ago "
        "bild bilder foto fotos quelle quellen imagen imagenes fuente fuentes crédito créditos immagine "
        "immagini fonte fonti фото источник hace há il vor fa назад"
    ),
)
BYLINE_RULE: Final = Rule(
    BYLINE,
    _cues("#num written words reporting " + " ".join(sorted(BYLINE_WORDS))),
)
ALL_RULES: Final[tuple[Rule, ...]] = (
    COPYRIGHT_RULE, COMMENT_MARKER_RULE, WEAK_COMMENT_RULE, COMMENT_AUTHOR_RULE, VOTES_RULE,
    LOGIN_RULE, LOGIN_ANYWHERE_RULE, PROMPT_RULE, COOKIE_RULE, AD_RULE, AD_ANYWHERE_RULE,
    RELATED_RULE, RELATED_INLINE_RULE, NAVIGATION_RULE, METADATA_RULE, BYLINE_RULE,
)  # fmt: skip
CUE_WORDS: Final[frozenset[str]] = frozenset().union(
    *(r.cues for r in ALL_RULES), SOCIAL_RULE_CUES, FOOTER_RULE_CUES
)
