"""The official SDKs samples call: pinned versions (and what each can call)."""
