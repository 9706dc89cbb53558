"""Server-rendered pages; each module is one area of the app."""
