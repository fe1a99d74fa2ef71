"""The two synthesis indicators per Comune: the measures (synthesis, funding, opportunity_area), their
classes (classification) and the files they are written to (files). Imports `base`, `data`, `scope`."""
