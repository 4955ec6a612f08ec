"""pursuit: run track-cycling pursuit competitions exactly by the rules."""

__version__ = "0.1.0"
