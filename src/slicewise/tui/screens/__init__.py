"""The app's screens, one job per module."""
