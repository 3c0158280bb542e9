"""Every interface string has a real Welsh translation, and Welsh pages use Welsh dates.

The strings are extracted from the source as ``make messages`` does, by
``tools/welsh_catalogue.py``; a failure names each string and where it is used. To fix
one, append its Welsh entry to ``coproduce/locale/cy/LC_MESSAGES/django.po`` (or run
``tools/welsh_catalogue.py apply`` with a translation file). See docs/welsh.md.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import trans_real

from conftest import Personas, signed_in_client

ROOT = Path(__file__).resolve().parents[3]
WELSH_MONTHS = [
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
]  # fmt: skip


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "welsh_catalogue", ROOT / "tools" / "welsh_catalogue.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


wc = _tool()


@pytest.fixture(scope="module")
def source() -> Catalog:
    return wc.extract_source()


def test_every_interface_string_has_a_welsh_translation(source: Catalog) -> None:
    problems = wc.check_file(source=source)
    assert not problems, (
        f"{len(problems)} strings are not translated properly in Welsh "
        "(add a Welsh entry to coproduce/locale/cy/LC_MESSAGES/django.po, see docs/welsh.md):\n"
        + "\n".join(problem.describe() for problem in problems)
    )


def test_the_welsh_plural_forms_are_djangos() -> None:
    assert wc.plural_header_problem() is None


def _entries(po: str) -> list:  # type: ignore[type-arg]
    _header, entries = wc.parse_po(po.encode())
    return entries


CRAFTED_PO = """\
msgid ""
msgstr ""
"Language: cy\\n"
"Plural-Forms: nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;\\n"

msgid "Home"
msgstr "Hafan"

msgid "Empty"
msgstr ""

#, fuzzy
msgid "Unsure"
msgstr "Ansicr"

msgid "Hello, %(name)s"
msgstr "Helo, %(enw)s"

msgid "Read <strong>this</strong>"
msgstr "Darllenwch hyn"

msgid "%(num)s service"
msgid_plural "%(num)s services"
msgstr[0] "%(num)s gwasanaeth"
msgstr[1] ""
msgstr[2] "%(num)s gwasanaeth"
msgstr[3] "%(num)s gwasanaeth"

msgid "Empty"
msgstr "Gwag"

