"""The rules every app follows, so that the next ones copy a single pattern (docs/capabilities.md):
- what an app gives the shared pages is registered in one place, the register() of its
  hooks.py, which its AppConfig.ready() calls;
- an app uses the forms of core (time zones, date and time inputs), never another app's."""

import re
from pathlib import Path

import entraide

SOURCE = Path(entraide.__file__).resolve().parent
# Where the registrations are defined: the registry, and the organisers' daily summary.
DEFINING = ("core/registry.py", "places/digest.py")
REGISTRATIONS = sorted(
    name
    for module in DEFINING
    for name in re.findall(r"^def (register_\w+)\(", (SOURCE / module).read_text(), re.MULTILINE)
)


def app_modules():
    for path in sorted(SOURCE.glob("*/**/*.py")):
        parts = path.relative_to(SOURCE).parts
        if "tests" not in parts and "migrations" not in parts:
            yield parts[0], path


def test_the_registrations_are_found():
    assert {"register_menu", "register_personal_data", "register_digest_source"} <= set(
        REGISTRATIONS
    )


def test_apps_register_what_they_give_the_shared_pages_in_hooks_py_only():
    call = re.compile(rf"\b({'|'.join(REGISTRATIONS)})\(")
    registering = {
        str(path.relative_to(SOURCE))
        for _app, path in app_modules()
        if str(path.relative_to(SOURCE)) not in DEFINING
        and call.search(path.read_text(encoding="utf-8"))
    }
    assert {"accounts/hooks.py", "places/hooks.py"} <= registering
    assert sorted(path for path in registering if not path.endswith("/hooks.py")) == []


def test_an_app_takes_forms_from_core_or_itself_only():
    imported = re.compile(r"^from entraide\.(\w+)\.forms import", re.MULTILINE)
    borrowed = {
        (str(path.relative_to(SOURCE)), other)
        for app, path in app_modules()
        for other in imported.findall(path.read_text(encoding="utf-8"))
        if other not in (app, "core", "accounts")  # accounts: the name asked once, everywhere
    }
    assert borrowed == set()
