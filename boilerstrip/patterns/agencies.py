"""The news agencies whose copy other sites carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


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
