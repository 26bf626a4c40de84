"""One parser module per publisher format; importing this package registers them all."""
