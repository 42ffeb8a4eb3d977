"""Third-party datasets as inputs (pure Python, no Django): readers for each published layout, the
arithmetic that brings a national figure down to a city, the category → GPC-line correspondences as data,
and the cross-check of a city's figures against independent estimates. See docs/datasets.md.
"""

from localaction.core.datasets.crosscheck import Comparison, Estimate, Finding, compare
from localaction.core.datasets.downscale import Share, downscale, method_text, percent, share
from localaction.core.datasets.model import KINDS, DatasetFile, Figure, Place
from localaction.core.datasets.read import LABELS, OPTIONS, read_dataset

__all__ = [
    "KINDS",
    "LABELS",
    "OPTIONS",
    "Comparison",
    "DatasetFile",
    "Estimate",
    "Figure",
    "Finding",
    "Place",
    "Share",
    "compare",
    "downscale",
    "method_text",
    "percent",
    "read_dataset",
    "share",
]
