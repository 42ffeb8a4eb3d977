"""The network app's use-cases (acting user first; ``revision`` for existing rows), and its read side."""

from localaction.registry.network.services import engagement, members, networks, peers

__all__ = ["engagement", "members", "networks", "peers"]
