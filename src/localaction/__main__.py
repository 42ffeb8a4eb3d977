"""`python -m localaction` is the `localaction` command."""

from localaction.faces.cli import main

main()
