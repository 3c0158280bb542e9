"""People supported and the supporters they choose to share with."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceProvenance


class Person(models.Model):
    """Someone the organisation supports. May or may not sign in themselves."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    preferred_name = models.CharField(_("Please call me"), max_length=120)
    full_name = models.CharField(max_length=200, blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="people")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["preferred_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.preferred_name


class Supporter(models.Model):
    """A family member, friend or advocate, and what the person agreed to share with them."""

    class Relationship(models.TextChoices):
        FAMILY = "family", _("Family member")
        FRIEND = "friend", _("Friend")
        ADVOCATE = "advocate", _("Advocate")

    class Scope(models.TextChoices):
        PROFILE = "profile", _("My profile")
        PLAN = "plan", _("My support plan")
        ROTA = "rota", _("My visits and rota")
        FEEDBACK = "feedback", _("My feedback")
        MEETINGS = "meetings", _("My meetings")
        INVOLVEMENT = "involvement", _("My involvement and payments")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporting"
    )
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    scopes = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    # Empty while an invited supporter has not said yes: until then they see nothing.
    accepted_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "user"],
                condition=Q(ended_at__isnull=True),
                name="one_current_supporter_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} supports {self.person}"

    @property
    def is_waiting(self) -> bool:
        """Invited, not yet answered."""
        return self.ended_at is None and self.accepted_at is None

    def allows(self, scope: str) -> bool:
        return self.ended_at is None and self.accepted_at is not None and scope in self.scopes


# --- Issue: people and one-page profiles -------------------------------------------------


class CommunicationFormat(models.TextChoices):
    """Formats under the Accessible Information Standard."""

    EASY_READ = "easy_read", _("Easy read")
    LARGE_PRINT = "large_print", _("Large print")
    PICTURES = "pictures", _("Pictures and symbols")
    BSL = "bsl", _("British Sign Language")
    MAKATON = "makaton", _("Makaton")
    READ_ALOUD = "read_aloud", _("Read aloud to me")
    OTHER_LANGUAGE = "other_language", _("Another language")


class Interest(models.Model):
    """One entry of the shared interest taxonomy, with a picture, the same for every organisation."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    category = models.CharField(max_length=60)
    symbol = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A skill or training a worker has (autism, epilepsy, positive behaviour support, ...)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonDetails(models.Model):
    """Who the person is and how to communicate with them; one row per person."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="details")
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    photo = models.FileField(upload_to="people/photos/", blank=True)
    photo_consent = models.BooleanField(default=False)
    communication_formats = models.JSONField(default=list, blank=True)
    communication_language = models.CharField(max_length=60, blank=True)
    how_to_communicate = models.TextField(blank=True)
    communication_reviewed_on = models.DateField(null=True, blank=True)
    other_interests = models.CharField(max_length=300, blank=True)
    interests = models.ManyToManyField(Interest, blank=True, related_name="people")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Details of {self.person}"

    @property
    def has_communication_needs(self) -> bool:
        return bool(self.communication_formats or self.how_to_communicate)

    @property
    def communication_format_labels(self) -> list[str]:
        """Return the chosen formats in words, in the order of the standard's list."""
        chosen = set(self.communication_formats or [])
        return [str(label) for value, label in CommunicationFormat.choices if value in chosen]

    @property
    def communication_format_items(self) -> list[tuple[str, str]]:
        """Return (value, words) for each chosen format, in the order of the standard's list."""
        chosen = set(self.communication_formats or [])
        return [
            (value, str(label)) for value, label in CommunicationFormat.choices if value in chosen
        ]

    @property
    def communication_review_due_on(self) -> date | None:
        """Communication needs are reviewed at least once a year."""
        if self.communication_reviewed_on is None:
            return None
        reviewed = self.communication_reviewed_on
        try:
            return reviewed.replace(year=reviewed.year + 1)
        except ValueError:  # 29 February
            return reviewed.replace(year=reviewed.year + 1, day=28)

    @property
    def communication_review_overdue(self) -> bool:
        due = self.communication_review_due_on
        return due is not None and due < timezone.localdate()

    def age_on(self, day: date) -> int | None:
        """Return the person's age in whole years on ``day``, or None without a birth date."""
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class ImportantPerson(models.Model):
    """Someone in the person's relationship circle."""

    class Closeness(models.TextChoices):
        CLOSEST = "closest", _("Closest to me")
        CLOSE = "close", _("Close to me")
        PART_OF_MY_LIFE = "part", _("Part of my life")
        PAID = "paid", _("Paid to support me")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="important_people")
    name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=80)
    closeness = models.CharField(max_length=16, choices=Closeness.choices)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["closeness", "name"]

    def __str__(self) -> str:
        return self.name


