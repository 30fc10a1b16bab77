"""Services: the only writers. Plain functions over a Session that return plain read models."""
