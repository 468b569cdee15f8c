"""A local plugin whose targetlint_rules() hook raises."""
from targetlint import hookimpl


@hookimpl
def targetlint_rules():
    raise RuntimeError("bureau list unavailable")
