"""The public entry points: `clean()` for one page, `Cleaner` to reuse a configuration."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

from . import detectors as D
from . import features, html, htmlmeta, keep, lang, pagetype, scorer
from . import markup as repair
from .config import Config
from .decode import decode, is_utf8, looks_like_html, plain_utf8, utf8_head
from .errors import ArgumentError, ConfigError, InputError
from .htmlmeta import HtmlMeta
from .model import Block, Result
from .reduce import assemble
from .segment import text_blocks

Page = str | bytes


class Cleaner:
    """A configured pipeline. Holds no per-page state, so it is reusable and picklable."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        detectors: Mapping[str, D.Detector | D.DetectFn] | None = None,
    ) -> None:
        if config is not None and not isinstance(config, Config):
            raise ArgumentError(f"config must be a boilerstrip.Config or None, not {type(config).__name__}")
        if detectors is not None and not isinstance(detectors, Mapping):
            raise ArgumentError(
                f"detectors must be a mapping of names to detectors, not {type(detectors).__name__}"
            )
        self.config = config if config is not None else Config()
        self.detectors = _resolve(self.config, detectors or {})
        cfg = self.config
        none = scorer.Model({}, ())
        self.text_model = _load_scorer("scorer_text", cfg.scorer_text) if cfg.scorer_text else none
        self.html_model = _load_scorer("scorer_html", cfg.scorer_html) if cfg.scorer_html else none
        self.keep_model = _load_keep("keep_html", cfg.keep_html, False) if cfg.keep_html else None
        self.keep_text_model = _load_keep("keep_text", cfg.keep_text, True) if cfg.keep_text else None
        self._text_weights = self.text_model.dense()
        self._html_weights = self.html_model.dense()

    def clean(self, page: Page, *, url: str | None = None, include_comments: bool = False) -> Result:
        """Clean one page (HTML or a text dump, str or bytes) into a Result; what it
        raises is `boilerstrip.clean`'s."""
        _check_arguments(url, include_comments)
        prepared, markup, source = self._prepare(page)
        result = self._reduce(prepared, markup, url, include_comments)
        if not result.text and source is not None and self._may_reveal(prepared, source):
            # Nothing shown: the content may wait for a script (in <noscript>, or
            # hidden until the script runs). Read the page as a browser would show it.
            again = self._reduce(*self._prepare_html(repair.reveal(source)), url, include_comments)
            result = again if again.text else result
        return result

    def _may_reveal(self, prepared: D.Page, source: str | bytes) -> bool:
        """Whether a page that gave no text shows so little that its content may wait
        for a script, and holds something hidden to show."""
        shown = sum(b.features.words for b in prepared.blocks)
        # The reread builds a tree, whose cost is quadratic in one tag's attributes.
        cfg = self.config
        return shown < cfg.reveal_max_words and repair.can_reveal(source) and html.tree_is_linear(source, cfg)

    def _reduce(
        self, prepared: D.Page, markup: HtmlMeta | None, url: str | None, include_comments: bool
    ) -> Result:
        D.run(self.detectors, prepared)
        title_hint = (markup.title or markup.page_title) if markup else None
        page_type = _page_type(prepared, markup, url, self.config)
        result = assemble(
            list(prepared.blocks),
            self.config,
            include_comments=include_comments,
            title_hint=title_hint,
            forest=self.keep_model if markup is not None else self.keep_text_model,
            page_type=page_type,
        )
        result.language = prepared.language.code
        result.url = url
        if markup is not None:
            _merge_markup(result, markup)
        return result

    def clean_many(self, pages: Iterable[Page], *, include_comments: bool = False) -> Iterator[Result]:
        """Clean pages one after another, lazily; each is independent of the others."""
        if isinstance(pages, (str, bytes, bytearray)):
            raise ArgumentError("pages must be an iterable of pages, not one page: use clean()")
        try:
            each = iter(pages)
        except TypeError:
            raise ArgumentError(f"pages must be an iterable of pages, not {type(pages).__name__}") from None
        _check_arguments(None, include_comments)
        return (self.clean(page, include_comments=include_comments) for page in each)

    def prepare(self, page: Page) -> D.Page:
        """Blocks with features but no labels yet: what detectors see (for tests and
        for writing your own detectors)."""
        return self._prepare(page)[0]

    def _prepare(self, page: Page) -> tuple[D.Page, HtmlMeta | None, str | bytes | None]:
        """The page's blocks, ready for the detectors, with its markup's metadata and
        the HTML that was parsed (None for a text dump)."""
        source: str | bytes | None = _utf8_html(page, self.config)
        if source is None:  # anything else is decoded first; `text` is read only here
            text, utf8 = _as_text(page, self.config)
            if not looks_like_html(text):
                return self._prepared(text_blocks(text), None), None, None
            source = utf8 if utf8 is not None else _without_prologue(text)
        source = (
            repair.close_at_end(source) if isinstance(source, bytes) else repair.close_text_at_end(source)
        )
        return *self._prepare_html(source), source

    def _prepare_html(self, source: str | bytes) -> tuple[D.Page, HtmlMeta]:
        walked = html.read(source, self.config)
        markup = htmlmeta.extract(walked.markup, self.config)
        markup.page_title = walked.title
        return self._prepared(walked.blocks, markup), markup

    def _prepared(self, blocks: list[Block], markup: HtmlMeta | None) -> D.Page:
        language = lang.detect(lang.sample(blocks))
        features.compute(blocks, language)
        weights, context_weights = self._html_weights if markup is not None else self._text_weights
        prepared = D.Page(
            blocks=blocks,
            config=self.config,
            language=language,
            blank_line_style=bool(blocks) and blocks[-1].features.group > 0,
            weights=weights,
            context_weights=context_weights,
            candidates=D.pattern_candidates(blocks, self.config.short_block_words),
        )
        return prepared


