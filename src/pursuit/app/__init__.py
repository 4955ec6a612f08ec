"""Application services: wire loading, the core and the views together."""
