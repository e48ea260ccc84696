"""The intake adapters: schede and poli that arrive from outside the git workflow.

Files dropped in a shared folder, survey spreadsheets and Word forms become
candidates; ``pipeline`` checks each one with the core, exactly as ``rete
valida`` would, and writes it into schede/ or poli/ without ever overwriting.
"""
