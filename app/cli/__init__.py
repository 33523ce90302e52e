"""The command line: thin click commands over the book facade."""
