"""The `advisor` command as a user runs it: its output, exit statuses and one-line errors."""
