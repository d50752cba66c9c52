"""API plumbing every app's router uses: authentication, JSON errors, pagination."""
