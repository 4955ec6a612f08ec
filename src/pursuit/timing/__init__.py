"""Timing devices: the timer's impulses read from a serial port or a TCP socket (`reader`), the
long-running loop that records them (`listen`) and a device emulator (`emulator`)."""
