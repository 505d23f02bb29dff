"""The first morning: importing the outlet list from inside the app (a first-run guide
grows here)."""
