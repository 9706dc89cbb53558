"""Event classification: keywords in four languages, tags and the user's rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Run: VO2 – 6 x 3' hard / 2' easy", Kind.SPEED),
        ("Threshold 3 x 10 min, easy jog between", Kind.SPEED),
        ("Easy warm-up, 5×1 km at 10K pace, easy cool-down", Kind.SPEED),
        ("Tempo 20' + easy cooldown", Kind.SPEED),
        ('Hills: 8 x 60" uphill, jog back down easy', Kind.SPEED),
        ("Fartlek 45' (easy/hard)", Kind.SPEED),
        ("Easy run with 10x400 in the middle", Kind.SPEED),
        ("Recovery run 30' then 4 x 1 mile", Kind.SPEED),
        ("Lockerer Dauerlauf mit 5 x 1000 m", Kind.SPEED),
        ("Intervalle 6 x 3' – locker traben", Kind.SPEED),
        ("Footing + 10 x 400 m récup 1'", Kind.SPEED),
        ("Séance seuil 3 x 8 min, footing facile", Kind.SPEED),
        ("Rodaje suave + series 6x800", Kind.SPEED),
        ("Cambios de ritmo 10 x 1' con trote suave", Kind.SPEED),
        ("Workout: 6 x 800 m", Kind.SPEED),
        ("Easy run + 6x100m strides", Kind.EASY),
        ("Easy 8 km with 6 x 20s strides", Kind.EASY),
        ("Dauerlauf locker mit 5 Steigerungen", Kind.EASY),
        ("Easy hilly run 10 km", Kind.EASY),
        ("Shakeout run 20'", Kind.EASY),
        ("Easy aerobic run 8 km", Kind.EASY),
        ("Long run 30 km, first half easy", Kind.LONG),
        ("Gym: squats 3x10", Kind.BUSY),
        ("Dinner for 2x2", Kind.BUSY),
        # Titles as training platforms and coaches write them.
        ("Easy + 6x20s strides", Kind.EASY),
        ("Tempo 3x10min @ threshold, easy jog recoveries", Kind.SPEED),
        ("Footing facile + 10x400m", Kind.SPEED),
        ("Lauf: locker 10 km mit 5x1 km Intervallen", Kind.SPEED),
        ("Rodaje suave con series 6x800", Kind.SPEED),
        ("8 x 400m @ 5K pace w/ 200m jog", Kind.SPEED),
        ("5 km easy + 4 x 1 mile @ T", Kind.SPEED),
        ("Hill repeats 10 x 90s, easy jog down", Kind.SPEED),
        ("Aerobic run with 6x30s pickups", Kind.SPEED),
        ("Easy 5k, then 3 x (1 km hard, 1 km easy)", Kind.SPEED),
        ("4x4 min hard / 3 min jog", Kind.SPEED),
        ("Easy jog, then 400 m x 10", Kind.SPEED),
        ("Fahrtspiel 40 min, locker ein- und auslaufen", Kind.SPEED),
        ("DL locker mit Tempodauerlauf 3 km", Kind.SPEED),
        ("Footing 40' + VMA 10 x 30/30", Kind.SPEED),
        ("Yasso 800s x 10, easy jog between", Kind.SPEED),
        ("Easy Run w/ 8x100m strides", Kind.EASY),
        ("Easy 10K with 6 x 100m accelerations", Kind.EASY),
        ("Shakeout 20' + 4 strides", Kind.EASY),
        ("Lauf locker + 5 Steigerungen", Kind.EASY),
        ("Footing de récupération 30'", Kind.EASY),
        ("Rodaje suave 10 km + 6 rectas", Kind.EASY),
        ("Long Run: 2 x 8 km @ MP, easy between", Kind.LONG),
        ("Sortie longue 25 km dont 3 x 5 km allure marathon", Kind.LONG),
        ("Circuit 3 x (10 squats, 10 lunges) at the gym", Kind.BUSY),
    ],
)
def test_a_hard_signal_beats_easy_words(title, kind):
    assert kind_of(title) is kind


@pytest.mark.parametrize(
    ("title", "notes", "kind"),
    [
        ("Run", "6 x 1 km at threshold, 2' jog recoveries", Kind.SPEED),
        ("Morning run", "Warm up easy, then 5 x 3' hard", Kind.SPEED),
        ("Lauf", "Intervalle: 10 x 400 m", Kind.SPEED),
        ("Workout", "Fractionné 10 x 400", Kind.SPEED),
        ("Easy run", "Keep it easy; finish with 6 x 20s strides", Kind.EASY),
        ("Long run", "Last 5 km at tempo", Kind.LONG),
        ("Team meeting", "Agenda: 3 x 20 min talks", Kind.BUSY),
        ("Workout", "easy spin", Kind.EASY),
    ],
)
def test_a_hard_session_spelled_out_in_the_notes_counts(title, notes, kind):
    assert kind_of(title, notes) is kind


def test_the_reason_names_the_deciding_words():
    start = at("2026-12-01 06:00")

    def reason(title):
        return Classifier().classify(CalendarEvent(title, start, start, "t")).reason

    assert reason("Run: VO2 – 6 x 3' hard / 2' easy") == '"VO2", a hard session, beats "easy"'
    assert reason("Easy run, then 5×1 km") == 'reps "5×1 km", a hard session, beats "Easy"'
    assert reason("6 X 3' on the road") == 'reps "6 X 3\'", a hard session'
    assert reason("Easy run") == 'keyword "Easy"'
    # Words are quoted as the title spells them, whole.
    assert reason("FRACTIONNÉ 10x400") == 'keyword "FRACTIONNÉ"'
    assert reason("Lockerer Lauf mit Intervallen") == 'keyword "Intervallen"'
    assert reason("Côtes 10 x 30s") == 'keyword "Côtes"'
    assert reason("Straße: Race pace 3 km") == 'keyword "Race pace"'
    done = Classifier().classify(CalendarEvent("Run", start, start, "t", "Then 5 x 3' hard"))
    assert done.reason == 'reps "5 x 3\'" in the notes, a hard session, beats "Run"'


#: Words that fold to other lengths (ß, ﬁ, İ), accents apart from their letter, patterns.
WORDS = ["Easy", "run", "VO2", "6 x 3'", "Fractionné", "Straße", "ǅ", "İ", "ﬁ", "Intervallen",
         "Lauf", "e\u0301", "6×1 km", "(", "3 x (a)"]  # fmt: skip


@given(
    st.lists(
        st.sampled_from(WORDS)
        | st.text(st.characters(blacklist_characters='"', blacklist_categories=("Cs",))),
        max_size=6,
    ).map(" ".join)
)
def test_the_reason_quotes_words_that_are_in_the_title(title):
    start = at("2026-12-01 06:00")
    reason = Classifier().classify(CalendarEvent(title, start, start, "t")).reason
    for quoted in re.findall(r'"([^"]*)"', reason):
        assert quoted and quoted in title


def test_a_users_easy_rule_is_not_overruled(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('"club run" = "easy"\n')
    assert kind_of("Club run 6x400", classifier=load_rules(rules)) is Kind.EASY


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
