"""Exercise figures: key poses of a simple body as data, drawn as SVG or in the terminal."""
