"""The Textual app consultants use live in discovery workshops."""
