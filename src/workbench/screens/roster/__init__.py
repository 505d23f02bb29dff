"""screens/roster."""
