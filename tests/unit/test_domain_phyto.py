"""Incidence and severity of pests and diseases over scouting points."""

from __future__ import annotations

from hydrodesk.domain.phyto import Observation, summarize


def point(**counts: tuple[float, float]) -> list[Observation]:
    return [Observation(name, count, severity) for name, (count, severity) in counts.items()]


def test_incidence_is_share_of_points_where_present() -> None:
    summary = summarize(
        [
            point(Aphids=(12, 2), Thrips=(0, 0)),
            point(Aphids=(0, 0), Thrips=(0, 0)),
            point(Aphids=(3, 1), Thrips=(5, 4)),
            point(Aphids=(0, 0), Thrips=(0, 0)),
        ]
    )
    pests = {pest.name: pest for pest in summary.pests}
    assert pests["Aphids"].incidence == 50.0
    assert pests["Thrips"].incidence == 25.0
    assert summary.incidence == 50.0  # two of four points had something
    assert summary.samples == 4


def test_severity_is_mean_grade_of_affected_points_over_top_grade() -> None:
    summary = summarize([point(Aphids=(12, 2)), point(Aphids=(3, 1)), point(Aphids=(0, 0))])
    # grades 2 and 1 where present: mean 1.5 of 4 -> 37.5 %
    assert summary.pests[0].severity == 37.5


def test_area_severity_uses_the_worst_grade_per_point() -> None:
    summary = summarize([point(Aphids=(1, 1), Botrytis=(2, 3)), point(Aphids=(4, 2), Botrytis=(0, 0))])
    # worst grades 3 and 2 -> mean 2.5 of 4
    assert summary.severity == 62.5


def test_severity_can_exceed_incidence_for_a_rare_damaging_pest() -> None:
    summary = summarize([point(Anthracnose=(1, 4))] + [point(Anthracnose=(0, 0))] * 9)
    assert summary.pests[0].incidence == 10.0
    assert summary.pests[0].severity == 100.0


def test_pests_never_present_still_listed_with_zero_and_in_first_seen_order() -> None:
    summary = summarize([point(Thrips=(0, 0), Aphids=(1, 1))])
    assert [pest.name for pest in summary.pests] == ["Thrips", "Aphids"]
    assert (summary.pests[0].incidence, summary.pests[0].severity) == (0.0, 0.0)


def test_no_samples_gives_zeros() -> None:
    summary = summarize([])
    assert (summary.samples, summary.incidence, summary.severity, summary.pests) == (0, 0.0, 0.0, [])


def test_figures_round_to_one_decimal() -> None:
    summary = summarize([point(Aphids=(1, 1)), point(Aphids=(0, 0)), point(Aphids=(0, 0))])
    assert summary.incidence == 33.3
