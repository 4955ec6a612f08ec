"""The command line: parse, call the application, print. No rules here."""
