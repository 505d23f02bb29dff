"""Plan screen: today's agenda and its forms (tasks, contacts)."""
