"""The inspectorate's door: explainable visit priorities (signals), decisions, internal visit
records and the access log. Nothing here is public except the description of the rules
(``/over/signalen``) and the report link of a visit, which goes through the public ``Visit``."""
