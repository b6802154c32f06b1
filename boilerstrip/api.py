"""The public entry points: `clean()` for one page, `Cleaner` to reuse a configuration."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Final

from . import html, htmlmeta, lang
from .budget import Deadline
from .config import Config
from .detect import DEFAULT_DETECTORS, DetectFn, Detector, Page, features, pattern_candidates, scorer
from .detect import run as run_detectors
from .errors import ArgumentError, ConfigError
from .html.repair import can_reveal, reveal, unwrap
from .htmlmeta import HtmlMeta
from .intake import take
from .learned import keep, pagetype
from .learned.pagestats import PageCounts
from .model import Block, Label
from .reduce import assemble
from .result import Result
from .segment import text_blocks

# The shipped stages of the HTML keep model, as Config names them by default: the blends
# (`Config.keep_html_blend`) hold them, and stand in for them only.
_SHIPPED_KEEP_HTML: Final = Config().keep_html
_SHIPPED_KEEP_STACK: Final = Config().keep_html_stack


class Cleaner:
    """A configured pipeline. Holds no per-page state, so it is reusable and picklable."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        detectors: Mapping[str, Detector | DetectFn] | None = None,
    ) -> None:
        if config is not None and not isinstance(config, Config):
            raise ArgumentError(f"config must be a boilerstrip.Config or None, not {type(config).__name__}")
        if detectors is not None and not isinstance(detectors, Mapping):
            raise ArgumentError(
                f"detectors must be a mapping of names to detectors, not {type(detectors).__name__}"
            )
        self.config = config if config is not None else Config()
        self.detectors = _resolve(self.config, detectors or {})
        # Without the content detector (a Config may leave it out) a block may be left
        # unclaimed, and the reducer weighs every block by its label.
        self._claims_all = any(d.name == "content" for d in self.detectors)
        cfg = self.config
        none = scorer.Model({}, ())
        self.text_model = _load_scorer("scorer_text", cfg.scorer_text) if cfg.scorer_text else none
        self.html_model = _load_scorer("scorer_html", cfg.scorer_html) if cfg.scorer_html else none
        self.keep_model = _load_keep("keep_html", cfg.keep_html, False) if cfg.keep_html else None
        self.keep_text_model = _load_keep("keep_text", cfg.keep_text, True) if cfg.keep_text else None
        # The second stage reads the first's probabilities: without a first, none.
        self.keep_stack_model = (
            _load_keep("keep_html_stack", cfg.keep_html_stack, kind="stack")
            if cfg.keep_html_stack and cfg.keep_html
            else None
        )
        # The stages read on pages of `keep_blend_types`: each blend holds a shipped
        # stage, so it stands in for that stage only while the Config names it.
        self.keep_blend_models = (
            (_load_keep("keep_html_blend", cfg.keep_html_blend), self._stack_blend())
            if cfg.keep_html_blend and cfg.keep_html == _SHIPPED_KEEP_HTML
            else None
        )
        self.title_text_model = (
            _load_keep("title_text", cfg.title_text, kind="headline") if cfg.title_text else None
        )
        self._text_weights = self.text_model.dense()
        self._html_weights = self.html_model.dense()

    def clean(self, page: str | bytes, *, url: str | None = None, include_comments: bool = False) -> Result:
        """Clean one page (HTML or a text dump, str or bytes) into a Result; what it
        raises is `boilerstrip.clean`'s."""
        _check_arguments(url, include_comments)
        deadline = Deadline(self.config.time_limit)
        prepared, markup, source = self._prepare(page, deadline)
        if source is None:  # a text dump: no markup to read again
            return self._reduce(prepared, markup, url, include_comments, deadline)
        shown = _shown_words(prepared)
        if self._may_unwrap(shown, source, deadline):
            # A header, menu, footer or button may hold the page: libxml2 ignored the
            # end tag that closes it, where a browser does not.
            unwrapped = unwrap(source, self.config.unwrap_min_share)
            if unwrapped is not None:
                prepared, markup = self._prepare_html(unwrapped, deadline)
                source, shown = unwrapped, _shown_words(prepared)
        result = self._reduce(prepared, markup, url, include_comments, deadline)
        if self._may_reveal(result, shown, source, deadline):
            # Nothing or next to nothing shown: the content may wait for a script (in
            # <noscript>, or hidden until the script runs). Read the page as a browser
            # would show it.
            revealed = self._prepare_html(reveal(source, deadline), deadline)
            again = self._reduce(*revealed, url, include_comments, deadline)
            result = again if _shows_more(again, result, shown, self.config) else result
        return result

    def _may_unwrap(self, shown: int, source: str | bytes, deadline: Deadline) -> bool:
        """Whether the page shows so few words (`shown`) that an element libxml2 left
        open (a button, a header) may hold the page. (Unwrapping pages whose words are
        mostly in such elements measured worse: those are headers and menus read right.)"""
        if shown >= self.config.reveal_max_words:
            return False
        deadline.check("before reading the page again, its open elements closed")
        return html.tree_is_linear(source, self.config)  # the repair builds a tree

    def _may_reveal(self, result: Result, shown: int, source: str | bytes, deadline: Deadline) -> bool:
        """Whether the page's content may wait for a script, and the page holds
        something hidden to show: it gave no text and shows so few words (`shown`), or
        its content is nothing or next to nothing (`Config.reveal_few_words`), a sliver
        of what it shows (`Config.reveal_few_share`), and it shows a page's chrome at
        most (`Config.reveal_few_shown`): a shop's page whose body an app hides until
        its script runs still shows its menus, and nothing or a word of them came out.
        A page whose few words are mostly its content is read right."""
        cfg = self.config
        # The content's words counted only on a page that shows little.
        few = shown < cfg.reveal_few_shown and _content_words(result) < min(
            cfg.reveal_few_words, cfg.reveal_few_share * shown
        )
        if not (_gave_nothing(result, shown, cfg) or few) or not can_reveal(source):
            return False
        deadline.check("before reading the page again, as a browser shows it")
        # The reread builds a tree, whose cost is quadratic in one tag's attributes.
        return html.tree_is_linear(source, self.config, deadline)

    def _reduce(
        self,
        prepared: Page,
        markup: HtmlMeta | None,
        url: str | None,
        include_comments: bool,
        deadline: Deadline,
    ) -> Result:
        run_detectors(self.detectors, prepared)
        deadline.check("after the detectors")
        if not self._claims_all:
            _unclaimed_as_other(prepared.blocks)
        # A dump's lines' marks and counts, read by its type and again by the keep model.
        marks = pagetype.page_marks(prepared.blocks, deadline) if markup is None else None
        counts = pagetype.page_counts(prepared.blocks, marks) if marks is not None else None
        page_type = _page_type(prepared, markup, url, self.config, deadline, marks, counts)
        deadline.check("before the reducer")
        forest, stack = self._keep_models(markup is not None, page_type)
        return assemble(
            list(prepared.blocks),
            self.config,
            include_comments=include_comments,
            forest=forest,
            headline_forest=None if markup is not None else self.title_text_model,
            stack_forest=stack,
            page_type=page_type,
            url=url,
            deadline=deadline,
            marks=marks,
            counts=counts,
            text=markup is None,
            markup=markup,
            language=prepared.language.code,
        )

    def _stack_blend(self) -> keep.Forest | None:
        """The second stage read with the blended first: the blended one while the
        Config names the shipped second stage, else the one it names (or none)."""
        cfg = self.config
        if cfg.keep_html_stack == _SHIPPED_KEEP_STACK and cfg.keep_html_stack_blend:
            return _load_keep("keep_html_stack_blend", cfg.keep_html_stack_blend, kind="stack")
        return self.keep_stack_model

    def _keep_models(self, html: bool, page_type: str) -> tuple[keep.Forest | None, keep.Forest | None]:
        """The keep model's stages for a page of this kind and type: a text dump's one,
        an HTML page's shipped two, or, for the types of `Config.keep_blend_types`,
        their blends (`Config.keep_html_blend`), which gain there and not on stories."""
        if not html:
            return self.keep_text_model, None
        if self.keep_blend_models is not None and page_type in self.config.keep_blend_types:
            return self.keep_blend_models
        return self.keep_model, self.keep_stack_model

    def clean_many(self, pages: Iterable[str | bytes], *, include_comments: bool = False) -> Iterator[Result]:
        """Clean pages one after another, lazily; each is independent of the others."""
        if isinstance(pages, (str, bytes, bytearray)):
            raise ArgumentError("pages must be an iterable of pages, not one page: use clean()")
        try:
            each = iter(pages)
        except TypeError:
            raise ArgumentError(f"pages must be an iterable of pages, not {type(pages).__name__}") from None
        _check_arguments(None, include_comments)
        return (self.clean(page, include_comments=include_comments) for page in each)

    def prepare(self, page: str | bytes) -> Page:
        """Blocks with features but no labels yet: what detectors see (for tests and
        for writing your own detectors). It carries no deadline: the time of the
        preparation is not that of the detectors run on it later."""
        return replace(self._prepare(page, Deadline(self.config.time_limit))[0], deadline=None)

    def _prepare(
        self, page: str | bytes, deadline: Deadline
    ) -> tuple[Page, HtmlMeta | None, str | bytes | None]:
        """The page's blocks, ready for the detectors, with its markup's metadata and
        the HTML that was parsed (None for a text dump)."""
        taken = take(page, self.config, deadline)
        if taken.html is None:
            assert taken.text is not None
            return self._prepared(text_blocks(taken.text, deadline), None, deadline), None, None
        return *self._prepare_html(taken.html, deadline), taken.html

    def _prepare_html(self, source: str | bytes, deadline: Deadline) -> tuple[Page, HtmlMeta]:
        walked = html.read(source, self.config, deadline)
        markup = htmlmeta.extract(walked.collected, self.config, walked.title)
        return self._prepared(walked.blocks, markup, deadline), markup

    def _prepared(self, blocks: list[Block], markup: HtmlMeta | None, deadline: Deadline) -> Page:
        deadline.check("after reading the page into blocks")
        language = lang.detect(lang.sample(blocks))
        features.compute(blocks, language, deadline)
        deadline.check("after the blocks' features")
        weights, context_weights = self._html_weights if markup is not None else self._text_weights
        prepared = Page(
            blocks=blocks,
            config=self.config,
            language=language,
            weights=weights,
            context_weights=context_weights,
            candidates=pattern_candidates(blocks, self.config.short_block_words),
            deadline=deadline,
        )
        return prepared


