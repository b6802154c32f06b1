"""The agencies whose copy or pictures other sites carry: the one table of their names,
from which the wire-service search (`meta.wire`) and the picture credits (`story`) are
built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# The forms a picture's credit takes (`Agency.credits`): each agency is listed in the
# forms the benches show it in.
IN_SERVICE: Final = "service"  # its photo service opens a caption's brackets: "(AP Photo/Jane Doe)"
AFTER_NAME: Final = "after name"  # after the photographer's name and a slash: "Jane Doe / AFP"
ALONE: Final = "alone"  # in a caption's brackets or on a line of its own: "(Getty Images)", "AFP"
# An agency of pictures: a line naming it is a picture's credit wherever it stands, even
# beside a news agency's name ("AFP/Getty Images"), and no story is its copy.
PICTURES_ONLY: Final = "pictures only"
_EVERY_FORM: Final = frozenset((IN_SERVICE, AFTER_NAME, ALONE))


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency whose copy or pictures other sites carry.

    `names` are what a page calls it anywhere a credit stands (a copyright line, a
    byline, a closing credit), as a case-sensitive pattern; `short` the bare initials it
    signs with ("AP", "AA"), trusted in a dateline's brackets ("ANKARA (AA) -"), alone
    on a credit line, and, when `signs` is set, at the end of a byline or copyright
    line ("By Jane Roe, AP"): not for initials that are also a place's ("Andreas, PA").
    An agency of pictures alone has no `names`: no story is its copy. `picture` is how
    a picture's credit writes it, and `credits` the forms of credit it is seen in."""

    name: str  # what `wire_service` gives
    names: str = ""
    short: str = ""
    signs: bool = True
    picture: str = ""
    credits: frozenset[str] = field(default_factory=frozenset)


AGENCIES: Final[tuple[Agency, ...]] = (
    # Before "Associated Press", which its name holds: the leftmost match names the wire.
    Agency("Australian Associated Press", r"Australian Associated Press", "AAP"),
    Agency(
        "The Associated Press",
        r"Associated Press|AP(?= (?:[A-Z][a-z]+ ){0,2}(?:Writer|Photo|Correspondent|Reporter|Medical|News)\b)",
        "AP",
        picture="AP",
        credits=_EVERY_FORM,
    ),
    Agency("Reuters", r"Thomson Reuters|Reuters|REUTERS", picture="Reuters", credits=_EVERY_FORM),
    Agency("Agence France-Presse", r"Agence France[- ]Presse|AFP", picture="AFP", credits=_EVERY_FORM),
    Agency("dpa", r"Deutsche Presse-Agentur|dpa(?:-AFX)?|DPA", picture="dpa", credits=frozenset((AFTER_NAME,))),
    Agency("EFE", r"Agencia EFE|EFE"),
    Agency("ANSA", r"ANSA"),
    Agency("Kyodo News", r"Kyodo(?: News)?"),
    Agency("Jiji Press", r"Jiji(?: Press)?"),
    Agency("Yonhap", r"Yonhap(?: News Agency)?"),
    Agency("Xinhua", r"Xinhua(?: News Agency)?", picture="Xinhua", credits=frozenset((AFTER_NAME,))),
    Agency(
        "PA Media",
        r"PA Media|Press Association|PA(?= (?:[A-Z][a-z]+ ){0,2}(?:Writer|Correspondent|Reporter|Editor|Staff)\b)",
        "PA",
        signs=False,
        picture="PA",
        credits=frozenset((IN_SERVICE,)),
    ),
    Agency("Bloomberg", r"Bloomberg News|Bloomberg L\.?P\.?", "Bloomberg", picture="Bloomberg", credits=frozenset((AFTER_NAME,))),
    Agency("UPI", r"United Press International|UPI"),
    Agency("The Canadian Press", r"Canadian Press", "CP", signs=False),
    Agency("Press Trust of India", r"Press Trust of India|PTI"),
    Agency("Anadolu Agency", r"Anadolu Agency|Anadolu Ajans[ıi]", "AA|Anadolu", signs=False),
    Agency("TASS", r"TASS|ТАСС", picture="TASS", credits=frozenset((AFTER_NAME,))),
    Agency("Europa Press", r"Europa Press|EUROPA PRESS"),
    Agency("Agência Brasil", r"Ag[êe]ncia Brasil"),
    Agency("Lusa", r"Ag[êe]ncia Lusa|LUSA", "Lusa"),
    Agency("ANP", r"Algemeen Nederlands Persbureau", "ANP", picture="ANP", credits=frozenset((AFTER_NAME,))),
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
    # Agencies of pictures alone, last: a wire's place in the table names it in a match.
    Agency("EPA", picture="EPA", credits=_EVERY_FORM | {PICTURES_ONLY}),
    Agency("Getty Images", picture="Getty Images", credits=frozenset((AFTER_NAME, ALONE, PICTURES_ONLY))),
    Agency("Shutterstock", picture="Shutterstock", credits=frozenset((ALONE, PICTURES_ONLY))),
    Agency("iStock", picture="iStock", credits=frozenset((ALONE,))),
    Agency("Alamy", picture="Alamy", credits=frozenset((ALONE,))),
)  # fmt: skip
# The news agencies, whose copy a story may be: what the wire-service search is built from.
WIRES: Final = tuple(a for a in AGENCIES if a.names)


def picture_credits(form: str) -> tuple[str, ...]:
    """How a picture's credit writes each agency seen in the credit's `form`."""
    return tuple(a.picture for a in AGENCIES if form in a.credits)
