"""slicewise: a terminal assessment wizard for ecommerce integration architecture."""

__version__ = "0.1.0"
