"""Reading files: competition files and format definitions (the I/O edge of the core)."""
