"""A disconnection challenge ("défi solidaire de déconnexion"): its pledges and teams, the
people taking part, their daily check-ins, their testimonies, and the anonymous tallies the
public progress page reads.

The goal is counted in **pledge-days**: each pledge a participant kept for a day counts 1, a
pledge kept halfway counts ½, a day "not today" counts 0. Tallies store half-units (a kept
pledge-day is 2, a half one is 1) so that every count stays an integer; progress is
half-units / 2 against `Challenge.goal`.

Days are days of the challenge's own time zone. A day can be checked in from its start, and
filled in afterwards until the end of the day after the challenge's last day (one grace day,
for the person who fills in the last evening the next morning); never for a day to come.

Privacy: a participant's check-ins and notes are theirs; the public sees only tallies (per
challenge, team and day), which never name anyone and which erasing a participant leaves in
place: the person's rows go, the anonymous counts stay."""

import zoneinfo
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.models import MarkdownDescribed
from entraide.core.tokens import keyed_token
from entraide.places.models import Place
from entraide.workshops.models import validate_time_zone

LINK_PURPOSE = "entraide.challenges.participant-link"
TITLE_MAX = 200
PLEDGE_MAX = 200
GOAL_WORDING_MAX = 200
TEAM_NAME_MAX = 100
TEAM_CODE_LENGTH = 6
NAME_MAX = 100
NOTE_MAX = 1_000  # characters of a day's private note
TESTIMONY_MAX = 2_000  # characters of a testimony: said beside the field
SIGNATURE_MAX = 100
HIDDEN_REASON_MAX = 300
ACTIVITIES_MAX = 5_000
GRACE_DAYS = 1  # days after the last one during which missed days may still be filled in
MAX_DAYS = 366
NO_TEAM = 0  # the team key of the tallies of people without a team


class Challenge(MarkdownDescribed):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="challenges")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    goal = models.PositiveIntegerField(
        _("collective goal"), help_text=_("In pledge-days kept, all participants together.")
    )
    goal_wording = models.CharField(
        _("goal, in words"),
        max_length=GOAL_WORDING_MAX,
        blank=True,
        help_text=_("For example: 1,000 days without leisure screens, together."),
    )
    own_pledges_allowed = models.BooleanField(
        _("participants may write their own pledge"), default=True
    )
    preparatory_workshops = models.ManyToManyField(
        "workshops.Workshop",
        blank=True,
        related_name="challenges_prepared",
        verbose_name=_("preparatory workshops"),
    )
    activity_workshops = models.ManyToManyField(
        "workshops.Workshop",
        blank=True,
        related_name="challenges_offering",
        verbose_name=_("offline activities (workshops)"),
    )
    activities = models.TextField(
        _("other offline activities"),
        blank=True,
        max_length=ACTIVITIES_MAX,
        help_text=_("One per line."),
    )
    # Set when the organisers publish the challenge: before that it is a draft only they see.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="challenge_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(goal__gte=1), name="challenge_goal_positive"),
        ]

    def __str__(self):
        return self.title

    # The addresses of its pages, written out (as Participant.private_url) so that each group
    # of pages links to the others: urls.py serves them under these names.
    def get_absolute_url(self):  # challenges:detail
        return f"/defis/{self.slug}/"

    def join_url(self):  # challenges:join
        return f"/defis/{self.slug}/participer/"

    def testimonies_url(self):  # challenges:testimonies
        return f"/defis/{self.slug}/temoignages/"

    def manage_url(self):  # challenges:manage
        return f"/defis/{self.slug}/gerer/"

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def today(self, now=None) -> date:
        """Today in the challenge's time zone."""
        return (now or timezone.now()).astimezone(self.zone).date()

    def days(self) -> list[date]:
        return [
            self.starts_on + timedelta(days=n)
            for n in range((self.ends_on - self.starts_on).days + 1)
        ]

    def last_check_in_day(self) -> date:
        """The last day on which check-ins (and backfills) are accepted."""
        return self.ends_on + timedelta(days=GRACE_DAYS)

    def has_started(self, today=None):
        return (today or self.today()) >= self.starts_on

    def is_over(self, today=None):
        """The days of the challenge are over (the grace day may still be running)."""
        return (today or self.today()) > self.ends_on

    def activity_list(self) -> list[str]:
        return [line.strip() for line in self.activities.splitlines() if line.strip()]


class Pledge(models.Model):
    """One pledge to choose from (the organisers'), or a participant's own (`owner` set: only
    that participant sees and keeps it)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="pledges")
    text = models.CharField(_("pledge"), max_length=PLEDGE_MAX)
    position = models.PositiveIntegerField(default=0)
    owner = models.ForeignKey(
        "Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_pledges",
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class Team(models.Model):
    """A group taking part together (a class, a social centre, a family). People join it by
    typing its code: six readable characters, unique in the challenge, matched whatever the
    case and spaces (services.building.normalise_code)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team name"), max_length=TEAM_NAME_MAX)
    code = models.CharField(_("team code"), max_length=16)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "pk"]  # alphabetical: teams are never ranked
        constraints = [
            models.UniqueConstraint(fields=["challenge", "code"], name="team_code_unique"),
            models.UniqueConstraint(
                "challenge", Lower("name"), name="team_name_unique_in_challenge"
            ),
        ]

    def __str__(self):
        return self.name


class Feeling(models.IntegerChoices):
    """How a person feels about their screen time, in the before and after self-assessments."""

    VERY_BAD = 1, _("Very bad")
    BAD = 2, _("Rather bad")
    NEUTRAL = 3, _("Neither good nor bad")
    GOOD = 4, _("Rather good")
    VERY_GOOD = 5, _("Very good")


