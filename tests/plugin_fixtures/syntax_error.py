"""A local plugin with a syntax error on line 6."""
from targetlint import hookimpl


@hookimpl
def targetlint_rules(:
    return []
