"""Bulk imports and exports of the registry (use-cases, all or nothing, every unreadable row listed):
``cdp`` (CDP city-wide emissions open data), ``gpc_lines`` (GPC-lines files), ``export`` (the published
data set and its exact restore), ``inventory_file`` (one file into one draft)."""
