"""Custom actions of the clonus assistant (run by the rasa-sdk action server)."""
