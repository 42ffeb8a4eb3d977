"""Pages for targets, pathways, milestones and the 10% Efficiency-Gain Programme (namespace ``targets``)."""
