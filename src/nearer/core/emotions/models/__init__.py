"""Shipped emotion model files (package data), written by ``training/emotions.py``."""
