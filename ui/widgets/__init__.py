"""Widget renderers and the widget area of Overblik."""
