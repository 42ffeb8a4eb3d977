"""Framework reports in the registry: a versioned submission of answers to a reporting framework
(``localaction.core.frameworks``), with the MRV workflow, permissions and audit of every other submission, and the
"report once, export to many" exports and imports (``exports``)."""
