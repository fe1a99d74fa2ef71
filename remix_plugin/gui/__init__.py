"""The GUI face: thin components over remix_plugin.core."""
