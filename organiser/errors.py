"""The errors the program raises for people to read, one class per kind of problem."""


class OrganiserError(Exception):
    """A problem the user can act on; its text is written for them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(OrganiserError):
    """A value the user gave is not acceptable; `field` names the form field or option."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(OrganiserError):
    """A record named by id or UUID does not exist."""


class ConflictError(OrganiserError):
    """The record was changed elsewhere since it was read; the versions when they are known."""

    def __init__(
        self,
        message: str,
        current_version: int | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.current_version = current_version
        self.expected_version = expected_version


class DatabaseError(OrganiserError):
    """The database cannot be opened or used (too new, damaged, unreadable)."""


class SchemaTooNew(DatabaseError):
    """The database was written by a newer version of the program."""


class UnexpectedError(OrganiserError):
    """A failure nobody foresaw (a bug), said in one line; the original is its `__cause__`."""


class FileWriteError(OrganiserError):
    """A file the user asked for could not be written; the file they named is left as it was."""
