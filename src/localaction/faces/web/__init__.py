"""The pages: the public registry, the city workspace and the review desk (server-rendered Django
templates; charts with Plotly, whose JS is served from the Python package)."""
