"""Reading articles and turning their text into extraction records."""
