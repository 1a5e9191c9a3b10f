"""The output tree: render it in memory, write it atomically, or diff it (check)."""
