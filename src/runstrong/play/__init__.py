"""Playing a session: the state machine, its clock, cues and what gets recorded."""
