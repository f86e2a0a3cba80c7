"""What the challenge's pages show of its progress: the collective total against the goal,
per team without ranking them, the people taking part and the day's check-ins (public); a
participant's own calendar (private); the self-assessments in aggregate and the CSV of the
counts (organisers).

The public figures come from the tallies and a count of participants: three queries, whatever
the number of people and check-ins. Nothing here names a person's results."""

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from entraide.challenges.models import (
    NO_TEAM,
    Challenge,
    CheckIn,
    DayNote,
    Feeling,
    Participant,
    Status,
    Tally,
    Team,
)
from entraide.core.spreadsheet import SafeWriter

SMALLEST_COUNT = 5  # aggregates of fewer answers are withheld, as in surveys
SMALLEST_GROUP = 3  # a team's total is public from this many people taking part in it


@dataclass(frozen=True)
class Counts:
    """Pledge-days by status, and the goal units they make (½ for a half day)."""

    held: int = 0
    half: int = 0
    missed: int = 0

    @property
    def half_units(self) -> int:
        return 2 * self.held + self.half

    @property
    def pledge_days(self) -> float:
        """Toward the goal: kept days, plus half of the halfway ones."""
        return self.half_units / 2


@dataclass(frozen=True)
class TeamProgress:
    """A team's figures; `counts` is None (withheld) when the team is too small for its total
    to stay anonymous (protect_small_groups)."""

    name: str
    people: int
    counts: Counts | None


