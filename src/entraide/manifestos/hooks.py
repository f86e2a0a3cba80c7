"""What manifestos bring to the shared pages: the menu, the home page, the organiser space, a
place's page, a workshop series' page, "My data" and account deletion. register() is all
AppConfig.ready() calls."""

from allauth.account.models import EmailAddress
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from entraide.core import registry
from entraide.core.personal_data import Row
from entraide.core.registry import Feature, Item, MenuEntry, PersonalDataSection
from entraide.manifestos import space
from entraide.manifestos.models import (
    Amendment,
    Comment,
    Contributor,
    Idea,
    Manifesto,
    Signature,
    Support,
    Vote,
)


def _item(manifesto, *, with_place=True):
    parts = [manifesto.place.name] if with_place else []
    parts.append(str(manifesto.get_phase_display()))
    return Item(manifesto.title, manifesto.get_absolute_url(), detail=" · ".join(parts))


def place_activities(place):
    manifestos = Manifesto.objects.filter(place=place).select_related("place")
    return [_item(m, with_place=False) for m in manifestos.order_by("-created_at", "pk")[:10]]


def manifestos_of_series(series):
    """The manifesto written in a workshop series: shown on the series' page."""
    manifestos = Manifesto.objects.filter(series=series).select_related("place")
    return [_item(m, with_place=False) for m in manifestos.order_by("-created_at", "pk")]


def my_contributions(user):
    return Contributor.objects.filter(user=user)


def collect_ideas(user):
    ideas = (
        Idea.objects.filter(contributor__user=user)
        .select_related("question__manifesto__place")
        .annotate(dots=Count("supports"))
        .order_by("pk")
    )
    return [
        Row()
        .add("manifesto", None, idea.question.manifesto.title, heading=True)
        .add("question", gettext_lazy("Question"), idea.question.text)
        .add("name", gettext_lazy("Name"), idea.author_name)
        .add("idea", gettext_lazy("Idea"), idea.text)
        .add("written_at", gettext_lazy("Written on"), idea.created_at)
        .add("dots", gettext_lazy("Dots received"), idea.dots)
        .add("hide_reason", gettext_lazy("Set aside because"), idea.hide_reason, optional=True)
        for idea in ideas
    ]


def collect_supports(user):
    supports = (
        Support.objects.filter(contributor__user=user)
        .select_related("idea__question__manifesto")
        .order_by("pk")
    )
    return [
        Row()
        .add("manifesto", None, s.idea.question.manifesto.title, heading=True)
        .add("idea", gettext_lazy("Idea supported"), s.idea.text)
        .add("supported_at", gettext_lazy("Supported on"), s.created_at)
        for s in supports
    ]


def erase(user):
    """Ideas stay on the wall, signed with the name given, and dots stay counted: both belong
    to the collective work (a section may cite an idea). What tied them to the account goes."""
    my_contributions(user).update(user=None, name="")


