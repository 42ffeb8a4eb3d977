"""The registry: Django models, workflow (MRV states), access rules, audit and the use-cases.

Faces (api/, web/, cli/) call ``localaction.registry.services``; see docs/registry.md.
"""
