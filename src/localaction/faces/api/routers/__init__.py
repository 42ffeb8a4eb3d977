"""One router per aggregate; ``__init__`` of the package mounts them."""
