"""The one exception type whose text is shown to users, in Italian."""


class RemixError(Exception):
    """A failure the user can act on. The message is Italian and names the layer, field or file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
