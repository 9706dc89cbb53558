"""Event classification: keywords in four languages, tags and the user's rules."""

from __future__ import annotations

import pytest

from plan.plan_helpers import at
from runstrong.plan.classify import Classifier, load_rules
from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import CalendarEvent, Kind


def kind_of(title: str, description: str = "", classifier: Classifier | None = None) -> Kind:
    start = at("2026-12-01 06:00")
    event = CalendarEvent(title, start, start, "test", description)
    return (classifier or Classifier()).classify(event).kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Hill repeats 8x60s", Kind.SPEED),
        ("VO2max intervals", Kind.SPEED),
        ("Race pace 3x3 km", Kind.SPEED),
        ("Easy 6 km + strides", Kind.EASY),
        ("LONG RUN 30K", Kind.LONG),
        ("Long run with tempo finish", Kind.LONG),
        ("Berlin Marathon", Kind.RACE),
        ("10K race", Kind.RACE),
        ("Intervalltraining 5x1000", Kind.SPEED),
        ("Langer Lauf 25 km", Kind.LONG),
        ("Lockerer Dauerlauf", Kind.EASY),
        ("Fractionné 10x400", Kind.SPEED),
        ("Sortie longue", Kind.LONG),
        ("Footing", Kind.EASY),
        ("Series 6x800", Kind.SPEED),
        ("Tirada larga", Kind.LONG),
        ("Rodaje suave", Kind.EASY),
        ("Team meeting", Kind.BUSY),
        ("Piano lesson", Kind.UNCLASSIFIED),
    ],
)
def test_keywords(title, kind):
    assert kind_of(title) is kind


def test_a_kind_tag_beats_the_keywords():
    assert kind_of("Tempo with the club", "kind: easy") is Kind.EASY
    assert kind_of("Parkrun [kind: race]") is Kind.RACE


def test_an_unknown_tag_is_unclassified_with_the_choices():
    start = at("2026-12-01 06:00")
    result = Classifier().classify(CalendarEvent("Run kind: sprint", start, start, "t"))
    assert result.kind is Kind.UNCLASSIFIED
    assert "speed, long, race, easy or busy" in result.reason


def test_user_rules_beat_the_table(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('parkrun = "race"\n"track meet" = "busy"\n')
    classifier = load_rules(rules)
    assert kind_of("Saturday parkrun", classifier=classifier) is Kind.RACE
    assert kind_of("Track meet volunteering", classifier=classifier) is Kind.BUSY


def test_a_rule_naming_no_kind_is_refused(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('parkrun = "fast"\n')
    with pytest.raises(PlanInputError, match="parkrun"):
        load_rules(rules)


@pytest.mark.parametrize("keyword", ['""', '"   "'])
def test_a_rule_with_an_empty_keyword_is_refused(tmp_path, keyword):
    rules = tmp_path / "rules.toml"
    rules.write_text(f'parkrun = "race"\n{keyword} = "speed"\n')
    with pytest.raises(PlanInputError) as caught:
        load_rules(rules)
    assert str(rules) in str(caught.value)
    assert f"rule {keyword[1:-1]!r} = 'speed'" in str(caught.value)
    assert "empty" in str(caught.value)