def _unclaimed_as_other(blocks: Sequence[Block]) -> None:
    for b in blocks:
        if b.label is None:
            b.label = Label.OTHER
            b.reasons.append("unclaimed: no detector labelled it (the content detector is off)")


def _page_type(
    prepared: Page,
    markup: HtmlMeta | None,
    url: str | None,
    cfg: Config,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    counts: PageCounts | None = None,
) -> str:
    """The page's type (`pagetype`): an HTML page's by its markup, DOM and URL, a text
    dump's by its lines alone (`pagetype.classify_text`)."""
    if markup is None:
        share = cfg.text_page_type_article_share
        return pagetype.classify_text(prepared.blocks, share, deadline, marks, counts)
    return pagetype.classify(
        prepared.blocks,
        markup.types,
        markup.og_type,
        url or markup.canonical_url,
        cfg.page_type_article_share,
        deadline,
    )


def clean(
    page: str | bytes,
    *,
    url: str | None = None,
    include_comments: bool = False,
    config: Config | None = None,
) -> Result:
    """Clean one page with the default Cleaner (a fresh one for `config`):
    `boilerstrip.clean(html_or_text)`.

    `page` is HTML or a text dump, str or bytes (any encoding); `url` the page's
    address, copied to `Result.url` (else the page's own canonical http(s) URL is);
    `include_comments` keeps the comment section apart in `Result.comments`.

    The contract: for every input and every argument, `clean` returns a Result of the
    whole page or raises a `BoilerstripError` that names the problem; it never cleans
    a silent prefix of the page. It raises:

    - `InputError` (a ValueError) for a page it cannot read: not str or bytes, over
      `Config.max_input_chars`, compressed, binary, undecodable or unparsable;
    - `ArgumentError` (a TypeError) for an argument of the wrong type (`url=5`,
      `config="x"`, a Config field of the wrong type), naming the argument;
    - `ConfigError` (a ValueError) for a configuration that cannot run (an unknown
      detector, a scorer file that cannot be read);
    - `budget.TimeLimitError` once cleaning has taken over `Config.time_limit`
      seconds (0, the default, is no limit), in any thread.

    Lone surrogates in a str page read as U+FFFD and NUL characters are dropped; a
    declared charset Python does not know gives way to detection; JSON-LD over
    `Config.max_json_ld_chars` or `Config.max_json_ld_depth` is skipped. See
    docs/reliability.md.
    """
    cleaner = _DEFAULT_CLEANER if config is None and _DEFAULT_CLEANER is not None else Cleaner(config)
    return cleaner.clean(page, url=url, include_comments=include_comments)


