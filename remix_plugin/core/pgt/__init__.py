"""The PGT compatibility check a Comune technician prepares: themes, the check itself, its coherence
with the portal's layers, the report and the package handed to CMM. Imports up to `printing`."""
