"""Render a page as a tagged PDF (PDF/UA-1) with WeasyPrint, loading nothing from outside.

The PDF carries its title and language, and its headings, lists and images are tagged,
so a screen reader reads it in order. Images are embedded as ``data:`` URLs and every
other address is refused, so a print never fetches anything over the network.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import get_template
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from coproduce.core.symbols import symbol

PDF_CONTENT_TYPE = "application/pdf"


def data_url(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def symbol_data_url(name: str) -> str:
    """Return the OpenMoji picture for a symbol name as a ``data:`` URL ("" if missing)."""
    found = finders.find(symbol(name).path)
    if not found:
        return ""
    return data_url(Path(str(found)).read_bytes(), "image/svg+xml")


# One font configuration for the process: WeasyPrint makes a new one (a Fontconfig
# configuration and a Pango font map) for each document unless given one, and a worker
# printing PDFs all day grew by about 200 KB a document that it never gave back.
_FONT_CONFIG: FontConfiguration | None = None


def _font_config() -> FontConfiguration:
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def render_tagged_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a Jinja2 template to PDF/UA-1 bytes, with only ``data:`` URLs allowed."""
    html = get_template(template_name).render(context)
    document = HTML(
        string=html,
        base_url="data:,",
        url_fetcher=URLFetcher(allowed_protocols=["data"]),
    )
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, font_config=_font_config())
