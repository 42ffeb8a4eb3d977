"""`python -m localaction` is the `localaction` command."""

from localaction.cli import main

main()