def _page_type(prepared: D.Page, markup: HtmlMeta | None, url: str | None, cfg: Config) -> str:
    """The page's type (`pagetype`); the model reads HTML pages (their markup and
    DOM), so a text dump is read as an article, as before."""
    if markup is None:
        return "article"
    return pagetype.classify(
        prepared.blocks,
        markup.types,
        markup.og_type,
        url or markup.canonical_url,
        cfg.page_type_article_share,
    )


def _headline(found: str | None, page_title: str | None) -> str | None:
    """The headline found in the page when the <title> agrees with it (shortened or
    lengthened), else the <title>: a heading that shares nothing with it is a guess."""
    if found and page_title:
        a, b = " ".join(found.split()).casefold(), " ".join(page_title.split()).casefold()
        return found if a in b or b in a else page_title
    return page_title or found


def _merge_markup(result: Result, markup: HtmlMeta) -> None:
    """Publisher markup (JSON-LD, OpenGraph) wins over what the text suggests; the
    language detected from the text wins over a declared one (often a template's)."""
    result.source_type = "html"
    result.title = markup.title or _headline(result.title, markup.page_title)
    result.date = markup.date or result.date
    result.authors = markup.authors or result.authors
    result.site_name = markup.site_name or result.site_name
    result.section = markup.section or result.section
    result.url = result.url or markup.canonical_url
    result.language = result.language or markup.language


def clean(
    page: Page,
    *,
    url: str | None = None,
    include_comments: bool = False,
    config: Config | None = None,
) -> Result:
    """Clean one page with a fresh Cleaner: `boilerstrip.clean(html_or_text)`.

    `page` is HTML or a text dump, str or bytes (any encoding); `url` the page's
    address, copied to `Result.url` (else the page's own canonical http(s) URL is);
    `include_comments` keeps the comment section apart in `Result.comments`.

    The contract: for every input and every argument, `clean` returns a Result of the
    whole page or raises a `BoilerstripError` that names the problem; it never cleans
    a silent prefix of the page. It raises
      - `InputError` (a ValueError) for a page it cannot read: not str or bytes, over
        `Config.max_input_chars`, compressed, binary, undecodable or unparsable;
      - `ArgumentError` (a TypeError) for an argument of the wrong type (`url=5`,
        `config="x"`, a Config field of the wrong type), naming the argument;
      - `ConfigError` (a ValueError) for a configuration that cannot run (an unknown
        detector, a scorer file that cannot be read).
    Lone surrogates in a str page read as U+FFFD and NUL characters are dropped; a
    declared charset Python does not know gives way to detection; JSON-LD over
    `Config.max_json_ld_chars` or `Config.max_json_ld_depth` is skipped. See
    docs/reliability.md.
    """
    return Cleaner(config).clean(page, url=url, include_comments=include_comments)


def _check_arguments(url: object, include_comments: object) -> None:
    """`clean`'s keyword arguments have their types, or an ArgumentError names them."""
    if url is not None and not isinstance(url, str):
        raise ArgumentError(f"url must be a str or None, not {type(url).__name__}")
    if not isinstance(include_comments, bool):
        raise ArgumentError(f"include_comments must be a bool, not {type(include_comments).__name__}")


