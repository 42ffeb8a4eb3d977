"""Third-party verification the way registries do it (Verra, Gold Standard, The Climate Registry): a verifier
is assigned to one version, declares any conflict of interest (a declared conflict blocks until the
secretariat records a mitigation), raises typed findings (clarification requests, corrective action requests)
against the version, its lines or its records, in rounds the city answers and the verifier closes, and ends
with a statement (scope, criteria, level of assurance, materiality, opinion) published with the version.

The workflow's ``verify`` transition needs a completed verification with its statement (the guard this app
registers in ``apps.ready``).
"""
