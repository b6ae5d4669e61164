"""Compose and issue the department's own dispatches (Django app ``compose``).

An officer composes a draft (:class:`~congvan.compose.models.Dispatch`), a leader approves it
for signing, a clerk issues it: the outgoing register gives the next number of the year, the
date is stamped, the rendered DOCX is stored as a registry document (searchable, citable) and the
issued text is frozen as a :class:`~congvan.compose.models.Version`. A later change opens a new
draft that is issued as the next version; earlier versions never change.
The pages, the API and tests all go through :mod:`congvan.compose.services`.
"""
