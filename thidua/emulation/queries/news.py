"""A news item on a concluded review, in the shape of a provincial board's news: the title naming the cluster
and the two years, the lead (day, place, the meeting), who attended, who chaired, the year's figures, the
results with their tiers and grantors, next year's head and deputies, the launch and the pact, photo caption
placeholders and the author's line.

A read, nothing else: written from the record only. A fact the record does not hold is left out of the
sentence (or the sentence is), never guessed and never written as "not recorded". Nothing while the year's
vote is sealed or before the review is concluded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.documents import wording as w
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import ClusterYear, Rating
from thidua.emulation.queries.papers import next_launch, start_of_year
from thidua.emulation.queries.summary import YearSummary, year_summary


@dataclass(frozen=True)
class Article:
    title: str
    lead: str
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    author: str = ""  # the standing body that writes the board's news; "" when the record names none

    @property
    def text(self) -> str:
        """The whole item as plain text, one block a line (for a page, a feed, a test)."""
        return "\n".join([self.title, self.lead, *self.paragraphs, *self.captions, self.author]).strip()


def news_article(cluster_year: ClusterYear) -> Article | None:
    """The news item of the year's concluded review; None before it is concluded or while sealed."""
    summary = year_summary(cluster_year)
    if summary.review is None or not summary.concluded or summary.sealed:
        return None
    following = cluster_year.year + 1
    title = _(
        "{cluster} reviews its emulation and commendation work in {year} and sets its tasks for {following}"
    )
    paragraphs = [
        text
        for text in (
            _attendance(summary),
            _chair(summary),
            *_year_figures(summary),
            _results(summary),
            _next_leaders(summary),
            _launch_and_pact(summary),
        )
        if text
    ]
    return Article(
        title=title.format(cluster=summary.cluster.name, year=cluster_year.year, following=following),
        lead=_lead(summary),
        paragraphs=paragraphs,
        captions=_captions(summary),
        author=summary.organizer.standing_body,
    )


def _place(summary: YearSummary) -> str:
    review = summary.review
    if review is not None and review.place:
        return review.place
    return summary.host.name if summary.host is not None else ""


def _pact_at_meeting(summary: YearSummary) -> bool:
    review = summary.review
    return review is not None and review.date is not None and summary.pact_signed == review.date


def _lead(summary: YearSummary) -> str:
    review = summary.review
    assert review is not None
    year = summary.cluster_year.year
    when = [_("On {date}").format(date=w.short_date(review.date))] if review.date else []
    if _place(summary):
        when.append(_("at {place}").format(place=_place(summary)))
    if _pact_at_meeting(summary):
        held = _(
            "{cluster} held its emulation and commendation review for {year} and signed the pact for "
            "{following}."
        )
    else:
        held = _("{cluster} held its emulation and commendation review for {year}.")
    sentence = held.format(cluster=summary.cluster.name, year=year, following=year + 1)
    return ", ".join([*when, sentence]) if when else sentence


def _attendance(summary: YearSummary) -> str:
    review = summary.review
    assert review is not None
    guests = []
    if review.board_representative:
        guests.append(_("comrade {person}").format(person=review.board_representative))
    if review.present_known:
        present = review.present.count()
        guests.append(
            _("the leaders of {present}/{total} member units").format(
                present=w.count(present), total=w.count(len(summary.members))
            )
        )
    if not guests:
        return ""
    return _("Attending the meeting were {guests}.").format(guests="; ".join(guests))


def _chair(summary: YearSummary) -> str:
    review = summary.review
    assert review is not None
    if not review.chair:
        return ""
    return _("Comrade {person} chaired the meeting.").format(person=review.chair)


