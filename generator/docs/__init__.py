"""Documentation workflows: keep samples in Markdown pages in sync, and audit hand-written ones."""
