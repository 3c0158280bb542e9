"""Notifications: what one user is told, in-app and by email (the model is
``accounts.models.Notification``). ``kinds`` holds the words of each kind, registered by the
app that sends it; ``actions`` writes them; ``tasks`` emails them; ``queries`` reads them."""
