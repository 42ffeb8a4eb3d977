"""Targets and commitments (tables of the ``registry`` app label) and the programmes' own tables
(milestone evidence, framework commitments, efficiency readings: app label ``programmes``)."""

from localaction.registry.targets.models.programmes import (
    EfficiencyReading,
    FrameworkCommitment,
    MilestoneEvidence,
)
from localaction.registry.targets.models.targets import Commitment, CommitmentKind, Target, TargetKind

__all__ = [
    "Commitment",
    "CommitmentKind",
    "EfficiencyReading",
    "FrameworkCommitment",
    "MilestoneEvidence",
    "Target",
    "TargetKind",
]
