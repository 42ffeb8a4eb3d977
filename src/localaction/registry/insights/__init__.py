"""Published registry data as insights facts and tables (``facts.py``), and the open-data bulk files built from
them (``opendata.py``). Reads only published, current versions. See docs/insights.md and docs/opendata.md."""
