"""Cleaning: normalised text, line roles, clean articles (one or more per page).

``clean_page(page, settings)`` is the stage; ``line_roles(text, settings)`` explains it line by
line. Rules are named; every dropped line keeps the name of the rule that dropped it.
"""

from __future__ import annotations

from thoisu.clean.page import clean_page, clean_text, line_roles

__all__ = ["clean_page", "clean_text", "line_roles"]
