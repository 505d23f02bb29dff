"""Register screens: the register views, delivery forms, the counter sign-off, originals."""
