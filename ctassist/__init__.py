"""ctassist: counter-terrorism criminal justice platform."""