def _shows_more(again: Result, result: Result, shown: int, cfg: Config) -> bool:
    """Whether the page read as a browser shows it (`again`) is taken over `result`:
    where the page gave no text and showed fewer than `cfg.reveal_max_words` words
    (`shown`), when it gives any text; else when it gives `cfg.reveal_gain` times the
    words and `cfg.reveal_min_words` or more (a page that shows its menus and rightly
    gave nothing, a notice that it is gone, hides no content either: the word or two
    of a hidden dialog are no reason to read it otherwise)."""
    if not again.text:
        return False
    if _gave_nothing(result, shown, cfg):
        return True
    words = _content_words(again)
    return words >= cfg.reveal_gain * _content_words(result) and words >= cfg.reveal_min_words


def _gave_nothing(result: Result, shown: int, cfg: Config) -> bool:
    """Whether the page gave no text and shows fewer than `cfg.reveal_max_words`
    words: its content waits for a script, and any text the reread gives is taken."""
    return not result.text and shown < cfg.reveal_max_words


def _content_words(result: Result) -> int:
    """The words of the content's blocks, as the pipeline counts them (a page in
    Chinese or Japanese has its words, not the few pieces its spaces give)."""
    return sum(b.features.words for b in result.blocks if b.label is Label.ARTICLE)


