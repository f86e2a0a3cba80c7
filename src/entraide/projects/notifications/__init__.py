"""The project catalogue's mails, one module per area (pairing.py, outputs.py, hosting.py,
managing.py), each through entraide.core.mail like the other apps' notifications."""
