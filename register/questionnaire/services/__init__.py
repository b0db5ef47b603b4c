"""Rules and writes of the question-list builder, one module per job.

The list being built is a ``ListState`` (``register.questionnaire.state``) that the views
keep in the session; nothing reaches the database until the person saves. Functions here
flush; the view commits.
"""
