"""Reports for compliance officers and authorities: one case (its evidence and audit-chain
proof) and one period (the figures an authority publishes), as HTML and PDF (WeasyPrint)."""