def _shown_words(prepared: Page) -> int:
    """The words the page shows: few, and its content may be hidden or misparsed."""
    return sum(b.features.words for b in prepared.blocks)


def _check_arguments(url: object, include_comments: object) -> None:
    """`clean`'s keyword arguments have their types, or an ArgumentError names them."""
    if url is not None and not isinstance(url, str):
        raise ArgumentError(f"url must be a str or None, not {type(url).__name__}")
    if not isinstance(include_comments, bool):
        raise ArgumentError(f"include_comments must be a bool, not {type(include_comments).__name__}")


def _load_keep(field: str, name: str, text: bool = False, *, kind: str | None = None) -> keep.Forest:
    """The model Config names (a keep model for text dumps or for HTML, or of another
    `kind` of `keep.load`'s), or a ConfigError naming the field."""
    try:
        return keep.load(name, text, kind=kind)
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise ConfigError(f"Config.{field}={name!r} cannot be loaded: {exc}") from exc


def _load_scorer(field: str, name: str) -> scorer.Model:
    """The scorer Config names, or a ConfigError naming the field."""
    try:
        return scorer.load(name)
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise ConfigError(f"Config.{field}={name!r} cannot be loaded: {exc}") from exc


def _resolve(config: Config, extra: Mapping[str, Detector | DetectFn]) -> tuple[Detector, ...]:
    """The detectors to run: Config's order and switches, then the user's own."""
    table: dict[str, Detector] = dict(DEFAULT_DETECTORS)
    for name, det in extra.items():
        if not isinstance(name, str) or not (isinstance(det, Detector) or callable(det)):
            raise ArgumentError(
                f"detectors maps names (str) to a Detector or a function, not {name!r} to {type(det).__name__}"
            )
        table[name] = det if isinstance(det, Detector) else Detector(name, det)
    order = list(config.active_detectors())
    order += [n for n in extra if n not in order and n not in config.disabled]
    unknown = [n for n in order if n not in table]
    if unknown:
        raise ConfigError(f"unknown detector(s): {', '.join(unknown)}; known: {', '.join(table)}")
    return tuple(table[n] for n in order)


def _default_cleaner() -> Cleaner | None:
    """The Cleaner of the default Config, made once at import (`_DEFAULT_CLEANER`), or
    None where it cannot be made (a shipped model left over from other features, which
    must not stop `import boilerstrip`: `clean()` then raises the ConfigError itself).
    A Cleaner holds no per-page state, and nothing reads a page by changing what it
    holds (the frozen Config, the detectors, the shipped models and the scorer's
    weights): shared, it gives every page what a fresh one gives. Made
    for every `clean()` call (its Config checked field by field, its detectors and
    models looked up) it cost 45 µs a page, a fiftieth of a text dump's time."""
    try:
        return Cleaner()
    except ConfigError:
        return None


_DEFAULT_CLEANER: Final = _default_cleaner()
