"""Organisations (the tenants), their services, users and their memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A care provider. Everything else belongs to exactly one organisation."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    brand_colour = models.CharField(
        max_length=7,
        default="#1d5e7a",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour like #1d5e7a."))],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    class Kind(models.TextChoices):
        SUPPORTED_LIVING = "supported_living", _("Supported living")
        HOME_CARE = "home_care", _("Home care")
        DAY_SERVICE = "day_service", _("Day service")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    area = models.CharField(max_length=120, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="service_name_unique_in_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "area"])]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. Email is the sign-in name; there is no username."""

    email = models.EmailField(unique=True)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Page preferences, also kept in the session for people who are not signed in.
    easy_read = models.BooleanField(default=False)
    text_only = models.BooleanField(default=False)
    language = models.CharField(max_length=8, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        indexes = [
            # The people list is in name order: with this index the first page of an
            # organisation's 29,000 current roles is read in name order, not sorted whole.
            models.Index(fields=["name", "email"], name="accounts_user_name_email"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Role(models.TextChoices):
    PERSON = "person", _("Person supported")
    SUPPORTER = "supporter", _("Supporter")
    SUPPORT_WORKER = "support_worker", _("Support worker")
    SERVICE_MANAGER = "service_manager", _("Service manager")
    QUALITY_CHECKER = "quality_checker", _("Quality checker")
    QUALITY_LEAD = "quality_lead", _("Quality lead")
    SENIOR_LEADER = "senior_leader", _("Senior leader")
    COMMISSIONER = "commissioner", _("Commissioner")
    ORG_ADMIN = "org_admin", _("Organisation admin")


# Roles that see other people's personal data must use a second factor.
MFA_REQUIRED_ROLES = frozenset(
    {
        Role.SUPPORT_WORKER,
        Role.SERVICE_MANAGER,
        Role.QUALITY_LEAD,
        Role.SENIOR_LEADER,
        Role.COMMISSIONER,
        Role.ORG_ADMIN,
    }
)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> MembershipQuerySet:
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A user's role in one organisation, optionally limited to some of its services."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    services = models.ManyToManyField(Service, blank=True, related_name="memberships")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(ended_at__isnull=True),
                name="one_current_membership_per_role",
            )
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} at {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None


class Notification(models.Model):
    """Something one user is told, in-app and by email: "Kyle asked to change a worker".

    The words are not stored: ``kind`` names a registered kind (``accounts.notifications``)
    and ``params`` holds the names and dates it needs, so each reader sees it in their own
    language and page mode when they read it. Nothing private (a reason, what was said
    about a worker) goes into ``params``: the page it links to decides who reads that.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    # The path of the page it is about ("/team/requests/12/").
    target = models.CharField(max_length=300)
    # One notification per recipient and key: the same event told twice is told once.
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_key")
        ]
        indexes = [
            models.Index(fields=["recipient", "organisation", "-created_at"]),
            models.Index(
                fields=["recipient", "organisation"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.kind}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
