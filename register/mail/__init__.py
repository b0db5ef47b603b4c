"""E-mail through an outbox table: a request only queues a message in the same transaction as
the change it reports; ``flask mail send`` delivers the queue by SMTP (or prints it to the log
when no mail server is configured). Nothing is lost while the mail server is down, and a
message with a key is queued once however often the code that queues it runs."""