class ProfileSection(models.TextChoices):
    """The parts of a one-page profile (PRSB "About Me")."""

    LIKE_AND_ADMIRE = "like_admire", _("What people like and admire about me")
    IMPORTANT_TO_ME = "important", _("What is important to me")
    HOW_TO_SUPPORT = "how_to_support", _("How best to support me")
    GOOD_DAY = "good_day", _("A good day for me")
    BAD_DAY = "bad_day", _("A bad day for me")
    DO_NOT_TALK_ABOUT = "do_not_talk", _("Things I do not want people to talk about")


class ProfileEntry(VoiceProvenance):
    """The current text of one part of a person's one-page profile.

    ``version`` rises by one on every change; an edit based on an older version is a
    conflict, and every version is kept in ``ProfileEntryRevision``.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="profile_entries")
    section = models.CharField(max_length=20, choices=ProfileSection.choices)
    text = models.TextField(blank=True)
    picture = models.FileField(upload_to="people/profile/", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "section"], name="one_entry_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_section_display()}"


class ProfileEntryRevision(VoiceProvenance):
    """One kept version of a profile entry: who changed what, and when."""

    entry = models.ForeignKey(ProfileEntry, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    picture = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="one_revision_per_version")
        ]


class DecisionMakingProfile(VoiceProvenance):
    """How the person likes to make decisions."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="decision_making_profile"
    )
    how_i_like_information = models.TextField(blank=True)
    how_to_offer_choices = models.TextField(blank=True)
    good_times_to_decide = models.TextField(blank=True)
    bad_times_to_decide = models.TextField(blank=True)
    who_helps_me_decide = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)


class WorkerPreference(models.Model):
    """A characteristic the person wants in a worker, as a must or a would-be-nice."""

    class Characteristic(models.TextChoices):
        GENDER = "gender", _("Gender")
        AGE_RANGE = "age_range", _("Age range")
        LANGUAGE = "language", _("Speaks a language")
        DRIVES = "drives", _("Drives")
        NON_SMOKER = "non_smoker", _("Does not smoke")
        PETS_OK = "pets_ok", _("Happy with pets")
        SHARED_CULTURE = "shared_culture", _("Shares my culture or faith")

    class Strength(models.TextChoices):
        MUST = "must", _("Must")
        NICE = "nice", _("Would be nice")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="worker_preferences")
    characteristic = models.CharField(max_length=20, choices=Characteristic.choices)
    value = models.CharField(max_length=80, blank=True)
    strength = models.CharField(max_length=8, choices=Strength.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "characteristic"], name="one_preference_per_characteristic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()} ({self.get_strength_display()})"


class StaffProfile(models.Model):
    """A worker's one-page profile and what matching needs to know about them."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        NOT_SAID = "not_said", _("Prefer not to say")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff_profiles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profiles"
    )
    appreciate = models.TextField(_("What colleagues appreciate about me"), blank=True)
    matters_to_me = models.TextField(_("What matters to me"), blank=True)
    how_i_like_to_work = models.TextField(_("How I like to work"), blank=True)
    interests = models.ManyToManyField(Interest, blank=True, related_name="staff")
    other_interests = models.CharField(max_length=300, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="staff")
    languages = models.JSONField(default=list, blank=True)
    drives = models.BooleanField(default=False)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    happy_with_pets = models.BooleanField(default=True)
    smoker = models.BooleanField(default=False)
    home_area = models.CharField(max_length=60, blank=True)
    # Coarse on purpose (two decimal places, about a kilometre): enough for travel distance.
    home_latitude = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    home_longitude = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    contracted_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    committed_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    suggest_outside_my_services = models.BooleanField(default=False)
    # A picture of the worker (checked and re-encoded as any uploaded picture is), shown on
    # their profile and team cards; served only through the access-checked view.
    photo = models.FileField(upload_to="staff/photos/", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_staff_profile_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class Availability(models.Model):
    """A weekly slot when a worker can work."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="availability_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class IntroductionFilm(models.Model):
    """A worker's one-minute film, with captions or a transcript and a poster frame."""

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="films")
    video = models.FileField(upload_to="films/")
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveBigIntegerField()
    duration_seconds = models.DecimalField(max_digits=5, decimal_places=2)
    captions = models.FileField(upload_to="films/captions/", blank=True)
    transcript = models.TextField(blank=True)
    poster = models.FileField(upload_to="films/posters/", blank=True)
    is_current = models.BooleanField(default=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Sent with the upload form, so the same form posted twice stores one film.
    upload_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["staff"], condition=Q(is_current=True), name="one_current_film"
            ),
            models.UniqueConstraint(
                fields=["staff", "upload_token"], name="one_film_per_upload_token"
            ),
        ]

    def __str__(self) -> str:
        return f"Film of {self.staff.user} ({self.uploaded_at:%Y-%m-%d})"
