"""Read models: what every output (terminal, files, web pages, PDF sheets, the static site)
renders from. Framework-free: they import the core, each other and one error, nothing else."""
