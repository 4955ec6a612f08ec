"""Page models: what each public page shows, built from the live state and the results view.

Each builder takes (CompetitionState, ResultsView) and returns frozen dataclasses of strings and
numbers; the HTML templates and the JSON variants both render them.
"""
