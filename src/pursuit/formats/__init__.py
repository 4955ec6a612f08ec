"""Format presets shipped with pursuit, one TOML file each (see docs/formats.md)."""
