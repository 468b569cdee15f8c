"""The built-in rules, one family per subpackage; each family is a plugin."""
