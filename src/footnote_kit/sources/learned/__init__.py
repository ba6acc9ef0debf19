"""The learned field reader: a linear-chain CRF that labels a note's tokens with fields.

Why a model beside the rules: hand-written rules read the shapes they were written for
with great precision and nothing else; a sequence model trained on many shapes reads the
rest. The parser uses both (``sources.combine``): the rules where they are certain, the
model elsewhere, and the model's marginals as a per-field confidence.

Modules, in the order data flows: ``labels`` (the label set), ``align`` (a reading of a
note, gold or the rules', as character spans and token labels), ``features`` (a scan's
tokens as CRF features), ``tagger`` (the shipped model, loaded lazily), ``assemble``
(labelled tokens back into fields).
"""