def _count_of(model):
    """The number of `model` rows of each contributor, as a subquery (no join multiplies
    another's rows)."""
    rows = (
        model.objects.filter(contributor=OuterRef("pk"))
        .order_by()
        .values("contributor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def describe_erasure(user):
    """Ideas, dots, comments and votes, counted in one query."""
    counts = {"ideas": 0, "dots": 0, "comments": 0, "votes": 0}
    for row in my_contributions(user).values(
        n_ideas=_count_of(Idea),
        n_dots=_count_of(Support),
        n_comments=_count_of(Comment),
        n_votes=_count_of(Vote),
    ):
        for key in counts:
            counts[key] += row[f"n_{key}"]
    ideas, dots = counts["ideas"], counts["dots"]
    lines = []
    if ideas:
        lines.append(
            ngettext(
                "Your idea on a manifesto’s wall stays, signed with the name you gave, "
                "without link to your account.",
                "Your %(count)s ideas on manifestos’ walls stay, signed with the name you "
                "gave, without link to your account.",
                ideas,
            )
            % {"count": ideas}
        )
    if dots:
        lines.append(
            ngettext(
                "Your dot stays counted on its idea, without link to you.",
                "Your %(count)s dots stay counted on their ideas, without link to you.",
                dots,
            )
            % {"count": dots}
        )
    lines.extend(_describe_discussion(counts["comments"], counts["votes"]))
    return lines


# Votes and comments


def collect_votes(user):
    votes = (
        Vote.objects.filter(contributor__user=user)
        .select_related("amendment__manifesto")
        .order_by("pk")
    )
    return [
        Row()
        .add("manifesto", None, v.amendment.manifesto.title, heading=True)
        .add("amendment", gettext_lazy("Amendment"), v.amendment_id, str(v.amendment))
        .add("choice", gettext_lazy("Vote"), v.choice, v.get_choice_display())
        .add("voted_at", gettext_lazy("Voted on"), v.created_at)
        .add("changed_at", gettext_lazy("Last changed on"), v.updated_at)
        for v in votes
    ]


def collect_comments(user):
    comments = (
        Comment.objects.filter(contributor__user=user)
        .select_related("manifesto", "section", "amendment")
        .order_by("pk")
    )
    return [
        Row()
        .add("manifesto", None, c.manifesto.title, heading=True)
        .add("about", gettext_lazy("About"), str(c.section or c.amendment))
        .add("reply", gettext_lazy("Reply to another comment"), c.parent_id is not None)
        .add("name", gettext_lazy("Name"), c.author_name)
        .add("comment", gettext_lazy("Comment"), c.body)
        .add("written_at", gettext_lazy("Written on"), c.created_at)
        .add("hide_reason", gettext_lazy("Hidden because"), c.hide_reason, optional=True)
        for c in comments
    ]


def _describe_discussion(comments, votes):
    """Comments stay, signed with the name given (a reply may answer them); votes stay counted,
    like dots, on a contributor no longer tied to anyone (erase() above unties it)."""
    lines = []
    if comments:
        lines.append(
            ngettext(
                "Your comment on a manifesto stays, signed with the name you gave, without "
                "link to your account.",
                "Your %(count)s comments on manifestos stay, signed with the name you gave, "
                "without link to your account.",
                comments,
            )
            % {"count": comments}
        )
    if votes:
        lines.append(
            ngettext(
                "Your vote on an amendment stays counted, without link to you.",
                "Your %(count)s votes on amendments stay counted, without link to you.",
                votes,
            )
            % {"count": votes}
        )
    return lines


def collect_amendments(user):
    amendments = (
        Amendment.objects.filter(author=user).select_related("manifesto", "section").order_by("pk")
    )
    return [
        Row()
        .add("manifesto", None, a.manifesto.title, heading=True)
        .add("kind", gettext_lazy("Amendment"), a.get_kind_display())
        .add("section", gettext_lazy("Section"), a.base_title, optional=True)
        .add("name", gettext_lazy("Name"), a.author_name)
        .add("title", gettext_lazy("Proposed title"), a.title, optional=True)
        .add("body", gettext_lazy("Proposed text"), a.body, optional=True)
        .add("rationale", gettext_lazy("Rationale"), a.rationale)
        .add("status", gettext_lazy("Status"), a.get_status_display())
        .add("proposed_at", gettext_lazy("Proposed on"), a.created_at)
        for a in amendments
    ]


def erase_amendments(user):
    """Amendments stay, signed with the name shown when they were proposed: they belong to
    the debate on the text. What tied them to the account goes."""
    Amendment.objects.filter(author=user).update(author=None)


def describe_amendments_erasure(user):
    count = Amendment.objects.filter(author=user).count()
    if not count:
        return []
    return [
        ngettext(
            "Your amendment to a manifesto stays, signed with the name shown, without link to "
            "your account.",
            "Your %(count)s amendments to manifestos stay, signed with the name shown, without "
            "link to your account.",
            count,
        )
        % {"count": count}
    ]


def signed_by_place(place):
    """The manifestos a place signed (a confirmed signature naming it), latest version first:
    shown on the place's page, one query."""
    signed = (
        Signature.objects.filter(place=place, confirmed_at__isnull=False)
        .select_related("version__manifesto")
        .order_by("version__manifesto_id", "-version__number", "pk")
    )
    seen, items = set(), []
    for signature in signed[:50]:
        version = signature.version
        if version.manifesto_id in seen:
            continue
        seen.add(version.manifesto_id)
        url = reverse(
            "manifestos:version_signatories", args=[version.manifesto.slug, version.number]
        )
        detail = gettext("signed by this place (%(label)s)") % {"label": version.label}
        items.append(Item(version.manifesto.title, url, detail=detail))
    return items


def my_signatures(user):
    """Signatures given with the account, and those given under one of its verified addresses
    (one query: the addresses are a subquery)."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values(folded=Lower("email"))
    return Signature.objects.filter(Q(user=user) | Q(email__in=verified))


def collect_signatures(user):
    signatures = my_signatures(user).select_related("version__manifesto", "place").order_by("pk")
    return [
        Row()
        .add("manifesto", None, s.version.manifesto.title, heading=True)
        .add("version", gettext_lazy("Version"), s.version.label)
        .add("name", gettext_lazy("Name"), s.name)
        .add("organisation", gettext_lazy("Organisation"), s.organisation, optional=True)
        .add("place", gettext_lazy("Place"), s.place.name if s.place else "", optional=True)
        .add("comment", gettext_lazy("Comment"), s.comment, optional=True)
        .add("email", gettext_lazy("Email"), s.email)
        .add("signed_at", gettext_lazy("Signed on"), s.created_at)
        .add("confirmed_at", gettext_lazy("Confirmed on"), s.confirmed_at, optional=True)
        for s in signatures
    ]


def erase_signatures(user):
    """A signature is a public act of its own, confirmed through its address: it stays on its
    list (the signer withdraws it through the private link mailed to her). What tied it to the
    account goes."""
    Signature.objects.filter(user=user).update(user=None)


def describe_signatures_erasure(user):
    count = Signature.objects.filter(user=user).count()
    if not count:
        return []
    return [
        ngettext(
            "Your signature of a manifesto stays on its list, without link to your account: "
            "the private link mailed to you still lets you withdraw it.",
            "Your %(count)s signatures of manifestos stay on their lists, without link to your "
            "account: the private links mailed to you still let you withdraw them.",
            count,
        )
        % {"count": count}
    ]


def register():
    registry.register_menu(
        MenuEntry("manifestos", gettext_lazy("Manifestos"), "manifestos:list", 30)
    )
    registry.register_feature(
        Feature(
            "manifestos",
            gettext_lazy("Manifestos written together"),
            gettext_lazy(
                "Post ideas during the workshops and support the best ones with your dots; "
                "the organisers draft the text from them, section by section."
            ),
            "manifestos:list",
            30,
        )
    )
    registry.register_organiser_space(space.organiser_space)
    registry.register_private_paths(("manifestes", "amendement"))
    registry.register_place_activities(place_activities)
    registry.register_place_activities(signed_by_place)
    registry.register_private_paths(("manifestes", "signature"))
    registry.register_related("workshops.series", manifestos_of_series)
    registry.register_personal_data(
        PersonalDataSection(
            "manifesto_ideas",
            gettext_lazy("My ideas for manifestos"),
            collect_ideas,
            erase,
            describe_erasure,
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "manifesto_supports", gettext_lazy("My dots on manifestos’ ideas"), collect_supports
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "manifesto_votes", gettext_lazy("My votes on amendments"), collect_votes
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "manifesto_comments", gettext_lazy("My comments on manifestos"), collect_comments
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "manifesto_amendments",
            gettext_lazy("My amendments to manifestos"),
            collect_amendments,
            erase_amendments,
            describe_amendments_erasure,
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "manifesto_signatures",
            gettext_lazy("My signatures of manifestos"),
            collect_signatures,
            erase_signatures,
            describe_signatures_erasure,
        )
    )
