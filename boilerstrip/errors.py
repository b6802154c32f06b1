"""Exceptions: every problem with the input is a `BoilerstripError` that names it."""

from __future__ import annotations


class BoilerstripError(Exception):
    """Base class of every error boilerstrip raises on purpose."""


class InputError(BoilerstripError, ValueError):
    """The page given cannot be cleaned (wrong type, undecodable, too large, empty)."""


class ConfigError(BoilerstripError, ValueError):
    """The configuration or detector set is inconsistent (unknown detector name...)."""


class ArgumentError(BoilerstripError, TypeError):
    """An argument of `clean()` or `Cleaner` has the wrong type (`url=5`,
    `config="x"`); a TypeError too, so code that catches TypeError still does."""


class NativeMismatch(BoilerstripError, ImportError):
    """A C module is installed but does not match these sources (a stale or broken
    build): raised, never run around in silence (`boilerstrip.native`)."""