def _load_keep(field: str, name: str, text: bool) -> keep.Forest:
    """The keep model Config names (for text dumps or for HTML), or a ConfigError
    naming the field."""
    try:
        return keep.load(name, text)
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise ConfigError(f"Config.{field}={name!r} cannot be loaded: {exc}") from exc


def _load_scorer(field: str, name: str) -> scorer.Model:
    """The scorer Config names, or a ConfigError naming the field."""
    try:
        return scorer.load(name)
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise ConfigError(f"Config.{field}={name!r} cannot be loaded: {exc}") from exc


def _utf8_html(page: object, config: Config) -> bytes | None:
    """An HTML page given as UTF-8 bytes (most pages), or None for any other input
    (which `_as_text` decodes). Its bytes go to the parser as they are, checked for
    UTF-8 a chunk at a time, never decoded whole: the parser decodes them anyway."""
    if not isinstance(page, bytes) or len(page) > config.max_input_chars or b"\x00" in page:
        return None
    head = utf8_head(page)
    if head is None or not looks_like_html(head) or not is_utf8(page):
        return None
    return page


def _as_text(page: object, config: Config) -> tuple[str, bytes | None]:
    """The page's text, and its bytes when they are plain UTF-8 (for the HTML parser)."""
    utf8: bytes | None = None
    encoded: bytes | None = None  # a str page's UTF-8, where `_readable` made it
    if isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page)
        if len(data) > config.max_input_chars * 4:
            raise InputError(f"page of {len(data)} bytes is over the limit; raise Config.max_input_chars")
        plain = plain_utf8(data)
        text, utf8 = (plain, data) if plain is not None else (decode(data), None)
    elif isinstance(page, str):
        text = page
    else:
        raise InputError(f"a page must be str or bytes, not {type(page).__name__}")
    if len(text) > config.max_input_chars:
        raise InputError(f"page of {len(text)} characters is over max_input_chars={config.max_input_chars}")
    if isinstance(page, str):
        text, encoded = _readable(text)
    # A NUL byte in UTF-8 is a NUL character; memchr finds it in bytes far faster than
    # `in` finds it in a str of two or four bytes a character.
    probe = utf8 if utf8 is not None else encoded
    if (b"\x00" in probe) if probe is not None else ("\x00" in text):
        text, utf8 = text.replace("\x00", ""), None
    return text, utf8


def _readable(page: str) -> tuple[str, bytes | None]:
    """A str page as the parser can read it whole, and its UTF-8 when it was made.
    Without a leading BOM (text read from a file as "utf-8" keeps it, and it hides the
    markup), and with U+FFFD for each lone surrogate, where the HTML parser would stop
    reading (a valid pair becomes its character). No decoder makes surrogates: only a
    str given as the page has them, and only one that is not ASCII (told at no cost) is
    checked, by encoding it; the bytes then serve the NUL check."""
    text = page[1:] if page.startswith("\ufeff") else page
    if text.isascii():
        return text, None
    try:
        return text, text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace"), None


def _without_prologue(text: str) -> str:
    """A str page without the XML declaration and processing instructions it opens
    with: lxml refuses a str whose declaration names an encoding (unless it is exactly
    well-formed), and the parser drops them anyway."""
    m = _PROLOGUE.match(text)
    return text[m.end() :] if m else text


# "<?" opens a processing instruction that ends at the first ">" (as HTML reads it).
_PROLOGUE: Final = re.compile(r"(?:\s*<\?[^>]*(?:>|$))+")


def _resolve(config: Config, extra: Mapping[str, D.Detector | D.DetectFn]) -> tuple[D.Detector, ...]:
    """The detectors to run: Config's order and switches, then the user's own."""
    table: dict[str, D.Detector] = dict(D.DEFAULT_DETECTORS)
    for name, det in extra.items():
        if not isinstance(name, str) or not (isinstance(det, D.Detector) or callable(det)):
            raise ArgumentError(
                f"detectors maps names (str) to a Detector or a function, not {name!r} to {type(det).__name__}"
            )
        table[name] = det if isinstance(det, D.Detector) else D.Detector(name, det)
    order = list(config.active_detectors())
    order += [n for n in extra if n not in order and n not in config.disabled]
    unknown = [n for n in order if n not in table]
    if unknown:
        raise ConfigError(f"unknown detector(s): {', '.join(unknown)}; known: {', '.join(table)}")
    return tuple(table[n] for n in order)
