"""Type stubs of dyad's compiled module (`dyad._dyad`)."""

import datetime
import os
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

__version__: str
EVENT_SCHEMA: str
FLAT_SCHEMA: str
ERROR_SCHEMA: str
DOCUMENT_SCHEMA: str

Record = dict[str, Any]
"""A ``dyad.event/1`` record (or, from ``code_many(errors="record")``, a
``dyad.error/1`` record), as ``json.loads`` gives it."""

Document = Union[str, Mapping[str, Any]]
"""A string, or a mapping with ``text`` and optionally ``id``, ``date``,
``title``, ``url``."""

DateLike = Union[str, datetime.date, None]

class DyadError(Exception):
    """Base class of the errors dyad raises."""

class DocumentError(DyadError):
    """A document could not be coded."""

    doc_id: Optional[str]
    """The document's id, when it had one."""
    line: Optional[int]
    """Its 1-based position in the input of ``code_many``."""
    reason: str
    """The message alone, without the document's name."""

class SetupError(DyadError):
    """The pipeline could not be built."""

class DyadWarning(UserWarning):
    """A document was coded with a warning."""

def flat_columns() -> list[tuple[str, str, bool]]:
    """The flat layout's columns as ``(name, type, nullable)``."""

class EventStream(Iterator[Record]):
    """The records of ``Pipeline.code_many``, in input order."""

    def __iter__(self) -> EventStream: ...
    def __next__(self) -> Record: ...

class Pipeline:
    """dyad's pipeline: model, dictionaries and coder, loaded once."""

    def __init__(
        self,
        dicts: Union[str, os.PathLike[str], None] = None,
        require: Optional[str] = None,
        threads: Optional[int] = None,
        *,
        dict_format: str = "dyad",
        max_document_mb: int = 16,
        allow_empty_dicts: bool = False,
        statements: bool = False,
        min_confidence: float = 0.0,
    ) -> None: ...
    def code(
        self,
        text: str,
        *,
        doc_id: Union[str, int, None] = None,
        date: DateLike = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
    ) -> list[Record]:
        """Codes one document; its ``dyad.event/1`` records."""
    def code_many(
        self,
        docs: Iterable[Document],
        *,
        batch_size: int = 512,
        errors: str = "raise",
    ) -> EventStream:
        """Codes many documents on all threads; records in input order."""
    def parse(
        self,
        text: str,
        *,
        doc_id: Union[str, int, None] = None,
        date: DateLike = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
    ) -> Record:
        """The ``dyad.document/1`` record of one parsed document."""
    @property
    def threads(self) -> int:
        """Threads ``code_many`` uses."""
    @property
    def dictionary_warnings(self) -> list[str]:
        """Problems found while loading the dictionaries."""
