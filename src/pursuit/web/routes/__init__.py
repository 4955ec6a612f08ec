"""The routes: public pages, live events, the operator console and the JSON API."""