class Participant(models.Model):
    """Someone taking part, with or without an account. Their private link is
    keyed_token(LINK_PURPOSE, link_key), of which only the digest is looked up: mailed when
    they join (following it the first time confirms the address), and again in each reminder.
    Nothing public names them: only the tallies count them."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="challenge_participations",
    )
    display_name = models.CharField(_("name or pseudonym"), max_length=NAME_MAX)
    email = models.EmailField(_("email address"))
    language = models.CharField(max_length=10, default="fr")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    link_key = models.CharField(max_length=32, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    pledges = models.ManyToManyField(Pledge, related_name="chosen_by", verbose_name=_("pledges"))
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="participants"
    )
    buddy = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The hour (0–23, in the challenge's time zone) of the daily reminder; none: no reminder
    reminder_hour = models.PositiveSmallIntegerField(_("daily reminder at"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # the challenge's day last reminded
    before_screen_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    before_feeling = models.PositiveSmallIntegerField(
        choices=Feeling.choices, null=True, blank=True
    )
    after_screen_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    after_feeling = models.PositiveSmallIntegerField(choices=Feeling.choices, null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["joined_at", "pk"]
        indexes = [
            models.Index(fields=["challenge", "team"], name="participant_team_idx"),
            models.Index(fields=["challenge", "reminder_hour"], name="participant_reminder_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                "challenge", Lower("email"), name="one_participation_per_address"
            ),
            models.UniqueConstraint(
                fields=["challenge", "user"],
                condition=Q(user__isnull=False),
                name="one_participation_per_account",
            ),
            models.CheckConstraint(
                condition=Q(reminder_hour__isnull=True) | Q(reminder_hour__lte=23),
                name="participant_reminder_hour_in_day",
            ),
            models.CheckConstraint(
                condition=Q(before_screen_hours__isnull=True) | Q(before_screen_hours__lte=24),
                name="participant_before_hours_in_day",
            ),
            models.CheckConstraint(
                condition=Q(after_screen_hours__isnull=True) | Q(after_screen_hours__lte=24),
                name="participant_after_hours_in_day",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def is_active(self):
        """Confirmed and still taking part: counted, reminded, may check in."""
        return self.confirmed_at is not None and self.left_at is None

    @property
    def team_key(self) -> int:
        return self.team_id or NO_TEAM

    def private_token(self) -> str:
        return keyed_token(LINK_PURPOSE, self.link_key)

    def private_url(self) -> str:
        """The participant's private page (check-in, journey, reminders, leaving, their data),
        which confirms their address the first time it is followed. The pages serve it at
        this address, registered as private in hooks.py."""
        return f"/defis/{self.challenge.slug}/moi/{self.private_token()}/"

    def stop_reminders_url(self) -> str:
        """One click (a POST from that page) stops the daily reminders."""
        return f"{self.private_url()}rappels/"


class Status(models.TextChoices):
    HELD = "tenu", _("Kept")
    HALF = "a-moitie", _("Halfway")
    MISSED = "pas-aujourdhui", _("Not today")


# Half-units toward the goal each status brings
HALF_UNITS = {Status.HELD: 2, Status.HALF: 1, Status.MISSED: 0}


class CheckIn(models.Model):
    """How one pledge went on one day for one participant. Checking in again for the same day
    and pledge replaces it (one row, by the unique constraint)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="check_ins")
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="check_ins")
    day = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["day", "pledge_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "pledge", "day"], name="one_check_in_per_pledge_and_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.pledge_id}: {self.status}"


class DayNote(models.Model):
    """The private note a participant may leave with a day's check-in: only they read it."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    day = models.DateField()
    text = models.TextField(max_length=NOTE_MAX)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="one_note_per_day")
        ]

    def __str__(self):
        return f"{self.day}"


class Tally(models.Model):
    """The anonymous counts of one day of one team (team_key NO_TEAM: people without a team),
    kept up to date by services.checking_in in the check-in's transaction with database-side
    increments: `held`, `half`, `missed` count pledge-days by status, `people` the participants
    who checked in that day. Erasing a participant leaves them."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="tallies")
    team_key = models.PositiveIntegerField(default=NO_TEAM)
    day = models.DateField()
    held = models.PositiveIntegerField(default=0)
    half = models.PositiveIntegerField(default=0)
    missed = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "team_key", "day"], name="one_tally_per_team_and_day"
            )
        ]

    def __str__(self):
        return f"{self.challenge_id}/{self.team_key}/{self.day}"


class TestimonyStatus(models.TextChoices):
    PENDING = "en-attente", _("Waiting for moderation")
    PUBLISHED = "publie", _("Published")
    HIDDEN = "masque", _("Hidden")


class Testimony(models.Model):
    """What a participant tells of their challenge: anonymous unless `signed` (then shown with
    `signature`), published only once an organiser has read it."""

    __test__ = False  # not a pytest class, whatever its name

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="testimonies")
    # Deleting the participant (erasure, or their account's deletion) deletes their testimonies:
    # a signed one carries their name, an anonymous one their words.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="testimonies"
    )
    text = models.TextField(_("testimony"), max_length=TESTIMONY_MAX)
    signed = models.BooleanField(_("signed"), default=False)
    signature = models.CharField(_("signature"), max_length=SIGNATURE_MAX, blank=True)
    status = models.CharField(
        max_length=12, choices=TestimonyStatus.choices, default=TestimonyStatus.PENDING
    )
    hidden_reason = models.CharField(_("reason"), max_length=HIDDEN_REASON_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["challenge", "status"], name="testimony_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="masque") | ~Q(hidden_reason=""),
                name="hidden_testimony_has_reason",
            )
        ]

    def __str__(self):
        return self.text[:40]
