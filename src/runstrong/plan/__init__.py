"""Fit strength sessions around a runner's calendar.

Reading calendars (`calendar_file`), naming what each event is (`classify`),
and choosing slots (`scheduler`) are separate steps, so the scheduler stays a
pure function that tests can drive with made-up weeks.
"""
