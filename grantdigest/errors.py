"""Errors a user can act on: the CLI prints them as one line on stderr."""


class UserError(Exception):
    """A problem with input or configuration: what, where, what to do."""

    exit_code = 2
