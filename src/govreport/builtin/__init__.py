"""Built-in plugins: govreport's own features, registered exactly like external plugins."""
