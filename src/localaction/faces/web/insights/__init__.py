"""Insights pages: performance over time, peers, top performers, the reports (HTML and PDF) and the open-data
downloads. Data from ``localaction.registry.insights``; see docs/insights.md."""
