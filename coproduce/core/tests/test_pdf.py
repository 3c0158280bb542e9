"""Printing PDFs: one font configuration for the process."""

from __future__ import annotations

import pytest

from coproduce.core import pdf


def test_every_pdf_of_a_process_shares_one_font_configuration(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """WeasyPrint builds a font configuration per document unless given one, and a worker
    printing all day grew by about 200 KB a PDF; the printer keeps one for the process."""
    made = []
    real = pdf.FontConfiguration

    def counting() -> object:
        config = real()
        made.append(config)
        return config

    monkeypatch.setattr(pdf, "FontConfiguration", counting)
    monkeypatch.setattr(pdf, "_FONT_CONFIG", None)
    seen = []
    original = pdf.HTML.write_pdf

    def write_pdf(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.get("font_config"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pdf.HTML, "write_pdf", write_pdf)
    monkeypatch.setattr(
        pdf, "get_template", lambda name: type("T", (), {"render": lambda self, c: "<p>Hi</p>"})()
    )

    first = pdf.render_tagged_pdf("any.jinja", {})
    second = pdf.render_tagged_pdf("any.jinja", {})

    assert first.startswith(b"%PDF") and second.startswith(b"%PDF")
    assert len(made) == 1
    assert seen == [made[0], made[0]]


@pytest.fixture(autouse=True)
def _fresh_font_configuration():  # type: ignore[no-untyped-def]
    yield
    pdf._FONT_CONFIG = None
