"""Which Comuni a planner is looking at: Zone omogenee and Comuni resolved from the pack (model) and
the filter applied to the layers of a project (filtering). Imports `base` and `data`."""
