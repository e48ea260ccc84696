"""The form generators that switch on ``rete.content.fields``: the web form and its
preview, the issue form, the ``rete nuova`` template and the field guide. (The Word
form stays in ``rete.intake``, beside the reader of the files it makes.)"""
