"""`POST /api/competitions/{id}/orders`: a published order recorded by a commissaire."""

from __future__ import annotations

from fastapi.testclient import TestClient
from test_team_pursuit import create

from pursuit.web.parts import Web


def test_a_commissaire_records_a_published_order_and_a_wrong_one_is_refused(
    client: TestClient, web: Web
) -> None:
    track = create(client, web, "tp", "uci-team-pursuit")
    track.post("com", "orders", {"round": "Q", "names": ["Team 3", "Team 1"]})
    state = web.hub.service.existing("tp")
    assert state.orders == {"Q": [("Team 3", "Team 1")]}
    unknown = track.refused("com", "orders", {"round": "Q", "names": ["Team 3", "Nobody"]})
    assert "no entrant matches 'Nobody'" in unknown
    no_round = track.refused("com", "orders", {"round": "X", "names": ["Team 3", "Team 1"]})
    assert "unknown round 'X'" in no_round
    track.post("tk", "orders", {"round": "Q", "names": ["Team 1", "Team 2"]}, status=403)
    assert web.hub.service.existing("tp").orders == {"Q": [("Team 3", "Team 1")]}
