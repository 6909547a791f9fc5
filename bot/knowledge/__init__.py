"""Know: the versioned medical knowledge files (``knowledge/*.yml``), loaded once and typed."""
