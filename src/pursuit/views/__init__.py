"""Read models: what every output (terminal, files, web, PDF) renders from."""
