"""The survey report's PDF is made by core.pdf (WeasyPrint with a fetcher that never reaches
the network), shared with the stories' anthology."""

from entraide.core.pdf import StaticOnly, html_to_pdf, static_file

__all__ = ["StaticOnly", "html_to_pdf", "static_file"]
