"""targetlint-bureau: a finance bureau's own rules, as an installable targetlint plugin.

targetlint finds this module through the ``targetlint`` entry point in
``pyproject.toml`` and calls the hooks marked with ``@hookimpl``.
"""
from __future__ import annotations

from targetlint import hookimpl

from targetlint_bureau.rules import RateUnderQuantity, UnknownFundingOffice

__version__ = "0.1.0"

RULES = [UnknownFundingOffice, RateUnderQuantity]


@hookimpl
def targetlint_rules():
    """The bureau's rules; codes B801 and B802 (the letter B is this plugin's)."""
    return RULES
