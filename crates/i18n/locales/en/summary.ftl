# (filled in as the views move their words here)
