"""Programme data beside the registry: the 10% Efficiency-Gain Programme's readings, framework commitments
(Compact of Mayors join dates) and milestone evidence (plans). Django app label ``programmes``."""
