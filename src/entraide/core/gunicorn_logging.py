"""gunicorn's access log without private tokens.

Start gunicorn with `--logger-class entraide.core.gunicorn_logging.MaskingLogger`: the request
line, path, query string, Referer and every other atom of the access log have the token of
private addresses (entraide.core.private_links) replaced by "…"."""

from gunicorn.glogging import Logger

from entraide.core.private_links import mask


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: mask(value) if isinstance(value, str) else value for name, value in atoms.items()
        }