@dataclass(frozen=True)
class Progress:
    goal: int
    goal_wording: str
    total: Counts
    people: int  # confirmed and not left
    teams: list[TeamProgress]  # alphabetical: never a ranking
    without_team: TeamProgress | None
    today: date
    today_counts: Counts
    today_people: int  # people who checked in today

    @property
    def percent(self) -> int:
        """Toward the goal, rounded down, at most 100."""
        return min(100, self.total.half_units * 100 // (2 * self.goal))

    @property
    def reached(self) -> bool:
        return self.total.half_units >= 2 * self.goal


def _taking_part():
    return Q(confirmed_at__isnull=False, left_at__isnull=True)


@dataclass(frozen=True)
class Summary:
    """The group's total against the goal and the people taking part: a participant's page
    shows no more (Progress names the same figures)."""

    goal: int
    total: Counts
    people: int

    percent = Progress.percent


def summary(challenge) -> Summary:
    """The group's total and the people taking part, in one query (sums of the tallies and a
    count of the participants, as subqueries of one SELECT)."""

    def tally_sum(field):
        return Coalesce(
            Subquery(
                Tally.objects.filter(challenge=OuterRef("pk"))
                .order_by()
                .values("challenge")
                .annotate(total=Sum(field))
                .values("total")
            ),
            0,
        )

    people = (
        Participant.objects.filter(_taking_part(), challenge=OuterRef("pk"))
        .order_by()
        .values("challenge")
        .annotate(n=Count("pk"))
        .values("n")
    )
    row = (
        Challenge.objects.filter(pk=challenge.pk)
        .annotate(
            held=tally_sum("held"),
            half=tally_sum("half"),
            missed=tally_sum("missed"),
            people=Coalesce(Subquery(people), 0),
        )
        .values("held", "half", "missed", "people")
        .get()
    )
    return Summary(challenge.goal, Counts(row["held"], row["half"], row["missed"]), row["people"])


def progress(challenge, today=None) -> Progress:
    """The collective progress, in three queries: tallies by team, people by team, teams."""
    today = today or challenge.today()
    by_team = {
        line["team_key"]: line
        for line in Tally.objects.filter(challenge=challenge)
        .values("team_key")
        .annotate(
            all_held=Sum("held"),
            all_half=Sum("half"),
            all_missed=Sum("missed"),
            today_held=Sum("held", filter=Q(day=today)),
            today_half=Sum("half", filter=Q(day=today)),
            today_missed=Sum("missed", filter=Q(day=today)),
            today_people=Sum("people", filter=Q(day=today)),
        )
        .order_by()
    }
    people = dict(
        Participant.objects.filter(_taking_part(), challenge=challenge)
        .values("team_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("team_id", "n")
    )
    teams = list(Team.objects.filter(challenge=challenge).order_by("name", "pk"))

    def counts(key, prefix="all_"):
        line = by_team.get(key) or {}
        return Counts(*(line.get(prefix + f) or 0 for f in ("held", "half", "missed")))

    def total_of(prefix="all_"):
        return Counts(
            *(
                sum(line.get(prefix + f) or 0 for line in by_team.values())
                for f in ("held", "half", "missed")
            )
        )

    groups = [TeamProgress(t.name, people.get(t.pk, 0), counts(t.pk)) for t in teams]
    if people.get(None) or NO_TEAM in by_team:
        groups.append(TeamProgress("", people.get(None, 0), counts(NO_TEAM)))
    groups = protect_small_groups(groups)
    without = groups.pop() if len(groups) > len(teams) else None
    return Progress(
        goal=challenge.goal,
        goal_wording=challenge.goal_wording,
        total=total_of(),
        people=sum(people.values()),
        teams=groups,
        without_team=without,
        today=today,
        today_counts=total_of("today_"),
        today_people=sum(line.get("today_people") or 0 for line in by_team.values()),
    )


def protect_small_groups(groups: list[TeamProgress]) -> list[TeamProgress]:
    """Withhold the total of each group of fewer than SMALLEST_GROUP people: it would be one
    or two persons' results. The collective total stays, so a group withheld alone could be
    told by subtraction: then the smallest other group is withheld with it."""
    small = {n for n, group in enumerate(groups) if group.people < SMALLEST_GROUP}
    shown = [n for n in range(len(groups)) if n not in small]
    if len(small) == 1 and shown:
        small.add(min(shown, key=lambda n: (groups[n].people, n)))
    return [
        TeamProgress(group.name, group.people, None) if n in small else group
        for n, group in enumerate(groups)
    ]


@dataclass
class JourneyDay:
    day: date
    statuses: dict = field(default_factory=dict)  # pledge id -> Status
    note: str = ""
    can_check_in: bool = False

    @property
    def checked_in(self) -> bool:
        return bool(self.statuses)


def journey(participant, today=None) -> list[JourneyDay]:
    """The participant's calendar: every day of the challenge with what they said of it, in
    two queries."""
    challenge = participant.challenge
    today = today or challenge.today()
    open_ = today <= challenge.last_check_in_day()
    days = {day: JourneyDay(day, can_check_in=open_ and day <= today) for day in challenge.days()}
    for pledge_id, day, status in CheckIn.objects.filter(participant=participant).values_list(
        "pledge_id", "day", "status"
    ):
        if day in days:
            days[day].statuses[pledge_id] = Status(status)
    for day, text in DayNote.objects.filter(participant=participant).values_list("day", "text"):
        if day in days:
            days[day].note = text
    return list(days.values())


@dataclass(frozen=True)
class AssessmentSummary:
    """How many answered, their mean and median screen hours (None when fewer than
    SMALLEST_COUNT answered), and how many chose each feeling (None: fewer than that)."""

    answered: int
    mean_hours: float | None
    median_hours: float | None
    feelings: dict  # Feeling -> count or None (withheld)


def _protected(counts: dict) -> dict:
    """Counts below SMALLEST_COUNT withheld; one withheld count alone in the line would be
    told by subtraction from the total, so the smallest shown count is withheld with it."""
    shown = {key: (n if n >= SMALLEST_COUNT else None) for key, n in counts.items()}
    hidden = [key for key, n in shown.items() if n is None]
    if len(hidden) == 1:
        visible = [key for key, n in shown.items() if n is not None]
        if visible:
            shown[min(visible, key=lambda key: (counts[key], key))] = None
    return shown


def _summary(values: list[tuple[int | None, int | None]]) -> AssessmentSummary:
    hours = [h for h, _f in values if h is not None]
    feelings = dict.fromkeys(Feeling.values, 0)
    for _h, f in values:
        if f is not None:
            feelings[f] += 1
    answered = len(values)
    enough = len(hours) >= SMALLEST_COUNT
    return AssessmentSummary(
        answered=answered,
        mean_hours=round(sum(hours) / len(hours), 1) if enough else None,
        median_hours=median(hours) if enough else None,
        feelings=_protected(feelings) if answered >= SMALLEST_COUNT else dict.fromkeys(feelings),
    )


def assessments(challenge) -> tuple[AssessmentSummary, AssessmentSummary]:
    """The "before" and "after" self-assessments in aggregate, small counts withheld."""
    rows = list(
        Participant.objects.filter(challenge=challenge, confirmed_at__isnull=False).values_list(
            "before_screen_hours", "before_feeling", "after_screen_hours", "after_feeling"
        )
    )
    before = [(b, f) for b, f, _a, _g in rows if b is not None or f is not None]
    after = [(a, g) for _b, _f, a, g in rows if a is not None or g is not None]
    return _summary(before), _summary(after)


def write_csv(challenge, out) -> None:
    """The day-by-day counts, by team, to `out` (a file or an HttpResponse): what the public
    page adds up, nothing about anyone."""
    names = dict(Team.objects.filter(challenge=challenge).values_list("pk", "name"))
    writer = SafeWriter(out)
    writer.writerow(
        [_("day"), _("team"), _("kept"), _("halfway"), _("not today"), _("people who checked in")]
    )
    for tally in Tally.objects.filter(challenge=challenge).order_by("day", "team_key"):
        writer.writerow(
            [
                tally.day.strftime("%d/%m/%Y"),
                names.get(tally.team_key, ""),
                tally.held,
                tally.half,
                tally.missed,
                tally.people,
            ]
        )


def dashboard_counts(challenge) -> dict:
    """For the organisers: people confirmed, waiting for confirmation, left; testimonies
    waiting for moderation. One query each."""
    found = Participant.objects.filter(challenge=challenge).aggregate(
        taking_part=Count("pk", filter=_taking_part()),
        unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        left=Count("pk", filter=Q(left_at__isnull=False)),
    )
    found["pending_testimonies"] = challenge.testimonies.filter(status="en-attente").count()
    return found
