import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from entraide.core.errors import DomainError
from entraide.core.models import MarkdownDescribed
from entraide.core.tokens import keyed_token
from entraide.places.models import Place, web_url
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.ordering import UndatedLast

MAX_CAPACITY = 10_000


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s."), params={"zone": value})


class Status(models.TextChoices):
    DRAFT = "brouillon", _("Draft")
    PUBLISHED = "publie", _("Published")
    CANCELLED = "annule", _("Cancelled")


class Theme(models.TextChoices):
    RESPONSIBLE_DIGITAL = "numerique-responsable", _("Responsible digital technology")
    SCREEN_HEALTH = "sante-ecrans", _("Screens and health")
    DISCONNECTION = "deconnexion", _("Disconnection")
    STORIES = "recits", _("Stories of the transition")
    DATA_PRIVACY = "donnees", _("Data and privacy")
    OTHER = "autre", _("Other")


class Mode(models.TextChoices):
    IN_PERSON = "sur-place", _("In person")
    ONLINE = "en-ligne", _("Online")
    HYBRID = "hybride", _("In person and online")


class Series(MarkdownDescribed):
    """A series (cycle) of workshops meant to be followed together."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=240, blank=True)
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    whole_series_preferred = models.BooleanField(
        _("attending the whole series is preferred"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:series", args=[self.slug])

    @property
    def is_public(self):
        return self.status != Status.DRAFT


class Workshop(MarkdownDescribed):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="workshops")
    series = models.ForeignKey(
        Series,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("series"),
    )
    position = models.PositiveSmallIntegerField(_("number in the series"), default=1)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=240, blank=True)
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    mode = models.CharField(_("format"), max_length=12, choices=Mode.choices)
    address = models.CharField(
        _("exact address"),
        max_length=300,
        blank=True,
        help_text=_("Shown only to confirmed participants."),
    )
    video_url = models.URLField(
        _("video link"),
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text=_("Shown only to confirmed participants."),
    )
    starts_at = models.DateTimeField(_("start"), null=True, blank=True)
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    planned_minutes = models.PositiveSmallIntegerField(
        _("planned duration (minutes)"),
        default=90,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    capacity = models.PositiveIntegerField(
        _("seats"), default=15, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # Kept by the services under the workshop's row lock; the database enforces the cap.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    waiting_count = models.PositiveIntegerField(default=0, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE
    data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = [models.F("starts_at").asc(nulls_last=True), "position", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            # A place's workshops; with the series, a region's workshops are counted from it.
            models.Index(
                fields=["place", "status", "starts_at", "series"], name="workshop_place_idx"
            ),
            models.Index(fields=["series", "position"]),
            # The list of workshops to come (views.public.workshop_list): the range "still to
            # come" in its order, with every column the count, the filters and a deep page's
            # ids read, so that they read this index alone (PostgreSQL needs starts_at and id
            # themselves for that).
            models.Index(
                "status",
                UndatedLast(),
                "series",
                "place",
                "position",
                "starts_at",
                "id",
                "theme",
                "mode",
                name="workshop_upcoming_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=models.F("capacity")),
                name="workshop_never_over_capacity",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=models.F("starts_at")),
                name="workshop_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", args=[self.slug])

    @property
    def date_to_be_decided(self):
        return self.starts_at is None

    @property
    def duration(self) -> timedelta:
        if self.starts_at:
            return self.ends_at - self.starts_at
        return timedelta(minutes=self.planned_minutes)

    @property
    def seats_left(self):
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self):
        return self.confirmed_count >= self.capacity

    @property
    def is_past(self):
        return self.starts_at is not None and self.starts_at <= timezone.now()

    @property
    def is_cancelled(self):
        return self.status == Status.CANCELLED

    @property
    def has_venue(self):
        return self.mode in (Mode.IN_PERSON, Mode.HYBRID)

    @property
    def is_online(self):
        return self.mode in (Mode.ONLINE, Mode.HYBRID)

    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def closed_reason(self, now=None) -> DomainError | None:
        """Why registration is refused now, or None if it is open: the DomainError that
        registering raises (its `code`, and its `message` for the page)."""
        now = now or timezone.now()
        series_draft = self.series_id and self.series.status == Status.DRAFT
        if self.status == Status.DRAFT or series_draft:
            return DomainError(
                gettext("This workshop is not published."), code=WorkshopErrorCode.NOT_PUBLISHED
            )
        if self.status == Status.CANCELLED:
            return DomainError(
                gettext("This workshop has been cancelled."),
                code=WorkshopErrorCode.WORKSHOP_CANCELLED,
            )
        if self.is_past:
            return DomainError(
                gettext("This workshop has already taken place."),
                code=WorkshopErrorCode.WORKSHOP_PAST,
            )
        if self.registration_opens_at and now < self.registration_opens_at:
            return DomainError(
                gettext("Registration has not opened yet."),
                code=WorkshopErrorCode.REGISTRATION_NOT_OPEN_YET,
            )
        closes = self.registration_closes()
        if closes and now >= closes:
            return DomainError(
                gettext("Registration is closed."), code=WorkshopErrorCode.REGISTRATION_CLOSED
            )
        return None


class RegistrationStatus(models.TextChoices):
    PENDING = "a-confirmer", _("Awaiting email confirmation")
    CONFIRMED = "confirmee", _("Confirmed")
    WAITING = "en-attente", _("On the waiting list")
    CANCELLED = "annulee", pgettext_lazy("registration", "Cancelled")  # French: féminin


ACTIVE = [RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]


LINK_PURPOSE = "entraide.workshops.registration-link"

# The order of the waiting line: who has waited longest first; two who entered it at the same
# moment, in the order they registered. Written only here: everything that takes, shows or
# counts the line goes through RegistrationQuerySet.
WAITING_ORDER = ("waiting_since", "id")


def _before_in_line(*values) -> Q:
    """Registrations that come before the one whose WAITING_ORDER fields hold `values` (values
    or OuterRefs): earlier on the first field, or equal on it and earlier on the next."""
    before, equal = Q(pk__in=[]), Q()
    for name, value in zip(WAITING_ORDER, values, strict=True):
        before |= equal & Q(**{f"{name}__lt": value})
        equal &= Q(**{name: value})
    return before


class RegistrationQuerySet(models.QuerySet):
    def in_waiting_order(self):
        """In the order of the waiting line; those who never waited (confirmed at once, or
        pending) come before, in the order they registered, on every database."""
        return self.order_by(*(models.F(name).asc(nulls_first=True) for name in WAITING_ORDER))

    def waiting_line(self):
        """Those waiting, first in line first; the line of one workshop when filtered by it
        (`workshop.registrations.waiting_line()`)."""
        return self.filter(status=RegistrationStatus.WAITING).in_waiting_order()

    def ahead_of(self, registration):
        """Those before `registration` in its workshop's waiting line."""
        values = [getattr(registration, name) for name in WAITING_ORDER]
        return (
            self.filter(workshop_id=registration.workshop_id)
            .waiting_line()
            .filter(_before_in_line(*values))
        )

    def with_waiting_position(self):
        """Annotate `waiting_position`: the rank in line of each registration waiting (1 for
        the first), None for the others, in the same query whatever the number of rows."""
        ahead = (
            Registration.objects.filter(workshop=OuterRef("workshop"))
            .waiting_line()
            .filter(_before_in_line(*(OuterRef(name) for name in WAITING_ORDER)))
            .order_by()
            .values("workshop")
            .annotate(n=Count("pk"))
            .values("n")
        )
        position = Coalesce(Subquery(ahead), Value(0)) + Value(1)
        return self.annotate(
            waiting_position=models.Case(
                models.When(status=RegistrationStatus.WAITING, then=position),
                default=None,
                output_field=models.IntegerField(),
            )
        )


