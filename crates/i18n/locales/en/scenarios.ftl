# (filled in as the catalog moves its words here)
