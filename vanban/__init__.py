"""What every layer shares: the data model (model/), vocabularies (vocab.py), document identity
(identity.py), coded errors (errors.py), settings (settings.py), Vietnamese messages
(translations.py), accent folding (folding.py), administrative units (admin_units.py), and the
command line (cli/).
"""
