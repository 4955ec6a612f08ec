"""How much of the server one visitor may take: wrong passwords, password checks at once, live
streams, request bodies. Each limit is a small part; `Limits` holds one of each per app."""

from __future__ import annotations

from dataclasses import dataclass

from pursuit.web.limiting.logins import LoginThrottle, PasswordChecks
from pursuit.web.limiting.streams import StreamCap, stream_cap
from pursuit.web.settings import LimitSettings


@dataclass(frozen=True)
class Limits:
    logins: LoginThrottle
    password_checks: PasswordChecks
    streams: StreamCap

    @classmethod
    def of(cls, settings: LimitSettings) -> Limits:
        return cls(
            logins=LoginThrottle(
                settings.login_failures_per_account, settings.login_failures_per_address
            ),
            password_checks=PasswordChecks(settings.password_checks, settings.password_queue),
            streams=StreamCap(
                stream_cap(settings), settings.streams_per_address, settings.stream_retry_s
            ),
        )
