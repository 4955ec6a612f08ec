"""Operators: the people who may run the console and the API, kept as events like competitions.

The same idiom as `pursuit.core`: typed commands (`commands`), typed events with a stable wire
name and version (`events`), a pure `decide(state, command) -> events` that refuses with an
`OperatorError` (`decide`) and a fold `evolve(state, event)` into an `OperatorsState` (`evolve`,
`state`). Roles are in `roles`.

Nothing here hashes, draws random numbers or reads the clock: the adapters at the edge do.
`Passwords` turns a password into its argon2id hash, `Operators` (`registry`) draws API tokens
and keeps only their SHA-256 (and only the SHA-256 of a console session's nonce), stamps when
a token or session expires and checks it, and commands and events carry the hash or the
digest, never the secret. The events are stored under the reserved competition id `_users`
(`registry.STREAM`).

Access is taken back in events: `TokenRevoked`, `SessionEnded`, `UserDisabled` (a password
change or disabling an operator decides a revocation for each token and an end for each session).

Secrets in events: each event class names the fields that must never be shown to anyone in
`secret_fields` (`password_hash`, `token_sha256`, `session_sha256`); a generic
`describe(event)` leaves them out.
"""
