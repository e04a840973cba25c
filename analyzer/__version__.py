"""The package version, in its own module so no internal module imports the package face."""

__version__ = "0.1.0"
