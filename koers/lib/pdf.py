"""PDF documents (letters, receipts, reports, exports) from HTML, with WeasyPrint."""

from __future__ import annotations


def pdf_of(html: str) -> bytes:
    """The PDF of an HTML page. WeasyPrint is imported on first use: loading it and its fonts takes
    more than a second, which a web worker should not spend before its first screen, nor a command
    that makes no PDF."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
