"""The layers of docs/architecture.md, checked on the import graph (import-linter checks the contracts in
.importlinter; this adds what a contract file cannot say: no module imports another package's private
module, whichever it is)."""

from __future__ import annotations

import grimp


def _private(module: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in module.split("."))


def test_no_module_imports_another_packages_private_module() -> None:
    graph = grimp.build_graph("localaction")
    offences = []
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if not _private(imported):
                continue
            owner = imported.rsplit(".", 1)[0]  # the package the private module belongs to
            if not (module == owner or module.startswith(owner + ".")):
                offences.append(f"{module} -> {imported}")
    assert offences == [], "import the package's public names instead:\n" + "\n".join(sorted(offences))


def test_every_registry_feature_declares_its_kinds() -> None:
    from localaction.registry.base import kinds

    slugs = [k.slug for k in kinds.all_kinds()]
    assert slugs == ["inventory", "target", "commitment", "action", "hazard", "report"]
    assert all(kinds.of(k.model) is k for k in kinds.all_kinds())
