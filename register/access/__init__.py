"""Access requests: an initiative without an account asks for access to its entry in the
register, or registers a new initiative (``/toegang-aanvragen``, public, no account). Register
staff approve or refuse each request at ``/beheer/toegang``; the applicant hears either way by
e-mail. Requests are internal: never on a public page, in open data, the API, the change feed
or the search index."""
