"""Privacy by default (issue 16): redaction of identifiers before anything is stored or
logged, "delete my conversation", retention (purge) and export of the tracker store."""
