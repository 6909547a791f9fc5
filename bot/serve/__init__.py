"""Serve: starting and stopping the servers (Rasa, actions, the demo page) and the terminal chat."""
