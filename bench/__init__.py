"""The national-scale benchmark and the reliability checks: `python -m bench --help`."""
