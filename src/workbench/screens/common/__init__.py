"""screens/common."""
