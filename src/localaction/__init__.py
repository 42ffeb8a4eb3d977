"""LocalAction: an open registry for local and regional governments' climate action."""

__version__ = "0.1.0"
