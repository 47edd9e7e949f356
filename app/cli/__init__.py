"""The command line: one module per command, each a thin layer over the Library facade."""

from .main import main

__all__ = ["main"]
