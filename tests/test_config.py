"""Config refuses, when it is made, a value no run could use: the error names the field."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip import ArgumentError, Config, ConfigError


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("keep_threshold", 1.5, "from 0 to 1"),
        ("scorer_confidence", -0.1, "from 0 to 1"),
        ("good_min_stop_density", 2, "from 0 to 1"),
        ("good_min_words", -1, "not be negative"),
        ("max_input_chars", -5, "not be negative"),
        ("time_limit", -1.0, "not be negative"),
        ("weight_short", float("nan"), "NaN"),
        ("dom_link_density", float("nan"), "NaN"),
        ("reveal_gain", -1.0, "finite number from 0"),
        ("reveal_gain", float("inf"), "finite number from 0"),
    ],
)
def test_a_value_out_of_range_is_a_config_error_naming_the_field(field: str, value: float, said: str) -> None:
    with pytest.raises(ConfigError, match=f"Config.{field} must.*{said}") as caught:
        Config(**{field: value})
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ConfigError, match=f"Config.{field}"):
        Config().replace(**{field: value})  # a variant is checked as a new Config


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dom_link_density", 1),  # the ends of a range are in it, an int for a float too
        ("keep_text_run_threshold", 1.0),  # "never", as config.py says
        ("keep_threshold", 0.0),
        ("weight_short", -3),  # weights may be negative
        ("weight_barrier", -100.0),
        ("density_page_share", 1.5),  # a share of a density, not of a whole
        ("max_json_ld_depth", 0),
        ("time_limit", float("inf")),
        ("reveal_gain", 0),  # any reread with the minimum words
    ],
)
def test_a_value_in_range_is_taken(field: str, value: float) -> None:
    assert getattr(Config(**{field: value}), field) == value


def test_a_value_of_the_wrong_type_is_still_an_argument_error() -> None:
    """The type is checked before the range: a str is no number out of range."""
    with pytest.raises(ArgumentError, match="Config.keep_threshold"):
        Config(keep_threshold="2")  # type: ignore[arg-type]


def test_a_config_out_of_range_never_reaches_clean() -> None:
    with pytest.raises(ConfigError, match="Config.region_min_share"):
        boilerstrip.clean("<p>text</p>", config=Config(region_min_share=-0.5))
