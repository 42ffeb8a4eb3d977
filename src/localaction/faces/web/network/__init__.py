"""The network pages (namespace ``network``): members, networks, peers, partners, the secretariat desk."""