class Registration(models.Model):
    """A person's registration for one workshop.

    Without an account it starts `pending` and holds no seat until the person confirms by the
    emailed link; the seat (or the place in line) is decided at that moment. The private link's
    token is stored only as a digest, shared by the registrations made in one request (a whole
    series), so one link manages them all."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    needs = models.CharField(
        _("accessibility needs"),
        max_length=500,
        blank=True,
        help_text=_("Optional. Seen only by the organisers."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    # The private link: token = keyed_token(LINK_PURPOSE, link_key); only its digest is looked up.
    link_key = models.CharField(max_length=32, blank=True)
    token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The language of the page the person registered on: later mails (reminders, notices
    # sent by cron or by an organiser's action) speak it too.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["workshop", "status", "waiting_since", "id"])]
        constraints = [
            models.UniqueConstraint(
                "workshop",
                Lower("email"),
                condition=Q(status__in=ACTIVE) & ~Q(email=""),
                name="one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["workshop", "user"],
                condition=Q(status__in=ACTIVE, user__isnull=False),
                name="one_active_registration_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.name or '—'} · {self.workshop}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_pending(self):
        return self.status == RegistrationStatus.PENDING

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def private_token(self) -> str:
        return keyed_token(LINK_PURPOSE, self.link_key)

    def private_url(self) -> str:
        return reverse("workshops:registration", args=[self.private_token()])

    @property
    def is_active(self):
        return self.status in ACTIVE


class PersonalCalendar(models.Model):
    """The key of a person's private calendar address, from the first time they change it.
    Until then the address is derived from the account (its id and sign-up date), so that
    addresses given out before keys existed keep working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    key = models.CharField(max_length=32)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("personal calendar")
        verbose_name_plural = _("personal calendars")

    def __str__(self):
        return str(self.user_id)
