"""Type stubs of the `dyad` package."""

from typing import Any, Iterable, Mapping, Optional

from ._dyad import (
    DOCUMENT_SCHEMA as DOCUMENT_SCHEMA,
    ERROR_SCHEMA as ERROR_SCHEMA,
    EVENT_SCHEMA as EVENT_SCHEMA,
    FLAT_SCHEMA as FLAT_SCHEMA,
    DocumentError as DocumentError,
    DyadError as DyadError,
    DyadWarning as DyadWarning,
    EventStream as EventStream,
    SetupError as SetupError,
    __version__ as __version__,
    flat_columns as flat_columns,
)
from ._dyad import Pipeline as _Pipeline

class Pipeline(_Pipeline):
    def code_arrow(
        self,
        table: Any,
        *,
        text_col: str = "text",
        id_col: Optional[str] = None,
        date_col: Optional[str] = None,
        title_col: Optional[str] = None,
        url_col: Optional[str] = None,
        batch_size: int = 512,
        errors: str = "raise",
    ) -> Any:
        """Events of a pyarrow table's documents as a pyarrow table (flat columns)."""

def flat_rows(events: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """The flat rows of ``dyad.event/1`` dicts."""

def to_frame(events: Iterable[Mapping[str, Any]]) -> Any:
    """A pandas DataFrame with the flat columns of ``dyad code --to csv``."""

def arrow_schema() -> Any:
    """The pyarrow schema of the flat layout."""
