"""The reader interface: one input file in, one :class:`Document` out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable, ClassVar

from targetlint.model import Document


#: the signs a target value is written with, by their code in the Symbol font (Word's 插入符号: ≥ is 0xB3, ≤ 0xA3),
#: for the readers of formats that keep the font's code rather than the sign (a Word ``w:sym``, a PDF's characters)
SYMBOL_SIGNS = {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈", 0xB0: "°", 0xA5: "∞",
                0xAE: "→", 0xD6: "√", 0xB7: "•"}


@dataclass(frozen=True)
class Source:
    """An input to read: a display path and a way to open its bytes."""

    path: str
    open: Callable[[], BinaryIO]
    size: int | None = None

    def read_bytes(self, limit: int | None = None) -> bytes:
        """The file's bytes (the first ``limit``); an OSError becomes a one-line InputError."""
        from targetlint.errors import InputError
        try:
            with self.open() as stream:
                return stream.read() if limit is None else stream.read(limit)
        except OSError as error:
            raise InputError(self.path, f"cannot read: {error.strerror or error}") from None


class Reader:
    """Base class of readers. Subclasses set ``name`` and ``extensions`` and
    implement :meth:`read`, raising :class:`targetlint.errors.InputError` for
    input they cannot read (never another exception)."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    #: the pip extra that provides this reader's dependencies, if any
    extra: ClassVar[str | None] = None
    #: the modules that extra installs (imported when a file is read; ``targetlint formats`` checks them)
    modules: ClassVar[tuple[str, ...]] = ()
    #: extensions another reader hands to this one when the file's bytes call for it (listed by ``formats``)
    handed_over: ClassVar[tuple[str, ...]] = ()
    #: lower runs first when several readers claim the same extension
    priority: ClassVar[int] = 100
    #: when a folder is searched, take a file with one of ``extensions`` only if ``sniff`` accepts
    #: its first bytes (for common extensions such as .json that other programs use too)
    sniff_in_folders: ClassVar[bool] = False

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        """Whether the first bytes of a file look like this format (for unknown extensions)."""
        return False

    def read(self, source: Source, framework: str = "auto") -> Document:
        """Read ``source``; ``framework`` is the configured indicator framework
        (``auto``, ``legacy`` or ``2021``) to pass on to the assembler."""
        raise NotImplementedError
