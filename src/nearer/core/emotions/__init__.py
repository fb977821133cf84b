"""Emotion recognition (a packaged GoEmotions classifier) and nearer's feelings vocabulary."""
