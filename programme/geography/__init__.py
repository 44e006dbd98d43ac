"""Country dossiers and the map of relationships (issue 9, items 2 and 3)."""
