"""Action thresholds: verdicts per pest, a company's own choices over the defaults, and what is kept."""

from __future__ import annotations

from hydrodesk.domain.phyto_verdicts import (
    DEFAULT_THRESHOLD,
    DEFAULT_THRESHOLDS,
    Threshold,
    ThresholdBook,
    Verdict,
    worst,
)


def test_the_worse_of_incidence_and_severity_decides() -> None:
    threshold = Threshold(attention_incidence=10, alert_incidence=20, attention_severity=25, alert_severity=50)
    assert threshold.verdict(0, 0) is Verdict.OKAY
    assert threshold.verdict(9.9, 24.9) is Verdict.OKAY
    assert threshold.verdict(10, 0) is Verdict.ATTENTION  # a level reached counts
    assert threshold.verdict(5, 25) is Verdict.ATTENTION
    assert threshold.verdict(20, 0) is Verdict.ALERT
    assert threshold.verdict(1, 60) is Verdict.ALERT  # rare but damaging
    assert threshold.verdict(None, None) is Verdict.NO_DATA


def test_a_company_choice_overrides_the_default_for_that_pest_only() -> None:
    book = ThresholdBook().with_threshold("aphids", Threshold(1, 2, 25, 50))
    assert book.verdict("aphids", 3, 0) is Verdict.ALERT
    assert book.for_pest("thrips") == DEFAULT_THRESHOLDS["thrips"]
    assert book.for_pest("a pest nobody named") == DEFAULT_THRESHOLD
    assert book.without("aphids").for_pest("aphids") == DEFAULT_THRESHOLDS["aphids"]


def test_a_book_survives_its_round_trip_and_drops_what_it_cannot_read() -> None:
    book = ThresholdBook().with_threshold("thrips", Threshold(3, 6, 10, 20))
    assert ThresholdBook.from_json(book.to_json()) == book
    broken = {"thrips": {"attention_incidence": "many"}, "aphids": {"alert_incidence": 5}, "mites": "x"}
    assert ThresholdBook.from_json(broken).chosen == {}  # aphids: attention 10 above alert 5 is refused
    assert ThresholdBook.from_json(None) == ThresholdBook()


def test_problems_are_named() -> None:
    assert Threshold().problems() == []
    assert len(Threshold(attention_incidence=30, alert_incidence=20, alert_severity=101).problems()) == 2


def test_a_sector_is_as_bad_as_its_worst_pest() -> None:
    assert worst([Verdict.OKAY, Verdict.ALERT, Verdict.ATTENTION]) is Verdict.ALERT
    assert worst([]) is Verdict.NO_DATA
