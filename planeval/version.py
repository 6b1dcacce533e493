"""The version, in a leaf module so that every layer can print it."""

__version__ = "0.1.0"
