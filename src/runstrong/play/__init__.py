"""Playing a session: the state machine, its clock, checkpoints, cues and what gets recorded."""