#~ msgid "Gone"
#~ msgstr "Wedi mynd"
"""


def _crafted_source() -> Catalog:
    source = Catalog()
    for i, msgid in enumerate(
        [
            "Home",
            "Empty",
            "Unsure",
            "Hello, %(name)s",
            "Read <strong>this</strong>",
            ("%(num)s service", "%(num)s services"),
            "Gone",
            "Brand new",
        ]
    ):
        source.add(msgid, locations=[("coproduce/x/jinja2/x/page.jinja", i + 1)])
    return source


def test_the_check_names_each_string_that_is_missing_empty_fuzzy_or_misshapen() -> None:
    problems = {p.msgid if isinstance(p.msgid, str) else p.msgid[0]: p for p in wc.check(
        _crafted_source(), _entries(CRAFTED_PO)
    )}  # fmt: skip
    assert {msgid: p.problem.split(" (")[0] for msgid, p in problems.items()} == {
        "Unsure": "fuzzy",
        "Hello, %(name)s": "placeholders differ",
        "Read <strong>this</strong>": "HTML tags differ",
        "%(num)s service": "untranslated",  # one form is empty
        "Gone": "missing",  # only an obsolete (#~) entry
        "Brand new": "missing",
    }  # "Empty" appears twice; the later, translated entry counts
    assert problems["Brand new"].describe() == (
        "missing: 'Brand new' used at coproduce/x/jinja2/x/page.jinja:8"
    )


def test_a_string_planted_in_a_template_is_reported_with_where_it_is_used(
    tmp_path: Path, source: Catalog
) -> None:
    page = tmp_path / "coproduce" / "planted" / "jinja2" / "planted" / "page.jinja"
    page.parent.mkdir(parents=True)
    page.write_text('<p>{{ _("About me") }}</p>\n<p>{{ _("A string nobody translated") }}</p>\n')
    problems = wc.check_file(source=wc.extract_source(tmp_path))
    assert [p.describe() for p in problems] == [
        "missing: 'A string nobody translated' used at "
        "coproduce/planted/jinja2/planted/page.jinja:2"
    ]


def test_applying_keeps_entries_appended_by_hand_and_clears_fuzzy(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(CRAFTED_PO + '\nmsgid "Brand new"\nmsgstr "Newydd sbon"\n', encoding="utf-8")
    translations = tmp_path / "done.json"
    translations.write_text('[{"msgid": "Unsure", "context": null, "msgstr": "Sicr"}]')
    source = _crafted_source()
    del source["Home"]  # no longer in the source
    result = wc.apply([translations], po_path=po, source=source)
    assert result.translated_now == 1
    written = po.read_text(encoding="utf-8")
    problems = {p.msgid if isinstance(p.msgid, str) else p.msgid[0]: p.problem for p in wc.check(
        source, _entries(written)
    )}  # fmt: skip
    assert set(problems) == {"Hello, %(name)s", "Read <strong>this</strong>", "%(num)s service"}
    assert "#, fuzzy" not in written
    assert '#~ msgid "Home"' in written  # obsolete, kept out of Django's sight
    assert '\nmsgid "Gone"\nmsgstr "Wedi mynd"' in written  # back in the source: back in use
    assert 'msgid "Brand new"\nmsgstr "Newydd sbon"' in written  # appended by hand: kept


# Welsh pages


@pytest.fixture
def compiled_welsh() -> Iterator[None]:
    """Compile the Welsh catalogue when `make translations` has not (pytest run directly)."""
    po = wc.WELSH_PO
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalogue = read_po(handle, locale="cy")
        with mo.open("wb") as handle:
            write_mo(handle, catalogue)
        trans_real._translations = {}  # Django caches catalogues per process
    yield
    translation.activate("en-gb")  # a Welsh request leaves Welsh active in this thread


def _welsh_date(day: dt.date) -> str:
    return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"


@pytest.mark.django_db
def test_a_person_reading_in_welsh_sees_welsh_navigation_and_welsh_dates(
    personas: Personas, compiled_welsh: None
) -> None:
    from coproduce.plans.tests.factories import add_entry

    due = add_entry(personas.worker, personas.kyle).plan.review_due_on
    client = signed_in_client(personas.person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    home = client.get(reverse("home")).content.decode()
    assert '<html lang="cy"' in home
    assert ">Amdana i<" in home
    assert ">Fy nghynllun cymorth<" in home
    assert "About me" not in home and "My support plan" not in home
    plan = client.get(reverse("plans:plan", kwargs={"person_id": personas.kyle.pk}))
    html = plan.content.decode()
    assert _welsh_date(due) in html
    assert due.strftime("%B") not in html  # no English month name


@pytest.mark.django_db
def test_a_browser_asking_for_welsh_gets_welsh(personas: Personas, compiled_welsh: None) -> None:
    client: Client = signed_in_client(personas.person)
    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert ">Fy nghynllun cymorth<" in home


def test_dates_and_numbers_follow_djangos_welsh_formats(compiled_welsh: None) -> None:
    from coproduce.core.jinja2 import date_uk

    with translation.override("cy"):
        assert date_uk(dt.date(2027, 1, 5)) == "5 Ionawr 2027"
        assert date_uk(dt.date(2027, 10, 25)) == "25 Hydref 2027"
        afternoon = dt.datetime(2027, 6, 1, 14, 30, tzinfo=dt.UTC)  # 3:30pm in London
        assert date_uk(afternoon, with_time=True) == "1 Mehefin 2027, 3:30yh"
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"
        assert formats.get_format("DECIMAL_SEPARATOR") == "."


def test_welsh_plurals_pick_the_form_for_each_number(compiled_welsh: None) -> None:
    with translation.override("cy"):
        forms = {
            n: translation.ngettext("%(num)s service", "%(num)s services", n) % {"num": n}
            for n in (1, 2, 3, 8)
        }
    assert forms == {
        1: "1 gwasanaeth",
        2: "2 wasanaeth",
        3: "3 gwasanaeth",
        8: "8 gwasanaeth",
    }
