"""Pydantic models for every file format slicewise reads and every result it computes."""
