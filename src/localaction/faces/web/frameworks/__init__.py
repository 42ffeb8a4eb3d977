"""Pages for reporting frameworks: forms generated from the framework files, report pages with scores and
radar charts, peer comparisons, the jurisdiction-page panel, and imports with a preview."""
