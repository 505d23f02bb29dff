"""Reminders when the app is closed (提醒), and the day in the user's calendar (日历).

``digest`` gathers what is due today and overdue from the homes of each rule (the plan's
agenda, the roster's visits due, the register's deadlines and stock forecast) and writes
it as plain text; ``notify`` shows it as a desktop notification; ``schedule`` installs a
daily run (systemd user timer, crontab line, launchd agent or Task Scheduler entry);
``ics`` writes the coming days as an iCalendar file. No tables of its own, no Textual.
"""
