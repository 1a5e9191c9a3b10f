"""Keep the samples between markers of docs pages in sync with the specs."""
