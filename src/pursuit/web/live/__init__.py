"""Live updates: who moved, the subscribers who want to know, and the watchers that notice."""
