"""The apps import one way: core ← accounts ← places ← feature apps (workshops ← polls…).

A lower layer never imports a higher one, so that a capability can be removed from
INSTALLED_APPS and the rest still runs. Between feature apps, only a service call or a model (a
foreign key, a query in demo data) may cross: never a form, a view or a template. Tests are
left out: integration tests of a lower app may drive a higher one.

A new app takes its place in FOUNDATION or FEATURES, above what it builds on.
"""

import ast
from pathlib import Path

import entraide

SRC = Path(entraide.__file__).resolve().parent
FOUNDATION = ["core", "accounts", "places"]  # in layer order
FEATURES = [
    "workshops",
    "polls",
    "manifestos",
    "surveys",
    "challenges",
    "stories",
    "projects",
]  # a feature app may use the services of those before it
CROSSING_ALLOWED = {"services", "models"}


def _apps():
    return sorted(p.name for p in SRC.iterdir() if (p / "apps.py").exists())


def _layer(app):
    return (FOUNDATION + FEATURES).index(app)


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            # `from entraide.workshops import services` imports entraide.workshops.services
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _source_files(app):
    for path in sorted((SRC / app).rglob("*.py")):
        if "tests" not in path.relative_to(SRC).parts and "migrations" not in path.parts:
            yield path


def _violations():
    apps = _apps()
    for app in apps:
        for path in _source_files(app):
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] != "entraide" or len(parts) < 2 or parts[1] not in apps:
                    continue
                target = parts[1]
                if target == app:
                    continue
                where = f"{path.relative_to(SRC)} imports {module}"
                if _layer(target) > _layer(app):
                    yield f"{where}: {target} is above {app}"
                elif (
                    target not in FOUNDATION and len(parts) > 2 and parts[2] not in CROSSING_ALLOWED
                ):
                    yield f"{where}: only another capability's services or models may be used"


def test_every_app_is_placed_in_a_layer():
    assert set(_apps()) <= set(FOUNDATION + FEATURES), (
        "Add the new app to FOUNDATION or FEATURES in tests/test_layers.py"
    )


def test_no_module_imports_a_layer_above_its_own():
    assert list(_violations()) == []
