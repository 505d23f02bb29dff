"""screens/review."""
