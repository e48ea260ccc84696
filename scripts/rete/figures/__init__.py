"""The network's figures, each computed once by one pure function over the model.

The commands, their JSON and spreadsheets, and the site's «La rete» pages and
charts all read these results, so they can never disagree. Nothing here renders.
"""

from __future__ import annotations

from .analisi import Analysis, analyse
from .candidati import Candidates, candidates
from .cifre import Numbers, numbers
from .servizi import activities, inbox, most_requested, services_year
from .verifica import Verification, verify

__all__ = ["Analysis", "Candidates", "Numbers", "Verification", "analyse", "candidates",
           "numbers", "verify", "activities", "inbox", "most_requested", "services_year"]
