"""The plan: actions written for the client's own objects, flows and systems, cut into slices with limits."""
