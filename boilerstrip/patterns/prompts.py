"""What asks something of the reader: log-in and sign-up prompts, newsletters, cookie
banners, advertisements."""

from __future__ import annotations

import re
from typing import Final

from .rules import IGNORECASE, LEAD, LEAD_SET, Rule, by_first, caseless, cues, line, starts_with_any

LOGIN: Final = line(
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
    IGNORECASE,
)
PROMPT: Final = re.compile(
    r".{0,80}?(?:\bnewsletters?\b|\bsign up (?:for|to)\b|\bsubscribe (?:to|now|today|for)\b"
    r"|\bin your inbox\b|\bsurvey\b|\bcookies?\b|\bsubscription\b|\bsubscribers?\b"
    r"|\bfree articles?\b|\bunlimited (?:digital )?access\b|\bto continue reading\b"
    r"|\bdownload (?:our|the) app\b|\bpush notifications?\b|\bad ?blocker\b|\benable javascript\b"
    r"|\bnews alerts?\b|\bbreaking news alerts?\b|\bpaywall\b|\bjoin our\b|\bunsubscribe\b|\bno spam\b"
    r"|\bfollow us\b|\bsupport (?:our|independent) journalism\b|\bbecome a (?:member|subscriber|patron)\b"
    r"|\bdelivered (?:to|through|into|in) your (?:inbox|letterbox|mailbox|door)\b|\bprotected by recaptcha\b"
    r"|\brequires? javascript\b|\b(?:out[- ]of[- ]date|outdated|unsupported) browser\b|\b(?:upgrade|update) your browser\b)",
    IGNORECASE,
)
# Cookie and consent banners run long; their vocabulary gives them away.
COOKIE: Final = re.compile(
    r"(?=.{0,300}\bcookies?\b).{0,300}\b(?:this (?:web)?site|we use|(?:your|user) experience|consent|accept|"
    r"opt[- ]out|browser|privacy|personal data|third[- ]party|functionality|necessary)\b",
    IGNORECASE,
)
AD: Final = line(
    r"advertisement|advertising|ad|ads|sponsored(?: content| stories| links)?(?: by .{0,40})?"
    r"|promoted(?: content| stories| links)?|paid (?:content|post|partner content)|partner content"
    r"|anzeige|werbung|publicité|publicidad|pubblicità|реклама|广告|広告|광고"
    r"|(?:story|article) continues (?:below|after)(?: this)?(?: advertisement| ad)?"
    r"|continue reading(?: below| the main story)?|scroll (?:down )?to continue.*"
    r"|shop now|buy now|join now|learn more|click here.{0,40}|get (?:the )?deal|see (?:the )?deal"
    r"|.{0,60}\bgiveaway\b.{0,40}"
)
AD_ANYWHERE: Final = re.compile(
    r"\bgiveaway\b|\bjoin the giveaway\b|\bchance to win\b|\bpromo code\b", IGNORECASE
)

LOGIN_RULE: Final = Rule(
    LOGIN,
    cues(
        "log login logout sign signin signup signout register registration account password subscriber "
        "registered users connect anmelden registrieren connexion connecter inscrire iniciar registrarse "
        "войти регистрация 登录 注册 ログイン 로그인"
    ),
)
LOGIN_ANYWHERE_RULE: Final = Rule(LOGIN_ANYWHERE, cues("register account"), anywhere=True)
PROMPT_RULE: Final = Rule(
    PROMPT,
    cues(
        "newsletter newsletters sign subscribe inbox survey cookie cookies subscription subscribers "
        "subscriber free unlimited continue download push notification notifications ad adblocker "
        "blocker javascript alert alerts paywall join unsubscribe spam follow support become delivered "
        "recaptcha browser"
    ),
)
COOKIE_RULE: Final = Rule(COOKIE, cues("cookie cookies"))
AD_RULE: Final = Rule(
    AD,
    cues(
        "advertisement advertising ad ads sponsored promoted paid partner anzeige werbung publicité "
        "publicidad pubblicità реклама 广告 広告 광고 story article continue continues scroll shop buy "
        "join learn click get see giveaway"
    ),
)
AD_ANYWHERE_RULE: Final = Rule(AD_ANYWHERE, cues("giveaway chance promo"), anywhere=True)


# --- screens: cheap tests a text must pass before its pattern is tried ---------------
# Each holds for every text its pattern matches (tests/test_pattern_screens.py).

# A word (or the start of one) of each of PROMPT's branches, lowercased, found within
# its first `_PROMPT_REACH` characters: the pattern starts its branch within 80 and
# none is 48 long.
_PROMPT_WORDS: Final = (
    "newsletter", "subscri", "cookie", "sign up ", "inbox", "survey", "free article", "unlimited ",
    "continue reading", "download ", "push notification", "blocker", "javascript", "news alert",
    "paywall", "join our", "no spam", "follow us", "journalism", "become a ", "delivered ",
    "recaptcha", " browser", "your browser",
)  # fmt: skip
_PROMPT_REACH: Final = 128


def may_be_prompt(text: str) -> bool:
    """False only where PROMPT cannot match `text` (at its start): none of its
    branches' words is in the text's first `_PROMPT_REACH` characters. A failing
    search of the pattern tries each branch at each of 80 places."""
    low = caseless(text[:_PROMPT_REACH])
    if low is None:
        return True
    return any(word in low for word in _PROMPT_WORDS)


# How AD's branches start, lowercased, after the brackets a line may open with
# (`line_source`); its branch of a giveaway has the word anywhere.
_AD_STARTS: Final = by_first(
    (
        "ad", "sponsored", "promoted", "paid ", "partner content", "anzeige", "werbung", "public",
        "pubblicit", "реклама", "广告", "広告", "광고", "story continues ", "article continues ",
        "continue reading", "scroll ", "shop now", "buy now", "join now", "learn more", "click here",
        "get deal", "get the deal", "see deal", "see the deal",
    )
)  # fmt: skip


def may_be_ad(text: str) -> bool:
    """False only where AD cannot match `text` (at its start, after its brackets)."""
    if text and text[0] in LEAD_SET:
        text = text.lstrip(LEAD)
    if starts_with_any(text, 20, _AD_STARTS):
        return True
    low = caseless(text)
    return low is None or "giveaway" in low
