"""A local plugin whose hook takes an argument the hook does not provide."""
from targetlint import hookimpl


@hookimpl
def targetlint_rules(config):
    return []
