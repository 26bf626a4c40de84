"""Rich renderings of core results for the command line (presentation only): one module per
area, each taking a console and a result the core returned."""
