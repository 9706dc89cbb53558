"""The full-screen terminal player (Textual): one module per screen, styles in player.tcss."""
