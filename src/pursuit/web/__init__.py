"""The web shell: public pages, the operator console, the JSON API and live updates."""
