"""screens/assessment."""
