"""A local plugin that imports a module that does not exist (line 4)."""
from targetlint import hookimpl

import targetlint_bureau_helpers_that_do_not_exist  # noqa: F401


@hookimpl
def targetlint_rules():
    return []