def _year_figures(summary: YearSummary) -> list[str]:
    """The year as the report tells it: members and leaders, the launch, registrations and pact, ratings."""
    year = summary.cluster_year.year
    lines = []
    members = ngettext(
        "In {year} the {word} had {count} member unit",
        "In {year} the {word} had {count} member units",
        len(summary.members),
    ).format(year=year, word=w.cluster_word(summary.cluster), count=w.count(len(summary.members)))
    if summary.head is not None:
        members += _(", with {unit} as {head}").format(
            unit=summary.head.name, head=w.head_title(summary.cluster).lower()
        )
    if summary.deputies:
        members += _(" and {units} as {deputy}").format(
            units=w.unit_names(summary.deputies), deputy=w.deputy_title(summary.cluster).lower()
        )
    lines.append(members + ".")
    start = start_of_year(summary.cluster_year, summary.members)
    if start.launch is not None:
        registered = sum(1 for unit in start.members if unit.pk in start.registrations)
        lines.append(
            _(
                "Carrying out plan No. {number} of {date}, {registered}/{total} units registered for the "
                "emulation and {signed}/{total} signed the pact."
            ).format(
                number=start.launch.document_number,
                date=w.short_date(start.launch.date),
                registered=w.count(registered),
                signed=w.count(len(start.signings)),
                total=w.count(len(start.members)),
            )
        )
    counted = Counter(summary.ratings.values())
    ratings = [
        _("{count} {rating}").format(count=w.count(counted[r.value]), rating=str(r.label).lower())
        for r in Rating
        if counted[r.value]
    ]
    if ratings:
        lines.append(
            _("By the year's scores, the units were rated: {ratings}.").format(ratings=", ".join(ratings))
        )
    return lines


def _results(summary: YearSummary) -> str:
    if not summary.proposals:
        return _("The meeting proposed no unit for commendation.")
    votes = {(line.tier.pk, line.unit.pk): line.votes for line in summary.tally}
    parts = []
    for tier in summary.tiers:
        names = []
        for line in summary.proposals:
            if line.tier != tier:
                continue
            got = votes.get((tier.pk, line.unit.pk))
            cast = summary.ballots_cast
            names.append(
                _("{unit} ({votes}/{cast} votes)").format(
                    unit=line.unit.name, votes=w.count(got), cast=w.count(cast)
                )
                if got is not None and cast
                else line.unit.name
            )
        if names:
            grantor = next(line.grantor for line in summary.proposals if line.tier == tier) or tier.grantor
            parts.append(
                _("the {award} ({grantor}) to {units}").format(
                    award=tier.name, grantor=grantor, units=", ".join(names)
                )
            )
    method = summary.method_label.lower()
    return _("By {method}, the meeting agreed to propose: {parts}.").format(
        method=method, parts="; ".join(parts)
    )


def _next_leaders(summary: YearSummary) -> str:
    if not summary.next_known or summary.next_head is None:
        return ""
    following = summary.cluster_year.year + 1
    text = _("{unit} is the {head} for {year}").format(
        unit=summary.next_head.name, head=w.head_title(summary.cluster).lower(), year=following
    )
    if summary.next_deputies:
        text += _(", {units} the {deputy}").format(
            units=w.unit_names(summary.next_deputies), deputy=w.deputy_title(summary.cluster).lower()
        )
    how = decided_by_text(summary.next_decided_by)
    # The label starts a sentence elsewhere; here it sits in brackets, the decision's number kept as written.
    return text + (f" ({how[:1].lower()}{how[1:]})." if how else ".")


def _launch_and_pact(summary: YearSummary) -> str:
    following = summary.cluster_year.year + 1
    sentences = []
    if _pact_at_meeting(summary):
        sentences.append(
            _("At the meeting the member units signed the emulation pact for {year}.").format(year=following)
        )
    elif summary.pact_signed is not None:
        sentences.append(
            _("The member units signed the emulation pact for {year} on {date}.").format(
                year=following, date=w.short_date(summary.pact_signed)
            )
        )
    launch = next_launch(summary.cluster_year)
    if launch is not None:
        sentences.append(
            _(
                "The emulation movement for {year} was launched by plan No. {number} of {date}: {theme}."
            ).format(
                year=following,
                number=launch.document_number,
                date=w.short_date(launch.date),
                theme="; ".join(
                    line.strip().rstrip(".") for line in launch.theme.splitlines() if line.strip()
                ),
            )
        )
    return " ".join(sentences)


def _captions(summary: YearSummary) -> list[str]:
    """Where the photos go, each with its caption: the meeting, its chair, the pact's signing."""
    review = summary.review
    assert review is not None
    captions = [_("[Photo: the meeting]")]
    if review.chair:
        captions.append(
            _("[Photo: comrade {person} chairs the meeting]").format(person=w.person_name(review.chair))
        )
    if _pact_at_meeting(summary):
        captions.append(
            _("[Photo: the member units sign the emulation pact for {year}]").format(
                year=summary.cluster_year.year + 1
            )
        )
    return captions
