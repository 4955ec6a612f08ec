"""`python -m pursuit` runs the command line."""

from pursuit.cli.main import main

main()
