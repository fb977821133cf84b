"""Questionnaires nearer scores: the standard screeners, the safety screen and their shapes.

``base`` holds the shared shapes (items, choices, results, answer validation); ``registry``
finds a screener by id.
"""
