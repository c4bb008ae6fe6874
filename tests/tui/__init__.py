"""The Textual app driven through its pilot, and its snapshots."""
