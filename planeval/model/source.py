"""Back to the file a plan was read from: the DXF opened again, as the reader opened it.

Reports that write a copy of the drawing (the DXF overlay) need the ezdxf document itself; they
get it here rather than from :mod:`planeval.read`, which only the model sees.
"""

from __future__ import annotations

from typing import Any

from planeval.diagnostics import DiagnosticLog
from planeval.model.types import SourceInfo
from planeval.read.load import load_dxf


def reopen(source: SourceInfo) -> Any:
    """The ezdxf document of ``source.path``, with the encoding it was read with (recover mode when
    the file needs it), every object whole (proxy objects too: the copy keeps them). Raises
    :class:`~planeval.errors.InputError` when it cannot be read again."""
    encoding = source.encoding if not source.binary and source.encoding else None
    return load_dxf(source.path, encoding=encoding, log=DiagnosticLog(), whole=True).doc
