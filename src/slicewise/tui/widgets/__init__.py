"""The app's widgets: one per question kind, plus the controls around a question."""
