"""`python -m pursuit` runs the command line."""

from pursuit.cli.entry import main

main()
