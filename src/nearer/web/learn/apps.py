from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "nearer.web.learn"
    label = "learn"
