"""The application: CLI, transports (Telegram, Slack, console), HTTP server, scheduler."""
