"""Journeys through staff profiles and introduction films, and "who can see my things":
a worker writes their profile and uploads a film; Kyle watches it with captions in both
page modes; Kyle chooses what Mary can see."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import Page, expect

from coproduce.people.staff import films
from coproduce.people.staff.actions import introduction_film_add, staff_profile_update
from coproduce.people.staff.tests.staff_helpers import (
    CAPTIONS,
    make_video,
    profile_of,
)

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_is_in_easy_read,
    then_the_page_reflows_at_320_px,
    when_i_fill_in,
    when_i_press_button,
    when_i_switch_to_easy_read,
    when_i_switch_to_standard_page,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def when_i_follow(page: Page, href: str) -> None:
    with page.expect_navigation():
        page.locator(f'a[href="{href}"]').first.click()


def upload_real_film(personas, folder: Path):  # type: ignore[no-untyped-def]
    """Give the worker persona a real two-second film, checked as an upload is."""
    path = make_video(folder, seconds=2)
    video = SimpleUploadedFile("film.mp4", path.read_bytes(), content_type="video/mp4")
    profile = profile_of(personas)
    staff_profile_update(
        actor=personas.worker,
        organisation=personas.organisation,
        part="about",
        expected_version=profile.version,
        changes={"appreciate": "I am calm and I listen.", "how_i_like_to_work": "Together."},
    )
    return introduction_film_add(
        actor=personas.worker,
        organisation=personas.organisation,
        video=video,
        checked=films.check_video(video),
        captions_vtt=CAPTIONS,
        transcript="",
        upload_token=uuid.uuid4(),
    )


def test_worker_writes_their_profile_and_uploads_a_film(page_as, browser_personas, tmp_path):  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, "people:my_staff_profile")
    then_i_see_heading(page, "Your staff profile")
    then_the_accessibility_baseline_is_met(page)

    when_i_follow(page, reverse("people:my_staff_profile_edit", kwargs={"part": "about"}))
    then_i_see_heading(page, "Your one-page profile")
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(page, "What colleagues appreciate about me", "I am calm and I listen.")
    when_i_press_button(page, "Save")
    then_i_see_text(page, "I am calm and I listen.")

    when_i_follow(page, reverse("people:my_availability"))
    then_i_see_heading(page, "When you can work")
    when_i_fill_in(page, "From", "9am")
    when_i_fill_in(page, "Until", "13:00")
    when_i_press_button(page, "Add this time")
    then_i_see_text(page, "09:00 to 13:00")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_visit(page, "people:film_upload")
    then_i_see_heading(page, "Upload your introduction film")
    then_the_accessibility_baseline_is_met(page)
    captions = tmp_path / "captions.vtt"
    captions.write_bytes(CAPTIONS)
    page.get_by_label("Your film").set_input_files(str(make_video(tmp_path, seconds=2)))
    page.get_by_label("Captions (optional if you write a transcript)").set_input_files(
        str(captions)
    )
    when_i_press_button(page, "Upload film")
    then_i_see_text(page, "Your film is uploaded")
    expect(page.locator("video track[kind=captions]")).to_have_count(1)
    then_the_page_reflows_at_320_px(page)
    then_the_accessibility_baseline_is_met(page)


def test_kyle_watches_a_film_with_captions_in_both_page_modes(page_as, browser_personas, tmp_path):  # type: ignore[no-untyped-def]
    film = upload_real_film(browser_personas, tmp_path)
    page = given_i_am_signed_in_as(page_as, "person")
    when_i_visit(page, "people:staff_profile", staff_id=film.staff_id)
    then_i_see_heading(page, "Wendy Worker")

    video = page.locator("video")
    expect(video).to_have_attribute("preload", "metadata")
    expect(video).to_have_attribute("poster", reverse("people:film_poster", args=[film.pk]))
    # The captions track loads through its access-checked view and holds Wendy's words.
    page.wait_for_function(
        """() => {
          const track = document.querySelector("video").textTracks[0];
          return track && track.mode === "showing" && track.cues && track.cues.length > 0;
        }"""
    )
    cue = page.evaluate("() => document.querySelector('video').textTracks[0].cues[0].text")
    assert cue == "Hello, I am Wendy."
    # The player can read the film's length, so the film itself is served and seekable.
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert 1.5 < page.evaluate("() => document.querySelector('video').duration") < 2.5

    page.get_by_text("Read what Wendy says in the film").click()
    then_i_see_text(page, "Hello, I am Wendy.")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_switch_to_easy_read(page)
    then_i_see_heading(page, "This is Wendy")
    then_i_see_text(page, "Watch Wendy's film.")
    expect(page.locator("video track[kind=captions]")).to_have_count(1)
    then_the_page_reflows_at_320_px(page)
    then_the_accessibility_baseline_is_met(page)
    when_i_switch_to_standard_page(page)
    then_i_see_heading(page, "Wendy Worker")
    then_the_accessibility_baseline_is_met(page)


def test_kyle_chooses_what_mary_can_see(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyle = browser_personas.kyle
    link = kyle.supporters.get()
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "people:supporters", person_id=kyle.pk)
    then_the_page_is_in_easy_read(page)
    then_i_see_heading(page, "Who can see my things")
    then_i_see_text(page, "Mary can see:")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Change what Mary can see").click()
    then_i_see_heading(page, "What can Mary see?")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("My meetings").check()
    when_i_press_button(page, "Save")
    then_i_see_text(page, "Saved. Mary can see what you chose.")
    link.refresh_from_db()
    assert "meetings" in link.scopes

    when_i_switch_to_standard_page(page)
    then_i_see_heading(page, "Who can see my things")
    then_the_accessibility_baseline_is_met(page)
