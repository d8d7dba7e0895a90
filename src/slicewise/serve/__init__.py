"""`slicewise serve`: a self-assessment round answered in the browser, one personal link per respondent."""
