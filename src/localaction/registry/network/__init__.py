"""The association's side of the registry: members and membership (levels and fees as data, offices,
agreements, contacts kept by the members), engagement, public profiles, networks and WorkNets, peer matching
and performance partners. Django app label ``network``; see docs/network.md."""
