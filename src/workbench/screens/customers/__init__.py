"""The customers screens: the list with its stage filter, the card, the forms."""
