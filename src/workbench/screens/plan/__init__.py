"""screens/plan."""
