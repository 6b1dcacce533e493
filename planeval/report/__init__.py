"""Report writers, one function per format: ``writer(runs, context) -> str | bytes``.

``runs`` is the list of :class:`planeval.findings.Report` (one per plan × rule set) and ``context`` a
dict with the building block (several plans or units), baseline notes and options. HTML is built
from the same dict as JSON (``report.json_report.reports_to_dict``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

#: format -> "module:function" (imported when used, so that the CLI starts fast)
WRITERS: dict[str, str] = {
    "json": "planeval.report.json_report:write_json",
    "html": "planeval.report.html:write_html",
    "junit": "planeval.report.junit:write_junit",
    "md": "planeval.report.markdown:write_markdown",
    "dxf": "planeval.report.dxf_overlay:write_dxf_overlay",
    "pdf": "planeval.report.pdf:write_pdf",
}


def writer(fmt: str) -> Callable[..., Any]:
    module, func = WRITERS[fmt].split(":")
    return getattr(import_module(module), func)
