"""What is here: the feature under a click (identify), a place found by name (places) and the infobox
written from its jinja2 template (content). Imports the layers below it, never `printing`."""
