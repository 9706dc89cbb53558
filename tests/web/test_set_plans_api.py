"""GET /api/advice/{workout}/sets: what each exercise's sets start from in the players."""

from __future__ import annotations

from runstrong.cli import main


def test_set_plans_give_the_weight_and_last_time(client):
    assert main(["log", "--load", "b-squat=25lb", "--rpe", "6", "--reps", "ffe-split-squat=7"]) == 0
    plans = {p["exercise_id"]: p for p in client.get("/api/advice/runners-lower-body/sets").json()}
    squat = plans["b-squat"]
    assert squat["weighted"] and squat["unit"] == "lb" and squat["load"] == 25
    assert squat["last"]["load"] == 25 and "B Squat" in squat["advice"]
    assert plans["ffe-split-squat"]["last"]["reps"] == 7
    assert plans["standing-figure-8"]["weighted"] is False
    kilos = client.get("/api/advice/runners-lower-body/sets?unit=kg").json()
    assert next(p for p in kilos if p["exercise_id"] == "b-squat")["load"] == 11.3


def test_an_unknown_workout_is_a_404_naming_it(client):
    response = client.get("/api/advice/no-such-workout/sets")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "workout_id"
