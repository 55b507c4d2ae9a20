"""Use cases shared by the web views, the API and the CLI."""
