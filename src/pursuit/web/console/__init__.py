"""The operator console: its page model and how events are confirmed on screen."""
