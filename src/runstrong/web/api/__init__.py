"""The JSON API under /api: one router per resource, the same calls the pages make."""
