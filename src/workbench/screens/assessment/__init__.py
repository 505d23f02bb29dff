"""Self-assessment screen: grade card, mood chart, tabs and their forms."""
