"""screens/register."""
